// Shared by the engine's tests: settings for the emulator, waiting on states, exports of the data
// set's calls, spawned worker processes, and PCAP checks.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '@telephony-kit/emulator';
import { inject } from 'vitest';
import { parseSettings, type WorkerSettings } from '../src/env';

export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** A new directory in the run's scratch directory (removed when the run ends). */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(inject('scratch') ?? tmpdir(), `${prefix}-`));
}

export function emulatorEnv(emulator: Emulator): NodeJS.ProcessEnv {
  return {
    GENESYSCLOUD_OAUTHCLIENT_ID: emulator.credentials.demo.clientId,
    GENESYSCLOUD_OAUTHCLIENT_SECRET: emulator.credentials.demo.clientSecret,
  };
}

/** Settings as `telephony-worker start` would read them, against `emulator`. */
export function settingsFor(
  emulator: Emulator,
  flags: string[],
  env: NodeJS.ProcessEnv = {},
): WorkerSettings {
  return parseSettings(['--base-url', emulator.url, '--port', '0', ...flags], {
    ...emulatorEnv(emulator),
    ...env,
  });
}

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 90_000,
  intervalMs = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** One export per call of the data set: its conversationId and a range around the call. */
export function exportsOf(emulator: Emulator, count: number) {
  const conversations = emulator.dataset.conversations;
  if (conversations.length < count)
    throw new Error(`The data set has only ${conversations.length} calls.`);
  return conversations.slice(0, count).map((c) => ({
    conversationId: c.conversationId,
    dateStart: new Date(Date.parse(c.startTime) - 60_000).toISOString(),
    dateEnd: new Date(Date.parse(c.endTime) + 60_000).toISOString(),
  }));
}

/** Every file under `dir`, relative paths. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

export const PCAP_MAGICS = ['a1b2c3d4', 'd4c3b2a1', 'a1b23c4d', '4d3cb2a1', '0a0d0d0a'];

/** Checks one exported file against its job result: the size, the sha256 and the capture magic. */
export function checkPcap(result: { path: string; bytes: number; sha256: string }): void {
  const data = readFileSync(result.path);
  if (statSync(result.path).size !== result.bytes) throw new Error(`${result.path}: size differs`);
  const sha = createHash('sha256').update(data).digest('hex');
  if (sha !== result.sha256) throw new Error(`${result.path}: sha256 differs`);
  if (!PCAP_MAGICS.includes(data.subarray(0, 4).toString('hex'))) {
    throw new Error(`${result.path}: not a capture`);
  }
}

export interface SpawnedWorker {
  child: ChildProcess;
  url: Promise<string>;
  /** Everything it logged so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the built `telephony-worker start` with `flags` and `env` (plus PATH/HOME). */
export function spawnWorker(flags: string[], env: NodeJS.ProcessEnv): SpawnedWorker {
  const child = spawn(process.execPath, [BIN, 'start', ...flags], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let resolveUrl: (url: string) => void = () => {};
  let rejectUrl: (error: Error) => void = () => {};
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  url.catch(() => {});
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    const match = /"url":"(http:\/\/[^"]+)","msg":"HTTP API listening"/.exec(output);
    if (match?.[1]) resolveUrl(match[1]);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      rejectUrl(new Error(`the worker exited (${code ?? signal}) before listening:\n${output}`));
      resolve({ code, signal });
    });
  });
  return { child, url, output: () => output, exited };
}

/** A new, empty database on the test server; its URL. */
export async function createDatabase(serverUrl: string, prefix: string): Promise<string> {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
