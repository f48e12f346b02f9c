// The token endpoint (`POST <login>/oauth/token`, form body) and OAuth-style errors.
import { AuthError, type AuthErrorInit, NetworkError } from '../errors';
import { withTimeout } from '../transport/sleep';
import type { StrategyContext } from './strategy-context';
import type { IssuedToken } from './token-cache';

/** An AuthError for a failed OAuth exchange, from the OAuth body `{error, error_description}`. */
export function oauthError(
  { region, loginBaseUrl }: Pick<StrategyContext, 'loginBaseUrl' | 'region'>,
  what: string,
  init: AuthErrorInit,
): AuthError {
  const body = (init.body ?? {}) as Record<string, unknown>;
  const error = typeof body.error === 'string' ? body.error : undefined;
  const detail = [error, body.error_description ?? body.message].filter(Boolean).join(': ');
  return new AuthError(
    `${what} failed (${init.status ?? ''} ${detail || init.statusText}). ${
      // An OAuth client of another region is reported as invalid.
      !error || /^(invalid_client|unauthorized_client|invalid_grant)$/.test(error)
        ? `Check the client id, secret and region: this client logs in at ${region ? `${region} (${loginBaseUrl})` : loginBaseUrl}, where an OAuth client of another region is invalid.`
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
  authorization?: string,
): Promise<IssuedToken> {
  const url = `${context.loginBaseUrl}/oauth/token`;
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (authorization) headers.authorization = authorization;
  const issuedAt = context.now();
  const timeout = withTimeout(undefined, context.timeoutMs);
  let response: Response;
  let body: { access_token?: unknown; expires_in?: unknown } | undefined;
  try {
    try {
      response = await context.fetch(
        new Request(url, {
          method: 'POST',
          headers,
          body: new URLSearchParams(form),
          signal: timeout.signal,
        }),
      );
    } catch (cause) {
      throw new NetworkError(
        `${what}: ${url} could not be reached (${(cause as Error)?.message}). Check the network and the region.`,
        { method: 'POST', url, cause },
      );
    }
    try {
      body = JSON.parse(await response.text());
    } catch {}
  } finally {
    // The timeout covers reading the body; then its timer must not linger.
    timeout.clear();
  }
  const { status, statusText, ok } = response;
  const details: AuthErrorInit = {
    status,
    statusText,
    method: 'POST',
    url,
    correlationId: response.headers.get('inin-correlation-id') ?? undefined,
    body,
  };
  const token = body?.access_token;
  if (!ok || typeof token !== 'string' || !token) {
    const unavailable = status === 429 || status > 499;
    if (!unavailable && !ok && body) throw oauthError(context, what, details);
    throw new AuthError(
      unavailable
        ? `${what}: the login service is unavailable (${status} ${statusText}). Try again later.`
        : `${what}: ${url} answered ${status} without an access_token. Check that region/loginBaseUrl is a Genesys Cloud login host.`,
      {
        ...details,
        body: unavailable ? body : undefined,
        code: unavailable
          ? status === 429
            ? 'too.many.requests'
            : 'login.unavailable'
          : 'invalid.token.response',
      },
    );
  }
  const expiresIn = Number(body?.expires_in);
  context.logger?.debug?.(`${what}: token issued`);
  return {
    accessToken: token,
    expiresAt: expiresIn > 0 && expiresIn < Infinity ? issuedAt + expiresIn * 1000 : Infinity,
    issuedAt,
  };
}
