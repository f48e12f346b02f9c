// The worker's settings, read once from flags and the environment and validated here: every other
// module takes a WorkerSettings and never looks at process.env. Secrets come only from the
// environment (never argv), and no error message repeats one.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ValidationError } from '@telephony-kit/client';

export type ApiCredentials =
  | { kind: 'client-credentials'; clientId: string; clientSecret: string }
  | { kind: 'token'; token: string };

export interface WorkerSettings {
  /** Exactly one of region and baseUrl. */
  region?: string;
  baseUrl?: string;
  credentials: ApiCredentials;
  /** postgres://… to share the queue; undefined runs embedded on PGlite in dataDir. */
  databaseUrl?: string;
  /** The PGlite directory lives in `<dataDir>/pglite`; unused with databaseUrl. */
  dataDir: string;
  /** Where exported PCAPs go: `<outputDir>/<date>/<conversationId or key>/<downloadId>.pcap`. */
  outputDir: string;
  /** Jobs run at once by this process, per job name. */
  concurrency: number;
  /** Requests per minute shared by every worker on the database; 0 turns the budget off. */
  requestsPerMinute: number;
  host: string;
  port: number;
  /** Bearer token of the HTTP API (required for a non-loopback host). */
  apiToken?: string;
  pretty: boolean;
  /** A PCAP that is not ready after this long fails the job. */
  pcapReadyTimeoutMs: number;
  /** The first wait between polls of a PCAP download. */
  pcapPollIntervalMs: number;
  /** How long stop() waits for running jobs before aborting them. */
  shutdownTimeoutMs: number;
  /** Cron of the sip-archive job (UTC); 'off' disables it. */
  archiveCron: string;
  /** How far back each sip-archive run searches (it runs every 15 min: the rest is overlap). */
  archiveWindowMs: number;
  /** Backoff base of retried jobs, in seconds. */
  retryDelaySeconds: number;
  retryLimit: number;
  /** A worker silent for this long is gone: others hand back its jobs (PostgreSQL). */
  heartbeatTimeoutMs: number;
}

/** A flag or variable with a wrong value; `exitCode` 2 like the `telephony` CLI's usage errors. */
export class SettingsError extends ValidationError {
  readonly exitCode = 2;
}

const FLAGS = {
  region: { type: 'string' },
  'base-url': { type: 'string' },
  'data-dir': { type: 'string' },
  'output-dir': { type: 'string' },
  concurrency: { type: 'string' },
  'requests-per-minute': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  pretty: { type: 'boolean' },
  'pcap-ready-timeout': { type: 'string' },
  'pcap-poll-interval': { type: 'string' },
  'shutdown-timeout': { type: 'string' },
  'archive-cron': { type: 'string' },
  'archive-window': { type: 'string' },
  'retry-delay': { type: 'string' },
  'retry-limit': { type: 'string' },
  'heartbeat-timeout': { type: 'string' },
} as const;

export const START_USAGE = `Usage: telephony-worker start [options]

Runs the worker: the job queue, the jobs and the HTTP API.

Options:
  --region <region>              Genesys Cloud region (or GENESYSCLOUD_REGION)
  --base-url <url>               API origin instead of a region (the emulator's URL)
  --data-dir <dir>               embedded database directory (or TELEPHONY_WORKER_DATA_DIR)
  --output-dir <dir>             where PCAPs are written (default <data dir>/pcaps)
  --concurrency <n>              jobs run at once per job type (default 4)
  --requests-per-minute <n>      budget shared by all workers of one database (default 300; 0 = off)
  --host <addr>                  HTTP API address (default 127.0.0.1)
  --port <n>                     HTTP API port (default 8377; 0 = a free one)
  --pcap-ready-timeout <dur>     fail a PCAP that is not ready after this long (default 30m)
  --pcap-poll-interval <dur>     first wait between PCAP polls (default 2s)
  --shutdown-timeout <dur>       wait this long for running jobs on SIGTERM (default 30s)
  --archive-cron <cron|off>      sip-archive schedule, UTC (default */15 * * * *)
  --archive-window <dur>         how far back each archive run looks (default 20m)
  --retry-delay <dur>            backoff base of retried jobs (default 5s)
  --retry-limit <n>              retries of a failed job (default 5)
  --heartbeat-timeout <dur>      hand back the jobs of a worker silent this long (default 60s)
  --pretty                       human-readable logs instead of JSON

Environment:
  GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET  client credentials
  GENESYSCLOUD_ACCESS_TOKEN      a ready access token instead
  GENESYSCLOUD_REGION            the region
  DATABASE_URL                   postgres://… to share the queue between workers
  TELEPHONY_WORKER_DATA_DIR      embedded database directory
  TELEPHONY_WORKER_TOKEN         bearer token of the HTTP API
`;

