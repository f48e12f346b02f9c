// The profile store: `<configDir>/config.toml`, mode 0600 in a 0700 directory.
//
//   default = "prod"
//
//   [profiles.prod]
//   region = "eu-west-1"
//   client_id = "…"
//   client_secret = "…"
//
// Messages about the file never quote its contents: they could hold a secret.
import { readFile, stat } from 'node:fs/promises';
import { ValidationError } from '@telephony-kit/client';
import { parse, stringify, TomlError } from 'smol-toml';
import { configFile } from './paths';
import { writeFileAtomic } from './write-file-atomic';

export interface Profile {
  name: string;
  /** Exactly one of region and baseUrl. */
  region?: string;
  baseUrl?: string;
  clientId: string;
  clientSecret: string;
}

export interface ConfigData {
  /** The name of the default profile. */
  default?: string;
  profiles: Record<string, Profile>;
}

export type Warn = (message: string) => void;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Rejects a profile name that could not be a file name or a TOML bare key. */
export function assertProfileName(name: string): string {
  if (!NAME.test(name))
    throw new ValidationError(
      `Profile name "${name}" is not valid: use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.`,
      { field: 'profile' },
    );
  return name;
}

const fix = (file: string) =>
  `Fix ${file} by hand, or remove it and run \`telephony login\` again.`;

function invalid(file: string, what: string): ValidationError {
  return new ValidationError(`${file}: ${what}. ${fix(file)}`, { field: 'config' });
}

function stringField(
  file: string,
  table: Record<string, unknown>,
  key: string,
  where: string,
): string | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.trim())
    throw invalid(file, `${where}.${key} must be a non-empty string`);
  return value;
}

/** Validates parsed TOML into ConfigData. */
export function configFromToml(file: string, data: Record<string, unknown>): ConfigData {
  const config: ConfigData = { profiles: {} };
  for (const key of Object.keys(data)) {
    if (key !== 'default' && key !== 'profiles')
      throw invalid(
        file,
        `unknown top-level key "${key}" (expected "default" and [profiles.<name>])`,
      );
  }
  const defaultName = stringField(file, data, 'default', '(top level)');
  if (defaultName !== undefined) config.default = defaultName;
  const profiles = data.profiles ?? {};
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles))
    throw invalid(file, '"profiles" must be a table of [profiles.<name>] tables');
  for (const [name, raw] of Object.entries(profiles as Record<string, unknown>)) {
    const where = `[profiles.${name}]`;
    if (!NAME.test(name))
      throw invalid(file, `${where}: the name may hold only letters, digits, ".", "_" and "-"`);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw invalid(file, `${where} must be a table`);
    const table = raw as Record<string, unknown>;
    for (const key of Object.keys(table)) {
      if (!['region', 'base_url', 'client_id', 'client_secret'].includes(key))
        throw invalid(
          file,
          `${where}: unknown key "${key}" (expected region or base_url, client_id, client_secret)`,
        );
    }
    const region = stringField(file, table, 'region', where);
    const baseUrl = stringField(file, table, 'base_url', where);
    const clientId = stringField(file, table, 'client_id', where);
    const clientSecret = stringField(file, table, 'client_secret', where);
    if ((region === undefined) === (baseUrl === undefined))
      throw invalid(file, `${where} needs exactly one of region and base_url`);
    if (clientId === undefined || clientSecret === undefined)
      throw invalid(file, `${where} needs client_id and client_secret`);
    config.profiles[name] = {
      name,
      ...(region === undefined ? { baseUrl: baseUrl as string } : { region }),
      clientId,
      clientSecret,
    };
  }
  if (config.default !== undefined && !Object.hasOwn(config.profiles, config.default))
    throw invalid(
      file,
      `default = "${config.default}" names no profile (run \`telephony profiles use <name>\`)`,
    );
  return config;
}

/** The TOML text of `config`. */
export function configToToml(config: ConfigData): string {
  const profiles: Record<string, Record<string, string>> = {};
  for (const [name, profile] of Object.entries(config.profiles)) {
    profiles[name] = {
      ...(profile.baseUrl === undefined
        ? { region: profile.region as string }
        : { base_url: profile.baseUrl }),
      client_id: profile.clientId,
      client_secret: profile.clientSecret,
    };
  }
  const header =
    '# telephony-kit CLI profiles: written by `telephony login` and `telephony profiles`.\n' +
    '# It holds client secrets: keep it private (mode 0600).\n\n';
  return `${header}${stringify(config.default === undefined ? { profiles } : { default: config.default, profiles })}\n`;
}

/** Parses TOML text; a syntax error names the file, line and column — never the text itself. */
export function parseConfig(file: string, text: string): ConfigData {
  let data: Record<string, unknown>;
  try {
    data = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      // The first line of smol-toml's message is the reason; the rest quotes the file.
      const reason =
        String(error.message)
          .split('\n')[0]
          ?.replace(/^Invalid TOML document:\s*/i, '')
          .replace(/\.$/, '') ?? 'syntax error';
      throw new ValidationError(
        `${file}:${error.line}:${error.column}: not valid TOML (${reason}). ${fix(file)}`,
        { field: 'config' },
      );
    }
    throw error;
  }
  return configFromToml(file, data);
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Told when the file can be read by other users. */
  warn?: Warn;
}

/** Reads the profile store; a missing file is an empty store. */
export async function loadConfig({
  env = process.env,
  warn,
}: LoadOptions = {}): Promise<ConfigData> {
  const file = configFile(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new ValidationError(
      `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check its owner and permissions.`,
      { field: 'config' },
    );
  }
  if (warn && process.platform !== 'win32') {
    const { mode } = await stat(file);
    if (mode & 0o077)
      warn(
        `${file} holds client secrets but other users may read it (mode ${(mode & 0o777).toString(8).padStart(4, '0')}): run \`chmod 600 ${file}\`.`,
      );
  }
  return parseConfig(file, text);
}

/** Writes the profile store atomically, mode 0600 in a 0700 directory. */
export async function saveConfig(
  config: ConfigData,
  { env = process.env }: { env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const file = configFile(env);
  await writeFileAtomic(file, configToToml(config), { mode: 0o600, dirMode: 0o700 });
  return file;
}
