// The option and strategy shapes shared by the client's layers.
import type { RegionName } from './regions';

/** What the client uses to send a request: `globalThis.fetch` or anything that behaves like it. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Optional log sink. It never receives a token or a secret. */
export interface Logger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

export type WaitReason =
  /** A 429 told the client how long to wait (Retry-After, or 3 s when absent). */
  | 'retry-after'
  /** Backing off after a 502/503/504, a network error or a timeout. */
  | 'backoff'
  /** Slowing down before the rate-limit window (`inin-ratelimit-*`) is exhausted. */
  | 'rate-limit'
  /** exportPcap waiting for the PCAP file to be prepared. */
  | 'poll';

/** One wait of the client, reported before it starts. */
export interface WaitEvent {
  reason: WaitReason;
  ms: number;
  /** The attempt (1 = first try) that the wait follows. */
  attempt: number;
  /** The HTTP status that caused the wait, if any. */
  status?: number;
  method?: string;
  /** The request path (no host, no credentials). */
  path?: string;
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** First backoff delay; it doubles per attempt, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of one backoff delay. Default 20 s. */
  maxDelayMs?: number;
  /** No retry starts once this much time has passed since the first attempt. Default 5 min. */
  maxElapsedMs?: number;
  /** Give up (RateLimitError) when a 429 asks to wait longer than this. Default 3 min. */
  maxRetryAfterMs?: number;
  /** The wait after a 429 without Retry-After. Default 3 s. */
  defaultRetryAfterMs?: number;
  /** Source of jitter in [0, 1). Default Math.random. */
  random?: () => number;
}

export interface RateLimitOptions {
  /**
   * Share of the window (`inin-ratelimit-count / inin-ratelimit-allowed`) after which requests are
   * spread over the rest of the window. Default 0.8.
   */
  threshold?: number;
  /** Never wait longer than this for the window. Default 60 s. */
  maxWaitMs?: number;
}

/** Options of one request-level wait: `sleep(ms, signal)` rejects when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What createTelephonyClient hands to an auth strategy. */
export interface AuthContext {
  /** `https://login.<domain>` (or the emulator's origin). */
  loginBaseUrl: string;
  region: RegionName | undefined;
  /** The raw fetch: no token, no retries. */
  fetch: FetchLike;
  logger: Logger | undefined;
  now: () => number;
  timeoutMs: number;
}

/**
 * Produces access tokens. Create one with `staticToken`, `clientCredentials`, `pkce` or
 * `implicitGrant`; a strategy owns its token's lifecycle.
 */
export interface AuthStrategy {
  readonly kind: string;
  /** Called by createTelephonyClient with the client's login host and fetch. */
  attach?(context: AuthContext): void;
  /** A valid access token; concurrent callers share one refresh. */
  getToken(options?: { signal?: AbortSignal | undefined }): Promise<string>;
  /**
   * Called once after the API rejected `token` with 401. Resolves true when a retry with a new
   * token is worthwhile (the strategy can re-authenticate), false otherwise.
   */
  invalidate?(token: string): boolean | Promise<boolean>;
}
