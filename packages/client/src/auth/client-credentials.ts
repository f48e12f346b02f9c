// Client credentials grant: a service's own token, for Node and other server runtimes. Uses fetch
// and btoa only, so it runs wherever fetch does.
import type { AuthContext, AuthStrategy } from '../types';
import { base64Utf8 } from './encoding';
import { requestToken } from './oauth';
import { createStrategyContext, type StrategyHostOptions } from './strategy-context';
import { createTokenCache, type IssuedToken } from './token-cache';

export interface ClientCredentialsOptions extends StrategyHostOptions {
  clientId: string;
  clientSecret: string;
  /** Refresh this long before the token expires (at most 10% of its lifetime). Default 60 s. */
  refreshMarginMs?: number;
}

export interface ClientCredentialsAuth extends AuthStrategy {
  readonly kind: 'client-credentials';
  /** The cached token's expiry (epoch ms), if a token has been issued. */
  expiresAt(): number | undefined;
  /** Forgets the cached token. */
  clear(): void;
}

export function clientCredentials(options: ClientCredentialsOptions): ClientCredentialsAuth {
  if (!options?.clientId || !options.clientSecret) {
    throw new TypeError('clientCredentials({ clientId, clientSecret }): both are required.');
  }
  const context = createStrategyContext('client-credentials', options);
  const basic = `Basic ${base64Utf8(`${options.clientId}:${options.clientSecret}`)}`;
  const cache = createTokenCache(
    (): Promise<IssuedToken> =>
      requestToken(
        context,
        'Client credentials login',
        { grant_type: 'client_credentials' },
        basic,
      ),
    {
      now: () => context.now(),
      ...(options.refreshMarginMs === undefined
        ? {}
        : { refreshMarginMs: options.refreshMarginMs }),
    },
  );
  return {
    kind: 'client-credentials',
    attach: (ctx: AuthContext) => context.attach(ctx),
    getToken: (opts) => cache.get(opts?.signal),
    invalidate: (token) => cache.invalidate(token),
    expiresAt: () => cache.peek()?.expiresAt,
    clear: () => cache.set(undefined),
  };
}
