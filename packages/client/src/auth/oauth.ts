// The token endpoint (`POST <login>/oauth/token`, form body) and OAuth-style errors.
import { AuthError, type AuthErrorInit, NetworkError } from '../errors';
import { withTimeout } from '../transport/sleep';
import type { StrategyContext } from './strategy-context';
import type { IssuedToken } from './token-cache';

/** The hint appended to errors that can mean "this OAuth client lives in another region". */
export function regionHint(context: Pick<StrategyContext, 'loginBaseUrl' | 'region'>): string {
  const { region, loginBaseUrl } = context;
  return (
    `Check the client id and secret, and the region: this client logs in at ${region ? `${region} (${loginBaseUrl})` : loginBaseUrl}, ` +
    'where an OAuth client of another region is reported as invalid — set region to the one the OAuth client was created in.'
  );
}

/** An AuthError for a failed OAuth exchange, from the OAuth body `{error, error_description}`. */
export function oauthError(
  context: Pick<StrategyContext, 'loginBaseUrl' | 'region'>,
  what: string,
  init: AuthErrorInit,
): AuthError {
  const body = (init.body ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const error = text(body.error);
  const detail =
    [error, text(body.error_description) ?? text(body.message)].filter(Boolean).join(': ') ||
    init.statusText ||
    'no details';
  return new AuthError(
    `${what} failed (${init.status ? `${init.status} ` : ''}${detail}). ${
      !error || /^(invalid_client|unauthorized_client|invalid_grant)$/.test(error)
        ? regionHint(context)
        : 'Check the OAuth client’s grant type, redirect URI and roles.'
    }`,
    { ...init, oauthError: error, method: 'POST' },
  );
}

/** POSTs a form to `<login>/oauth/token` and returns the issued token. */
export async function requestToken(
  context: StrategyContext,
  what: string,
  form: Record<string, string>,
  init: { authorization?: string; signal?: AbortSignal | undefined } = {},
): Promise<IssuedToken> {
  const { loginBaseUrl: login, timeoutMs } = context;
  const url = `${login}/oauth/token`;
  const headers = new Headers({
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  });
  if (init.authorization) headers.set('authorization', init.authorization);
  const issuedAt = context.now();
  let response: Response;
  try {
    response = await context.fetch(
      new Request(url, {
        method: 'POST',
        headers,
        body: new URLSearchParams(form),
        signal: withTimeout(init.signal, timeoutMs),
      }),
    );
  } catch (cause) {
    if (init.signal?.aborted) throw init.signal.reason;
    throw new NetworkError(
      `${what}: the login service at ${login} could not be reached (${(cause as Error)?.message ?? cause}). Check the network and the region.`,
      { method: 'POST', url, cause },
    );
  }
  const { status, statusText } = response;
  let body: { access_token?: unknown; expires_in?: unknown } | undefined;
  try {
    body = JSON.parse(await response.text());
  } catch {}
  const details: AuthErrorInit = {
    status,
    statusText,
    method: 'POST',
    url,
    correlationId: response.headers.get('inin-correlation-id') ?? undefined,
    body,
  };
  const token = body?.access_token;
  if (!response.ok || typeof token !== 'string' || !token) {
    if (status === 429 || status >= 500) {
      throw new AuthError(
        `${what}: the login service at ${login} is ${status === 429 ? 'rate limiting' : 'unavailable'} (${status} ${statusText}). Try again later.`,
        { ...details, code: status === 429 ? 'too.many.requests' : 'login.unavailable' },
      );
    }
    if (response.ok || !body) {
      throw new AuthError(
        `${what}: the login service at ${login} answered ${status} without an access_token${body ? '' : ' (the body is not JSON)'}. Check that the region or loginBaseUrl points at a Genesys Cloud login host.`,
        { ...details, body: undefined, code: 'invalid.token.response' },
      );
    }
    throw oauthError(context, what, details);
  }
  const expiresIn = Number(body?.expires_in);
  context.logger?.debug?.(`${what}: token issued`, {
    expiresInS: Number.isFinite(expiresIn) ? expiresIn : undefined,
  });
  return {
    accessToken: token,
    expiresAt: expiresIn > 0 && expiresIn < Infinity ? issuedAt + expiresIn * 1000 : Infinity,
    issuedAt,
  };
}
