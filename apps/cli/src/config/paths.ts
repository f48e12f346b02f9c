// Where the CLI keeps its profiles and cached tokens: one directory per user, by platform
// convention, or $TELEPHONY_CONFIG_DIR (tests, several setups side by side).
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/**
 * The configuration directory: `$TELEPHONY_CONFIG_DIR`, else `$XDG_CONFIG_HOME/telephony-kit`,
 * else `~/.config/telephony-kit` (macOS `~/Library/Preferences/telephony-kit`, Windows
 * `%APPDATA%\telephony-kit`).
 */
export function configDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: () => string = homedir,
): string {
  if (env.TELEPHONY_CONFIG_DIR) return env.TELEPHONY_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'telephony-kit');
  if (platform === 'darwin') return join(home(), 'Library', 'Preferences', 'telephony-kit');
  if (platform === 'win32')
    return win32.join(env.APPDATA || win32.join(home(), 'AppData', 'Roaming'), 'telephony-kit');
  return join(home(), '.config', 'telephony-kit');
}

/** The profile store: `<configDir>/config.toml`. */
export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'config.toml');
}

/** Where cached access tokens live: `<configDir>/tokens/`. */
export function tokensDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'tokens');
}
