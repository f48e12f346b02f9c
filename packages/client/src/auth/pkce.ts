// Authorization code grant with PKCE (RFC 7636, S256) for browsers: login() sends the user to the
// login page, handleRedirect() exchanges the code that comes back. WebCrypto and sessionStorage
// only; no Node built-ins.
import { AuthError } from '../errors';
import type { AuthContext, AuthStrategy } from '../types';
import { authorizeUrl, type BrowserEnvOptions, browserEnv, validToken } from './browser-env';
import { base64Url, randomString } from './encoding';
import { oauthError, requestToken } from './oauth';
import { createStrategyContext, type StrategyHostOptions } from './strategy-context';
import type { IssuedToken } from './token-cache';

export interface PkceOptions extends StrategyHostOptions, BrowserEnvOptions {
  clientId: string;
  /** Must be registered on the OAuth client. */
  redirectUri: string;
  /** Length of the code verifier, 43–128 characters. Default 64. */
  verifierLength?: number;
  /** The storage key of the pending login. Default `telephony-kit:pkce:<clientId>`. */
  storageKey?: string;
}

/** What a completed browser login yields. */
export interface RedirectLoginResult {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** The application state passed to login(), if any. */
  state: string | undefined;
}

/** A browser sign-in through the login page: PKCE or the implicit grant. */
export interface RedirectLoginAuth extends AuthStrategy {
  /** Sends the browser to the login page (location.assign) and resolves with that URL. */
  login(options?: { state?: string }): Promise<string>;
  /**
   * Completes the login on the page the login service redirected to: checks the state, gets the
   * token and cleans the address bar. Resolves undefined when the URL carries no login.
   */
  handleRedirect(): Promise<RedirectLoginResult | undefined>;
  /** Forgets the token. */
  signOut(): void;
}

/** `handleRedirect()` exchanges the `?code=…` of the redirect for a token. */
export interface PkceAuth extends RedirectLoginAuth {
  readonly kind: 'pkce';
}

interface PendingLogin {
  verifier: string;
  nonce: string;
  redirectUri: string;
  appState?: string;
}

/** `base64url(SHA-256(verifier))`. */
export async function codeChallenge(
  crypto: { subtle: Pick<SubtleCrypto, 'digest'> },
  verifier: string,
): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function pkce(options: PkceOptions): PkceAuth {
  const { clientId, redirectUri, verifierLength: length = 64 } = options ?? {};
  if (!clientId || !redirectUri) {
    throw new TypeError('pkce({ clientId, redirectUri }): both are required.');
  }
  if (!Number.isInteger(length) || length < 43 || length > 128) {
    throw new RangeError(`pkce: verifierLength must be from 43 to 128 (RFC 7636), not ${length}.`);
  }
  const context = createStrategyContext('pkce', options);
  const env = browserEnv('pkce', options);
  const key = options.storageKey ?? `telephony-kit:pkce:${clientId}`;
  // The token lives in memory only; a browser login cannot be renewed without the user.
  let token: IssuedToken | undefined;
  let completing: Promise<RedirectLoginResult | undefined> | undefined;

  async function complete(): Promise<RedirectLoginResult | undefined> {
    const { storage, location, history } = env();
    const returned = new URL(location.href);
    const query = returned.searchParams;
    const code = query.get('code');
    const error = query.get('error');
    if (code === null && error === null) return undefined;
    const raw = storage.getItem(key);
    storage.removeItem(key);
    // The code is single-use and must not stay in the address bar or the history.
    const clean = new URL(returned);
    for (const name of ['code', 'state', 'error', 'error_description', 'session_state'])
      clean.searchParams.delete(name);
    history?.replaceState(null, '', `${clean}`);
    if (error !== null) {
      throw oauthError(context, 'PKCE login', {
        body: { error, error_description: query.get('error_description') ?? undefined },
      });
    }
    if (raw === null) {
      throw new AuthError('PKCE login: no login is pending in this tab: call login() again.', {
        code: 'pkce.no.pending.login',
      });
    }
    const pending = JSON.parse(raw) as PendingLogin;
    if (query.get('state') !== pending.nonce) {
      throw new AuthError(
        'PKCE login: the state in the redirect does not match this tab’s: call login() again.',
        { code: 'pkce.state.mismatch' },
      );
    }
    token = await requestToken(context, 'PKCE login', {
      grant_type: 'authorization_code',
      code: code as string,
      code_verifier: pending.verifier,
      client_id: clientId,
      redirect_uri: pending.redirectUri,
    });
    return { accessToken: token.accessToken, expiresAt: token.expiresAt, state: pending.appState };
  }

  const strategy: PkceAuth = {
    kind: 'pkce',
    attach: (ctx: AuthContext) => context.attach(ctx),
    async login({ state } = {}) {
      const { storage, location, crypto } = env();
      const verifier = randomString(crypto, length);
      const nonce = randomString(crypto, 32);
      const pending: PendingLogin = { verifier, nonce, redirectUri, appState: state };
      storage.setItem(key, JSON.stringify(pending));
      const url = authorizeUrl(context, {
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        code_challenge: await codeChallenge(crypto, verifier),
        code_challenge_method: 'S256',
        state: nonce,
      });
      location.assign(url);
      return url;
    },
    handleRedirect() {
      completing ??= complete().finally(() => {
        completing = undefined;
      });
      return completing;
    },
    async getToken() {
      if (!token || context.now() >= token.expiresAt) await strategy.handleRedirect();
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
