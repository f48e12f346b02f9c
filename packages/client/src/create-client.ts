// createTelephonyClient reads like a table of contents: region → auth → transport → openapi-fetch
// → middleware. Each call returns a new, independent client.
import type { paths } from '@telephony-kit/models';
import createClient, { type Client } from 'openapi-fetch';
import { staticToken } from './auth/static-token';
import { contractMiddleware } from './contract-middleware';
import { ValidationError } from './errors';
import { type RegionAlias, type RegionName, resolveRegion } from './regions';
import { resolveRetryOptions } from './transport/backoff';
import { createRetryingFetch } from './transport/retrying-fetch';
import { sleep } from './transport/sleep';
import type {
  AuthStrategy,
  FetchLike,
  Logger,
  RateLimitOptions,
  RetryOptions,
  Sleep,
  WaitEvent,
} from './types';
import { type UnwrappedData, unwrap } from './unwrap';

interface CommonOptions {
  /**
   * Who the client is: `clientCredentials({...})`, `pkce({...})`, `implicitGrant({...})`,
   * `staticToken(tokenOrFunction)`, or a token string. Optional only for the token-less
   * phonehome operation.
   */
  auth?: AuthStrategy | string;
  /** The fetch that reaches the network (PCAP downloads included). Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Per attempt (reading the response body included). Default 30 s; 0 disables. */
  timeoutMs?: number;
  /** Retries of 429, 502/503/504 and network errors; `false` disables. */
  retry?: RetryOptions | false;
  /** Slowing down by `inin-ratelimit-*` before a 429; `false` disables. */
  rateLimit?: RateLimitOptions | false;
  /** The User-Agent header. Default `telephony-kit` outside browsers, none in browsers. */
  userAgent?: string;
  /** Receives debug/info/warn lines; never a token. */
  logger?: Logger;
  /** Called before every wait (retry, Retry-After, rate-limit pacing). */
  onWait?: (event: WaitEvent) => void;
  /** For tests: how to wait. Default setTimeout, cut short by the request's signal. */
  sleep?: Sleep;
  /** For tests: the clock (epoch ms). Default Date.now. */
  now?: () => number;
}

export type TelephonyClientOptions = CommonOptions &
  (
    | {
        /** `us-east-1`, `eu_west_1`, `mypurecloud.ie` or `https://api.mypurecloud.ie`. */
        region: RegionAlias | (string & {});
        baseUrl?: never;
      }
    | {
        /** A full API origin, such as the emulator's `http://127.0.0.1:8787`. */
        baseUrl: string;
        region?: never;
      }
  );

export interface TelephonyClientExtras {
  /** The data of a call, or a thrown ApiError / AuthError / RateLimitError. */
  unwrap<R extends { response: Response; data?: unknown; error?: unknown }>(
    result: R | Promise<R>,
  ): Promise<UnwrappedData<R>>;
  readonly region: RegionName | undefined;
  readonly baseUrl: string;
  readonly loginBaseUrl: string;
  /** The fetch without token, retries or timeout — for signed URLs, which must not get the token. */
  readonly rawFetch: FetchLike;
  /** True when the client was given its own `fetch` (a proxy, custom TLS): everything uses it. */
  readonly customFetch: boolean;
  readonly auth: AuthStrategy | undefined;
  readonly logger: Logger | undefined;
  readonly sleep: Sleep;
  readonly now: () => number;
  readonly onWait: ((event: WaitEvent) => void) | undefined;
}

/** An openapi-fetch client for the nine Telephony operations, plus unwrap(). */
export type TelephonyClient = Client<paths, 'application/json'> & TelephonyClientExtras;

export function createTelephonyClient(options: TelephonyClientOptions): TelephonyClient {
  const { baseUrl, region: name, timeoutMs = 30_000 } = options;
  if ((baseUrl === undefined) === (name === undefined))
    throw new ValidationError('createTelephonyClient needs exactly one of region and baseUrl.', {
      field: 'region',
    });
  const { region, apiBaseUrl, loginBaseUrl } = resolveRegion((baseUrl ?? name) as string);
  const retry = resolveRetryOptions(options.retry);
  const extras: TelephonyClientExtras = {
    unwrap: (result) =>
      unwrap(result, { defaultRetryAfterMs: retry.defaultRetryAfterMs, now: extras.now }),
    region,
    baseUrl: apiBaseUrl,
    loginBaseUrl,
    rawFetch: options.fetch ?? ((request) => fetch(request)),
    customFetch: !!options.fetch,
    auth: typeof options.auth === 'string' ? staticToken(options.auth) : options.auth,
    logger: options.logger,
    sleep: options.sleep ?? sleep,
    now: options.now ?? Date.now,
    onWait: options.onWait,
  };
  extras.auth?.attach?.({ ...extras, fetch: extras.rawFetch, loginBaseUrl, timeoutMs });

  const client = createClient<paths, 'application/json'>({
    baseUrl: apiBaseUrl,
    fetch: createRetryingFetch(
      extras,
      retry,
      timeoutMs,
      options.rateLimit,
      options.userAgent ??
        // Only outside browsers: a browser sets its own, and a custom one costs a CORS preflight.
        (!('document' in globalThis) &&
        (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node
          ? 'telephony-kit'
          : undefined),
    ),
    headers: { accept: 'application/json' },
  });
  client.use(contractMiddleware);
  return Object.assign(client, extras);
}
