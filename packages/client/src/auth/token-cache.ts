// One cached token per strategy: reused until shortly before it expires, refreshed once for all
// concurrent callers, and dropped when the API rejects it.

export interface IssuedToken {
  accessToken: string;
  /** Epoch ms; Infinity when the issuer did not say. */
  expiresAt: number;
  /** When it was issued (epoch ms). */
  issuedAt: number;
}

export interface TokenCache {
  get(signal?: AbortSignal): Promise<string>;
  /** Drops `token` if it is the cached one; true when a later get() will fetch a new one. */
  invalidate(token: string): boolean;
  set(token: IssuedToken | undefined): void;
  peek(): IssuedToken | undefined;
}

export interface TokenCacheOptions {
  now: () => number;
  /** Refresh this long before expiry (at most 10% of the token's lifetime). Default 60 s. */
  refreshMarginMs?: number;
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts (the shared work goes on). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function createTokenCache(
  fetchToken: () => Promise<IssuedToken>,
  options: TokenCacheOptions,
): TokenCache {
  let current: IssuedToken | undefined;
  let pending: Promise<IssuedToken> | undefined;
  const marginMs = options.refreshMarginMs ?? 60_000;

  const fresh = (token: IssuedToken) => {
    const lifetime = token.expiresAt - token.issuedAt;
    return options.now() < token.expiresAt - Math.min(marginMs, lifetime * 0.1);
  };

  return {
    async get(signal) {
      signal?.throwIfAborted();
      if (current && fresh(current)) return current.accessToken;
      if (!pending) {
        pending = fetchToken()
          .then((token) => {
            current = token;
            return token;
          })
          .finally(() => {
            pending = undefined;
          });
        // Every caller may have gone (aborted) by the time it fails: never an unhandled rejection.
        pending.catch(() => {});
      }
      return (await raceSignal(pending, signal)).accessToken;
    },
    invalidate(token) {
      if (current?.accessToken === token) current = undefined;
      return true;
    },
    set(token) {
      current = token;
    },
    peek: () => current,
  };
}
