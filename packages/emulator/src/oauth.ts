// The login service, served on the API port: client credentials, authorization code with PKCE
// (S256), implicit grant, and bearer-token checks. OAuth errors are OAuth-shaped
// (`{error, error_description}`), not ErrorBody, as on the platform.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type ClientConfig, redirectUriAllowed } from './clients';
import { mediaType, type Reply } from './http';
import type { EmulatorState, RouteContext, TokenRecord } from './state';

const CODE_LIFETIME_MS = 5 * 60_000;

function oauthError(status: number, error: string, description: string, headers = {}): Reply {
  return {
    status,
    headers: { 'Cache-Control': 'no-store', ...headers },
    json: { error, error_description: description },
  };
}

export function issueToken(
  state: EmulatorState,
  client: ClientConfig,
  grant: TokenRecord['grant'],
): TokenRecord {
  const now = state.clock.now();
  const record: TokenRecord = {
    accessToken: randomBytes(32).toString('base64url'),
    clientId: client.clientId,
    permissions: [...client.permissions],
    grant,
    issuedAt: now,
    expiresAt: now + state.settings.tokenLifetimeSeconds * 1000,
  };
  state.tokens.set(record.accessToken, record);
  return record;
}

export type Authentication =
  | { ok: true; token: TokenRecord }
  | { ok: false; code: 'authentication.required' | 'bad.credentials' };

/** Resolves the bearer token of an `Authorization` header. */
export function authenticate(state: EmulatorState, header: string | undefined): Authentication {
  if (!header || header.trim() === '') return { ok: false, code: 'authentication.required' };
  const match = /^bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { ok: false, code: 'bad.credentials' };
  const token = state.tokens.get(match[1] as string);
  if (!token) return { ok: false, code: 'bad.credentials' };
  if (token.expiresAt <= state.clock.now()) {
    state.tokens.delete(token.accessToken);
    return { ok: false, code: 'bad.credentials' };
  }
  return { ok: true, token };
}

function tokenResponse(state: EmulatorState, token: TokenRecord): Reply {
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    json: {
      access_token: token.accessToken,
      token_type: 'bearer',
      expires_in: Math.round((token.expiresAt - state.clock.now()) / 1000),
    },
  };
}

/**
 * The HTTP Basic client credentials of an `Authorization` header: null without Basic, `'malformed'`
 * for Basic credentials that cannot be read (no colon, a bad %-escape).
 */
function basicCredentials(
  header: string | undefined,
): { id: string; secret: string } | 'malformed' | null {
  const match = /^basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return 'malformed';
  }
}

