// Implicit grant for browsers: the login page redirects back with the token in the URL fragment
// (`#access_token=…&expires_in=…&state=…`), which handleRedirect() reads and then clears.
import { AuthError } from '../errors';
import type { AuthContext } from '../types';
import { authorizeUrl, type BrowserEnvOptions, browserEnv, validToken } from './browser-env';
import { randomString } from './encoding';
import { oauthError } from './oauth';
import type { RedirectLoginAuth, RedirectLoginResult } from './pkce';
import { createStrategyContext, type StrategyHostOptions } from './strategy-context';
import type { IssuedToken } from './token-cache';

export interface ImplicitGrantOptions extends StrategyHostOptions, BrowserEnvOptions {
  clientId: string;
  redirectUri: string;
  /** The storage key of the pending login. Default `telephony-kit:implicit:<clientId>`. */
  storageKey?: string;
}

/** `handleRedirect()` reads the token from the URL fragment and clears the fragment. */
export interface ImplicitGrantAuth extends RedirectLoginAuth {
  readonly kind: 'implicit';
}

interface PendingLogin {
  nonce: string;
  appState?: string;
}

export function implicitGrant(options: ImplicitGrantOptions): ImplicitGrantAuth {
  if (!options?.clientId || !options.redirectUri) {
    throw new TypeError('implicitGrant({ clientId, redirectUri }): both are required.');
  }
  const context = createStrategyContext('implicit', options);
  const env = browserEnv('implicit', options);
  const key = options.storageKey ?? `telephony-kit:implicit:${options.clientId}`;
  // The token lives in memory only; a browser login cannot be renewed without the user.
  let token: IssuedToken | undefined;

  async function complete(): Promise<RedirectLoginResult | undefined> {
    const { storage, location, history } = env();
    const returned = new URL(location.href);
    const fragment = new URLSearchParams(returned.hash.replace(/^#/, ''));
    const accessToken = fragment.get('access_token');
    const error = fragment.get('error');
    if (accessToken === null && error === null) return undefined;
    const raw = storage.getItem(key);
    storage.removeItem(key);
    // The token must not stay in the address bar, the history or a bookmark.
    const clean = new URL(returned);
    clean.hash = '';
    history?.replaceState(null, '', clean.toString());
    if (error !== null) {
      throw oauthError(context, 'Implicit grant login', {
        body: { error, error_description: fragment.get('error_description') ?? undefined },
      });
    }
    const pending = raw === null ? undefined : (JSON.parse(raw) as PendingLogin);
    if (pending === undefined || fragment.get('state') !== pending.nonce) {
      throw new AuthError(
        'Implicit grant login: the state in the URL fragment does not match a login started in this tab, so the token may be injected. Call login() again.',
        { code: 'implicit.state.mismatch' },
      );
    }
    const issuedAt = context.now();
    const expiresIn = Number(fragment.get('expires_in'));
    const expiresAt =
      Number.isFinite(expiresIn) && expiresIn > 0
        ? issuedAt + expiresIn * 1000
        : Number.POSITIVE_INFINITY;
    token = { accessToken: accessToken as string, expiresAt, issuedAt };
    return { accessToken: accessToken as string, expiresAt, state: pending.appState };
  }

  const strategy: ImplicitGrantAuth = {
    kind: 'implicit',
    attach: (ctx: AuthContext) => context.attach(ctx),
    async login(loginOptions = {}) {
      const { storage, location, crypto } = env();
      const pending: PendingLogin = { nonce: randomString(crypto, 32) };
      if (loginOptions.state !== undefined) pending.appState = loginOptions.state;
      storage.setItem(key, JSON.stringify(pending));
      const url = authorizeUrl(context, {
        response_type: 'token',
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        state: pending.nonce,
      });
      location.assign(url);
      return url;
    },
    handleRedirect: complete,
    async getToken() {
      if (!token || context.now() >= token.expiresAt) await complete();
      return validToken(context, token);
    },
    invalidate(rejected) {
      if (token?.accessToken === rejected) token = undefined;
      return false;
    },
    signOut: () => {
      token = undefined;
    },
  };
  return strategy;
}
