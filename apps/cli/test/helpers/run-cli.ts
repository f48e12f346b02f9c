// Spawns the BUILT binary (turbo builds the package before its tests) with a clean environment.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const binPath = join(packageDir, 'dist/bin.js');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  cwd?: string;
  timeoutMs?: number;
}

/** A fresh config directory: no profile, no cached token. */
export const tempDir = (prefix = 'telephony-cli-') => mkdtempSync(join(tmpdir(), prefix));

/** Credentials of an emulator client, as the official tools read them. */
export function credentialsEnv(
  clientId: string,
  clientSecret: string,
  configDir = tempDir(),
): Record<string, string> {
  return {
    GENESYSCLOUD_OAUTHCLIENT_ID: clientId,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: clientSecret,
    TELEPHONY_CONFIG_DIR: configDir,
  };
}

/** Access tokens the CLI cached under a config directory (to prove they never leak). */
export function cachedTokens(configDir: string): string[] {
  const dir = join(configDir, 'tokens');
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    try {
      const { accessToken } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      return typeof accessToken === 'string' ? [accessToken] : [];
    } catch {
      return [];
    }
  });
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const home = tempDir('telephony-home-');
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: options.cwd ?? packageDir,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        TELEPHONY_CONFIG_DIR: join(home, 'config'),
        ...options.env,
      } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolvePromise({
        code,
        signal,
        stdout: stdoutBytes.toString('utf8'),
        stdoutBytes,
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}
