// What a command gets: streams, TTY facts, flags, a lazily built client and prompts.
import type { TelephonyClient } from '@telephony-kit/client';
import type { Prompter } from './config/prompt';
import type { ResolvedSettings } from './config/resolve-settings';

export type OutputFormat = 'json' | 'yaml' | 'table' | 'ndjson';

/** The global flags, parsed by cli.ts for every command. */
export interface GlobalOptions {
  profile?: string;
  region?: string;
  baseUrl?: string;
  clientId?: string;
  clientSecretStdin: boolean;
  output?: OutputFormat;
  json: boolean;
  noColor: boolean;
  verbose: boolean;
  dryRun: boolean;
  /** Milliseconds, already parsed from `--timeout 30s` / `--timeout 30000`. */
  timeoutMs?: number;
}

export interface Context {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  isTTY: { stdout: boolean; stderr: boolean; stdin: boolean };
  env: NodeJS.ProcessEnv;
  color: boolean;
  verbose: boolean;
  dryRun: boolean;
  /** Aborted on SIGINT → exit 130. */
  signal: AbortSignal;
  /** stderr, only with --verbose. */
  log(message: string): void;
  /** stderr, always. */
  warn(message: string): void;
  /** Built from resolveSettings(), lazily. */
  client(): Promise<TelephonyClient>;
  settings(): Promise<ResolvedSettings>;
  prompt: Prompter;
  globals: GlobalOptions;
}

/** The process around the CLI: bin.ts passes the real one, tests their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  isTTY: { stdout: boolean; stderr: boolean; stdin: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT. */
  signal: AbortSignal;
  /** Aborts `signal` as SIGINT does: a prompt in raw mode receives Ctrl-C as a key. */
  interrupt?: () => void;
}

/** Whether to colour output on a stream: a terminal, and neither NO_COLOR nor --no-color. */
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean, noColor: boolean): boolean {
  return isTTY && !noColor && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Retries of the CLI: a person waits, so a 429 storm is ridden out a little longer. */
const CLI_RETRY = { maxRetries: 5 };

export function createContext(io: CliIO, globals: GlobalOptions, commandName: string): Context {
  const dryRun = new AbortController();
  const signal = AbortSignal.any([io.signal, dryRun.signal]);
  const color = useColor(io.env, io.isTTY.stdout, globals.noColor);
  const write = (line: string) => {
    io.stderr.write(`${line}\n`);
  };
  const log = (message: string) => {
    if (globals.verbose) write(`telephony: ${message}`);
  };
  const warn = (message: string) => write(`telephony: ${message}`);

  let settings: Promise<ResolvedSettings> | undefined;
  const resolve = async (): Promise<ResolvedSettings> => {
    const { resolveSettings } = await import('./config/resolve-settings');
    let clientSecret: string | undefined;
    if (globals.clientSecretStdin) {
      if (io.isTTY.stdin) {
        const { UsageError } = await import('./errors');
        throw new UsageError(
          '--client-secret-stdin reads the secret from a pipe: echo "$SECRET" | telephony …, or leave the flag out.',
          { command: commandName },
        );
      }
      clientSecret = (await readAll(io.stdin)).trim();
    }
    const flags = {
      ...(globals.profile !== undefined ? { profile: globals.profile } : {}),
      ...(globals.region !== undefined ? { region: globals.region } : {}),
      ...(globals.baseUrl !== undefined ? { baseUrl: globals.baseUrl } : {}),
      ...(globals.clientId !== undefined ? { clientId: globals.clientId } : {}),
      ...(clientSecret !== undefined ? { clientSecret } : {}),
    };
    const resolved = await resolveSettings(flags, io.env, { warn });
    log(
      `settings: ${resolved.source} (${resolved.baseUrl ? `base URL ${resolved.baseUrl}` : `region ${resolved.region}`})`,
    );
    return resolved;
  };

  const getSettings = (): Promise<ResolvedSettings> => {
    settings ??= resolve();
    return settings;
  };

  let client: Promise<TelephonyClient> | undefined;
  const build = async (): Promise<TelephonyClient> => {
    const resolved = await getSettings();
    const { createTelephonyClient, staticToken } = await import('@telephony-kit/client');
    const { dryRunFetch, loggingFetch } = await import('./http-debug');
    const { formatMs } = await import('./errors');
    const target = resolved.baseUrl
      ? { baseUrl: resolved.baseUrl }
      : { region: resolved.region as string };
    return createTelephonyClient({
      ...target,
      // A dry run sends nothing, not even the token request: the curl shows a placeholder.
      auth: globals.dryRun ? staticToken('dry-run') : resolved.auth,
      retry: CLI_RETRY,
      ...(globals.timeoutMs !== undefined ? { timeoutMs: globals.timeoutMs } : {}),
      ...(globals.dryRun
        ? { fetch: dryRunFetch(io.stdout, (reason) => dryRun.abort(reason)) }
        : globals.verbose
          ? { fetch: loggingFetch(log) }
          : {}),
      logger: {
        // Waits are reported by onWait below; everything else only with --verbose.
        debug: (message) => log(message),
        info: (message, fields) => {
          if (!fields || !('reason' in fields)) log(message);
        },
        warn: (message, fields) => {
          if (!fields || !('reason' in fields)) log(message);
        },
        error: (message) => log(message),
      },
      onWait: (event) => {
        if (event.reason === 'poll') return;
        const why =
          event.reason === 'retry-after'
            ? `answered ${event.status ?? 429} (rate limited)`
            : event.reason === 'rate-limit'
              ? 'is close to the rate limit'
              : event.status
                ? `answered ${event.status}`
                : 'failed';
        if (globals.verbose || event.ms >= 1000) {
          warn(
            `${event.method ?? ''} ${event.path ?? ''} ${why}; waiting ${formatMs(event.ms)} before retrying (attempt ${event.attempt}).`.trim(),
          );
        }
      },
    });
  };

  let prompter: Prompter | undefined;
  const loadPrompter = async (): Promise<Prompter> => {
    if (!prompter) {
      const { createPrompter } = await import('./config/prompt');
      prompter = createPrompter({
        stdin: io.stdin,
        stderr: io.stderr,
        ...(io.interrupt ? { onInterrupt: io.interrupt } : {}),
      });
    }
    return prompter;
  };

  return {
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: io.stdin,
    isTTY: io.isTTY,
    env: io.env,
    color,
    verbose: globals.verbose,
    dryRun: globals.dryRun,
    signal,
    log,
    warn,
    client: () => {
      client ??= build();
      return client;
    },
    settings: getSettings,
    prompt: {
      text: async (question, opts) => (await loadPrompter()).text(question, opts),
      secret: async (question) => (await loadPrompter()).secret(question),
      confirm: async (question, opts) => (await loadPrompter()).confirm(question, opts),
    },
    globals,
  };
}