/** Compares secrets in constant time (over their SHA-256 digests, so lengths do not leak). */
function secretMatches(client: ClientConfig, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(client.clientSecret), digest(secret));
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** POST /oauth/token */
export function handleToken(ctx: RouteContext): Reply {
  const { state, req } = ctx;
  if (mediaType(req.headers['content-type']) !== 'application/x-www-form-urlencoded') {
    return oauthError(
      400,
      'invalid_request',
      'The token request must be a form body (application/x-www-form-urlencoded).',
    );
  }
  const form = new URLSearchParams(ctx.body.toString('utf8'));
  const grantType = form.get('grant_type');
  const challenge = { 'WWW-Authenticate': 'Basic realm="oauth"' };
  const basic = basicCredentials(req.headers.authorization);
  if (basic === 'malformed') {
    return oauthError(
      401,
      'invalid_client',
      'The HTTP Basic credentials are malformed: send base64(clientId:clientSecret), each part form-urlencoded.',
      challenge,
    );
  }

  if (grantType === 'client_credentials') {
    if (!basic) {
      return oauthError(
        401,
        'invalid_client',
        'Client authentication is required: send HTTP Basic clientId:clientSecret.',
        challenge,
      );
    }
    const client = state.clients.get(basic.id);
    if (!client || !secretMatches(client, basic.secret)) {
      return oauthError(
        401,
        'invalid_client',
        'Unknown client or wrong secret. Check the client id and secret, and that the client belongs to this region.',
        challenge,
      );
    }
    return tokenResponse(state, issueToken(state, client, 'client_credentials'));
  }

  if (grantType === 'authorization_code') {
    const code = form.get('code') ?? '';
    const clientId = form.get('client_id') ?? basic?.id ?? '';
    const client = state.clients.get(clientId);
    if (!client)
      return oauthError(
        401,
        'invalid_client',
        `Unknown client ${JSON.stringify(clientId)}.`,
        challenge,
      );
    if (basic && (basic.id !== client.clientId || !secretMatches(client, basic.secret))) {
      return oauthError(401, 'invalid_client', 'Wrong client secret.', challenge);
    }
    const grant = state.codes.get(code);
    // A code is single-use, whatever the outcome of its redemption.
    if (grant) state.codes.delete(code);
    if (!grant || grant.expiresAt <= state.clock.now() || grant.clientId !== client.clientId) {
      return oauthError(
        400,
        'invalid_grant',
        'The authorization code is invalid, expired or was already used.',
      );
    }
    if (form.get('redirect_uri') !== grant.redirectUri) {
      return oauthError(
        400,
        'invalid_grant',
        'redirect_uri does not match the one of the authorization request.',
      );
    }
    if (grant.codeChallenge !== undefined) {
      const verifier = form.get('code_verifier');
      if (!verifier || s256(verifier) !== grant.codeChallenge) {
        return oauthError(
          400,
          'invalid_grant',
          'PKCE verification failed: code_verifier does not match the code_challenge.',
        );
      }
    } else if (!basic) {
      return oauthError(
        401,
        'invalid_client',
        'A code issued without PKCE needs client authentication (HTTP Basic).',
        challenge,
      );
    }
    return tokenResponse(state, issueToken(state, client, 'authorization_code'));
  }

  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required.');
  return oauthError(
    400,
    'unsupported_grant_type',
    `Grant type ${JSON.stringify(grantType)} is not supported.`,
  );
}

/** GET /oauth/authorize: approves at once (there is no user to ask) and redirects. */
export function handleAuthorize(ctx: RouteContext): Reply {
  const { state } = ctx;
  const q = ctx.url.searchParams;
  const client = state.clients.get(q.get('client_id') ?? '');
  if (!client)
    return oauthError(
      400,
      'invalid_client',
      `Unknown client ${JSON.stringify(q.get('client_id') ?? '')}.`,
    );
  const redirectUri = q.get('redirect_uri') ?? '';
  // Never redirect to an unregistered URI: answer here instead.
  if (!redirectUriAllowed(client, redirectUri)) {
    return oauthError(
      400,
      'invalid_request',
      `redirect_uri ${JSON.stringify(redirectUri)} is not registered for this client.`,
    );
  }
  const stateParam = q.get('state');
  const responseType = q.get('response_type');
  // The implicit grant answers in the fragment, errors included (RFC 6749 §4.2.2.1).
  const fragment = responseType === 'token';
  const redirect = (params: Record<string, string>): Reply => {
    const target = new URL(redirectUri);
    const encoded = new URLSearchParams({
      ...params,
      ...(stateParam !== null && { state: stateParam }),
    });
    if (fragment) target.hash = encoded.toString();
    else for (const [k, v] of encoded) target.searchParams.set(k, v);
    return { status: 302, headers: { Location: target.toString(), 'Cache-Control': 'no-store' } };
  };
  if (!stateParam) {
    return redirect({ error: 'invalid_request', error_description: 'state is required.' });
  }

  if (responseType === 'code') {
    const challenge = q.get('code_challenge') ?? undefined;
    const method = q.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
    if (challenge !== undefined && method !== 'S256') {
      return redirect({
        error: 'invalid_request',
        error_description: 'Only code_challenge_method=S256 is supported.',
      });
    }
    const code = randomBytes(24).toString('base64url');
    state.codes.set(code, {
      code,
      clientId: client.clientId,
      redirectUri,
      ...(challenge !== undefined && { codeChallenge: challenge }),
      expiresAt: state.clock.now() + CODE_LIFETIME_MS,
    });
    return redirect({ code });
  }
  if (responseType === 'token') {
    const token = issueToken(state, client, 'implicit');
    return redirect({
      access_token: token.accessToken,
      token_type: 'bearer',
      expires_in: String(state.settings.tokenLifetimeSeconds),
    });
  }
  return redirect({
    error: 'unsupported_response_type',
    error_description: 'response_type must be code or token.',
  });
}
