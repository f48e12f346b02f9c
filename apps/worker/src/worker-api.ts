// The thin commands' HTTP client for the worker API (TELEPHONY_WORKER_URL, TELEPHONY_WORKER_TOKEN):
// answers become data, failures become CliErrors with the exit code of their kind.
import { CliError, exitCodes, usageError } from './exit-codes';
import { isLoopback } from './loopback';

export const defaultWorkerUrl = 'http://127.0.0.1:8377';

export interface WorkerApiOptions {
  url: string;
  token?: string | undefined;
  timeoutMs: number;
  signal: AbortSignal;
  /** --verbose: one line per exchange on stderr (never the token). */
  log?: (message: string) => void;
}

export interface WorkerApi {
  readonly url: string;
  request<T = unknown>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options?: { query?: Record<string, string | number | undefined>; body?: unknown },
  ): Promise<T>;
}

/** Checks the URL once, so a typo is a usage error rather than a network failure. */
export function parseWorkerUrl(value: string, source: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(
      `${source} ${JSON.stringify(value)} is not a URL: write it as ${defaultWorkerUrl}.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`${source} must be an http:// or https:// URL, not ${url.protocol}//…`);
  }
  if (url.username || url.password) {
    throw usageError(`${source} must not hold credentials: set TELEPHONY_WORKER_TOKEN instead.`);
  }
  return url;
}

export function createWorkerApi(options: WorkerApiOptions): WorkerApi {
  const base = parseWorkerUrl(options.url, 'The worker URL');
  const origin = base.href.replace(/\/+$/, '');
  const token = options.token?.trim() || undefined;
  if (token && base.protocol === 'http:' && !isLoopback(base.hostname.replace(/^\[|\]$/g, ''))) {
    options.log?.(
      `warning: the token is sent over plain http to ${base.host}; put the worker behind TLS or an SSH tunnel`,
    );
  }
  return {
    url: origin,
    async request<T>(
      method: 'GET' | 'POST' | 'DELETE',
      path: string,
      init: { query?: Record<string, string | number | undefined>; body?: unknown } = {},
    ): Promise<T> {
      const target = new URL(origin + path);
      for (const [key, value] of Object.entries(init.query ?? {})) {
        if (value !== undefined) target.searchParams.set(key, String(value));
      }
      const headers: Record<string, string> = { accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (init.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.body);
      }
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = anySignal(options.signal, timeout);
      options.log?.(`→ ${method} ${target.pathname}${target.search}`);
      let response: Response;
      let text: string;
      try {
        response = await fetch(target, { method, headers, body, signal });
        text = await response.text();
      } catch (error) {
        if (options.signal.aborted) throw new CliError('Interrupted.', exitCodes.interrupted);
        if (timeout.aborted) {
          throw new CliError(
            `The worker at ${origin} did not answer within ${Math.round(options.timeoutMs / 1000)} s: is it overloaded? Try again, or raise --timeout.`,
            exitCodes.failure,
          );
        }
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(
          `Cannot reach the worker at ${origin} (${cause?.code ?? cause?.message ?? (error as Error).message}): start it with \`telephony-worker start\`, or point TELEPHONY_WORKER_URL at it.`,
          exitCodes.failure,
        );
      }
      options.log?.(`← ${response.status} ${method} ${target.pathname}`);
      let payload: unknown;
      try {
        payload = text ? JSON.parse(text) : undefined;
      } catch {
        payload = undefined;
      }
      if (response.ok) {
        if (payload === undefined && text) {
          throw new CliError(
            `The worker at ${origin} answered ${method} ${target.pathname} with something other than JSON: is TELEPHONY_WORKER_URL the worker's address?`,
            exitCodes.failure,
          );
        }
        return payload as T;
      }
      throw apiError(response.status, payload, origin);
    },
  };
}

interface ErrorPayload {
  error?: unknown;
  message?: unknown;
  details?: unknown;
}

function apiError(status: number, payload: unknown, origin: string): CliError {
  const body = (payload && typeof payload === 'object' ? payload : {}) as ErrorPayload;
  const message =
    typeof body.message === 'string'
      ? body.message
      : `The worker at ${origin} answered HTTP ${status}${payload === undefined ? ' without a JSON body: is TELEPHONY_WORKER_URL the worker\u2019s address?' : '.'}`;
  const details = Array.isArray(body.details)
    ? body.details.map((detail: { field?: unknown; message?: unknown }) =>
        `${String(detail.field ?? '')}: ${String(detail.message ?? '')}`.replace(/^: /, ''),
      )
    : [];
  if (status === 401 || status === 403) {
    return new CliError(
      status === 401 && !/TELEPHONY_WORKER_TOKEN/.test(message)
        ? `${message} Set TELEPHONY_WORKER_TOKEN to the worker's token.`
        : message,
      exitCodes.auth,
      details,
    );
  }
  if (status === 404) return new CliError(message, exitCodes.notFound, details);
  if (status === 400 || status === 413 || status === 415) {
    return new CliError(message, exitCodes.usage, details);
  }
  return new CliError(message, exitCodes.failure, details);
}

// AbortSignal.any arrived in Node 20.3; the package supports every Node 20.
function anySignal(...signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
