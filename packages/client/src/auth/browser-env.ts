// The browser objects the redirect flows use, injectable so that they run in tests and in
// non-window contexts.
import { AuthError } from '../errors';
import type { CryptoLike } from './encoding';
import type { StrategyContext } from './strategy-context';
import type { IssuedToken } from './token-cache';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LocationLike {
  readonly href: string;
  assign(url: string): void;
}

export interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
}

export interface BrowserEnvOptions {
  /** Where the verifier and state wait for the redirect back. Default `sessionStorage`. */
  storage?: StorageLike;
  /** Default `window.location`. */
  location?: LocationLike;
  /** Default `window.history`. */
  history?: HistoryLike;
  /** Default `globalThis.crypto` (WebCrypto). */
  crypto?: CryptoLike;
}

export interface BrowserEnv {
  storage: StorageLike;
  location: LocationLike;
  history: HistoryLike | undefined;
  crypto: CryptoLike;
}

function missing(kind: string, what: string): never {
  throw new TypeError(`${kind} needs ${what}: run it in a browser or pass it in the options.`);
}

/** Resolves each object lazily, so that creating a strategy never touches a missing global. */
export function browserEnv(kind: string, options: BrowserEnvOptions): () => BrowserEnv {
  return () => {
    const g = globalThis as unknown as {
      sessionStorage?: StorageLike;
      location?: LocationLike;
      history?: HistoryLike;
      crypto?: CryptoLike;
    };
    return {
      storage: options.storage ?? g.sessionStorage ?? missing(kind, 'storage (sessionStorage)'),
      location: options.location ?? g.location ?? missing(kind, 'location'),
      history: options.history ?? g.history,
      crypto: options.crypto ?? g.crypto ?? missing(kind, 'crypto (WebCrypto)'),
    };
  };
}

/** `<login>/oauth/authorize?…`: where login() sends the browser. */
export function authorizeUrl(context: StrategyContext, query: Record<string, string>): string {
  return `${context.loginBaseUrl}/oauth/authorize?${new URLSearchParams(query)}`;
}

/** The token of a browser login while it is valid; otherwise an AuthError that says to sign in. */
export function validToken(context: StrategyContext, token: IssuedToken | undefined): string {
  if (token && context.now() < token.expiresAt) return token.accessToken;
  throw new AuthError('Not signed in (or the session expired): call login().', {
    code: 'authentication.required',
  });
}
