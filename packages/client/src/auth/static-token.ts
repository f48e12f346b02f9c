// A token you already have: a string, or a function that returns the current one.
import { AuthError } from '../errors';
import type { AuthStrategy } from '../types';

export type TokenSource = string | (() => string | Promise<string>);

export interface StaticTokenAuth extends AuthStrategy {
  readonly kind: 'static';
}

/**
 * Uses `token` as is. With a function, the function is asked again after a 401, so it can return
 * a renewed token; with a string, a 401 becomes an AuthError at once.
 */
export function staticToken(token: TokenSource): StaticTokenAuth {
  return {
    kind: 'static',
    async getToken() {
      const value = typeof token === 'function' ? await token() : token;
      if (typeof value === 'string' && value.trim()) return value;
      throw new AuthError('staticToken: the token is empty: supply an access token.', {
        code: 'authentication.required',
      });
    },
    invalidate: () => typeof token === 'function',
  };
}