/** `$XDG_DATA_HOME/telephony-kit/worker`, `~/.local/share/…`, or the platform's equivalent. */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (platform === 'win32' && env.LOCALAPPDATA)
    return join(env.LOCALAPPDATA, 'telephony-kit', 'worker');
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'telephony-kit', 'worker');
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(base, 'telephony-kit', 'worker');
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;

/** `1500`, `1500ms`, `30s`, `20m`, `1h` → milliseconds. */
export function parseDuration(value: string, name: string): number {
  const match = DURATION.exec(value.trim());
  if (!match) {
    throw new SettingsError(
      `${name} ${JSON.stringify(value)} is not a duration: write it as 500ms, 30s, 20m or 1h.`,
      { field: name },
    );
  }
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] ?? 1;
  return Math.round(Number(match[1]) * factor);
}

function parseInteger(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new SettingsError(
      `${name} ${JSON.stringify(value)} must be a whole number from ${min} to ${max}.`,
      { field: name },
    );
  }
  return n;
}

function isLoopback(host: string): boolean {
  return (
    host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

const CRON_FIELD = /^[\d*/,-]+$/;

/** Reads `telephony-worker start`'s flags (argv after `start`) and the environment. */
export function parseSettings(argv: string[], env: NodeJS.ProcessEnv): WorkerSettings {
  let values: {
    [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string;
  };
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new SettingsError(`${(error as Error).message}\n\n${START_USAGE}`);
  }
  const region = values.region ?? (values['base-url'] ? undefined : env.GENESYSCLOUD_REGION);
  const baseUrl = values['base-url'];
  if (region && baseUrl) {
    throw new SettingsError('Give either --region or --base-url, not both.', { field: 'region' });
  }
  if (!region && !baseUrl) {
    throw new SettingsError(
      'No API to talk to: set GENESYSCLOUD_REGION (or --region us-east-1), or --base-url http://127.0.0.1:8787 for the emulator.',
      { field: 'region' },
    );
  }
  if (baseUrl) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new SettingsError(
        `--base-url ${JSON.stringify(baseUrl)} is not a URL: write it as http://127.0.0.1:8787.`,
        {
          field: 'base-url',
        },
      );
    }
    if (url.username || url.password) {
      throw new SettingsError(
        '--base-url must not carry credentials; use the GENESYSCLOUD_* variables.',
        {
          field: 'base-url',
        },
      );
    }
  }
  const clientId = env.GENESYSCLOUD_OAUTHCLIENT_ID;
  const clientSecret = env.GENESYSCLOUD_OAUTHCLIENT_SECRET;
  const accessToken = env.GENESYSCLOUD_ACCESS_TOKEN;
  let credentials: ApiCredentials;
  if (clientId && clientSecret)
    credentials = { kind: 'client-credentials', clientId, clientSecret };
  else if (accessToken) credentials = { kind: 'token', token: accessToken };
  else if (clientId || clientSecret) {
    throw new SettingsError(
      `${clientId ? 'GENESYSCLOUD_OAUTHCLIENT_SECRET' : 'GENESYSCLOUD_OAUTHCLIENT_ID'} is missing: client credentials need both the id and the secret.`,
      { field: clientId ? 'GENESYSCLOUD_OAUTHCLIENT_SECRET' : 'GENESYSCLOUD_OAUTHCLIENT_ID' },
    );
  } else {
    throw new SettingsError(
      'No credentials: set GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET (an OAuth client with telephony:pcap:add, telephony:pcap:view and internal:site:edit), or GENESYSCLOUD_ACCESS_TOKEN.',
      { field: 'GENESYSCLOUD_OAUTHCLIENT_ID' },
    );
  }

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    // Never echo the value: it may hold a password.
    throw new SettingsError(
      'DATABASE_URL must start with postgres:// or postgresql:// (leave it unset to run embedded).',
      { field: 'DATABASE_URL' },
    );
  }
  const dataDir = resolve(
    values['data-dir'] ?? (env.TELEPHONY_WORKER_DATA_DIR || defaultDataDir(env)),
  );
  const outputDir = resolve(values['output-dir'] ?? join(dataDir, 'pcaps'));
  const host = values.host ?? '127.0.0.1';
  const apiToken = env.TELEPHONY_WORKER_TOKEN || undefined;
  if (!isLoopback(host) && !apiToken) {
    throw new SettingsError(
      `Refusing to serve the HTTP API on ${host} without a token: set TELEPHONY_WORKER_TOKEN (a long random string), or keep the default --host 127.0.0.1.`,
      { field: 'host' },
    );
  }
  const archiveCron = (values['archive-cron'] ?? '*/15 * * * *').trim();
  if (archiveCron !== 'off') {
    const fields = archiveCron.split(/\s+/);
    if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) {
      throw new SettingsError(
        `--archive-cron ${JSON.stringify(archiveCron)} is not a 5-field cron expression such as "*/15 * * * *" (or "off").`,
        { field: 'archive-cron' },
      );
    }
  }
  const settings: WorkerSettings = {
    credentials,
    dataDir,
    outputDir,
    concurrency: parseInteger(values.concurrency ?? '4', '--concurrency', 1, 256),
    requestsPerMinute: parseInteger(
      values['requests-per-minute'] ?? '300',
      '--requests-per-minute',
      0,
      1_000_000,
    ),
    host,
    port: parseInteger(values.port ?? '8377', '--port', 0, 65_535),
    pretty: values.pretty ?? false,
    pcapReadyTimeoutMs: parseDuration(
      values['pcap-ready-timeout'] ?? '30m',
      '--pcap-ready-timeout',
    ),
    pcapPollIntervalMs: parseDuration(values['pcap-poll-interval'] ?? '2s', '--pcap-poll-interval'),
    shutdownTimeoutMs: parseDuration(values['shutdown-timeout'] ?? '30s', '--shutdown-timeout'),
    archiveCron,
    archiveWindowMs: parseDuration(values['archive-window'] ?? '20m', '--archive-window'),
    retryDelaySeconds: Math.max(
      1,
      Math.round(parseDuration(values['retry-delay'] ?? '5s', '--retry-delay') / 1000),
    ),
    retryLimit: parseInteger(values['retry-limit'] ?? '5', '--retry-limit', 0, 100),
    heartbeatTimeoutMs: parseDuration(values['heartbeat-timeout'] ?? '60s', '--heartbeat-timeout'),
  };
  if (settings.heartbeatTimeoutMs < 2_000) {
    throw new SettingsError(
      '--heartbeat-timeout must be at least 2s (the default 60s suits most networks).',
      {
        field: 'heartbeat-timeout',
      },
    );
  }
  if (region) settings.region = region;
  if (baseUrl) settings.baseUrl = baseUrl;
  if (databaseUrl) settings.databaseUrl = databaseUrl;
  if (apiToken) settings.apiToken = apiToken;
  return settings;
}
