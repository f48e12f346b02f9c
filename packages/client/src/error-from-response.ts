// Turns an API error response (status, headers, parsed body) into the right error class, with a
// message that says what to do next.
import type { ErrorBody } from '@telephony-kit/models';
import { ApiError, AuthError, fillMessageParams, pathOf, RateLimitError } from './errors';
import type { Operation } from './operation-match';
import { redactText } from './redact';
import { parseRetryAfter } from './transport/backoff';

export interface ErrorResponseInput {
  status: number;
  statusText: string;
  headers: Headers;
  /** The parsed JSON body, the raw text when it was not JSON, or undefined when empty. */
  body: unknown;
  method: string;
  url: string;
  operation: Operation | undefined;
  authKind?: string | undefined;
  /** Used for a 429 without Retry-After. */
  defaultRetryAfterMs?: number;
  now?: number;
}

const PERMISSION = /[A-Za-z*]+:[A-Za-z*]+:[A-Za-z*]+/g;

function stringParams(params: unknown): Record<string, string> | undefined {
  if (!params || typeof params !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) out[key] = String(value);
  return out;
}

/** The permissions a 403 names: from messageParams, else the message, else the contract. */
export function missingPermissionsOf(
  body: ErrorBody | undefined,
  operation: Pick<Operation, 'permissions'> | undefined,
) {
  const found =
    Object.values(stringParams(body?.messageParams) ?? {})
      .join(' ')
      .match(PERMISSION) ?? `${body?.message} ${body?.messageWithParams}`.match(PERMISSION);
  return found
    ? { permissions: [...new Set(found)], fromContract: false }
    : { permissions: [...(operation?.permissions?.permissions ?? [])], fromContract: true };
}

/**
 * The ApiError for a body that is not JSON where the contract promises JSON: something other than
 * the API (a proxy, a captive portal, a wrong baseUrl) answered.
 */
export function contractViolation(
  init: { status: number; statusText: string; method: string; url: string; headers: Headers },
  text: string,
  promised: string,
  cause?: unknown,
): ApiError {
  const { status, method, url, headers } = init;
  const correlationId = headers.get('inin-correlation-id') ?? undefined;
  const excerpt = redactText(text.trim().replace(/\s+/g, ' ').slice(0, 120));
  return new ApiError({
    status,
    statusText: init.statusText,
    method,
    url,
    headers,
    code: 'contract.violation',
    correlationId,
    body: text.slice(0, 2000),
    cause,
    message:
      `${method.toUpperCase()} ${pathOf(url)} answered ${status} with a body that is not JSON ` +
      `(${headers.get('content-type') ?? 'no content type'}): "${excerpt}", where the contract promises ${promised}. ` +
      'Something other than the Genesys Cloud API answered: check the baseUrl/region and any proxy in between.' +
      (correlationId ? ` (correlation id ${correlationId})` : ''),
  });
}

/** What to do next after an error status that has no case of its own. */
const NEXT: Record<number, string> = {
  400: 'Check the parameters against the operation’s documentation.',
  404: 'Check the id in the path; SIP data and PCAPs are kept for 21 days only.',
  408: 'Try again, perhaps with a narrower search.',
  413: 'Send a smaller body (at most 512000 bytes).',
};

export function errorFromResponse(input: ErrorResponseInput): ApiError | AuthError {
  const { status, headers, operation, authKind } = input;
  if (typeof input.body === 'string' && input.body.trim() !== '')
    return contractViolation(input, input.body, 'a JSON ErrorBody');

  const correlationId = headers.get('inin-correlation-id') ?? undefined;
  const body =
    input.body && typeof input.body === 'object' && !Array.isArray(input.body)
      ? (input.body as ErrorBody)
      : undefined;
  const messageParams = stringParams(body?.messageParams);
  const code = body?.code ?? `http.${status}`;
  const text = (
    body?.messageWithParams
      ? fillMessageParams(body.messageWithParams, messageParams)
      : (body?.message ?? (input.statusText || `HTTP ${status}`))
  ).replace(/[.\s]+$/, '');
  const init = {
    status,
    statusText: input.statusText,
    method: input.method,
    url: input.url,
    correlationId,
    code,
    body,
  };
  const message = (verb: string, next: string) =>
    `${input.method.toUpperCase()} ${pathOf(input.url)} ${verb} (${status} ${code}): ${text}.${next && ` ${next}`}${
      correlationId ? ` (correlation id ${correlationId})` : ''
    }`;

  if (status === 401) {
    return new AuthError(
      message(
        'was rejected',
        authKind === 'client-credentials'
          ? 'A fresh token was requested and also rejected: check that the OAuth client is active and belongs to this region.'
          : authKind
            ? 'The token is missing, expired or revoked: sign in again or supply a new token.'
            : 'Pass an `auth` strategy to createTelephonyClient.',
      ),
      init,
    );
  }
  const apiInit = { ...init, headers, contextId: body?.contextId, messageParams };

  if (status === 429) {
    const retryAfterMs =
      parseRetryAfter(headers.get('retry-after'), input.now ?? Date.now()) ??
      input.defaultRetryAfterMs ??
      3000;
    return new RateLimitError({
      ...apiInit,
      retryAfterMs,
      message: message(
        'was rate limited',
        `Wait ${Math.ceil(retryAfterMs / 1000)} s and slow down, or raise retry.maxRetryAfterMs / retry.maxRetries to wait it out.`,
      ),
    });
  }

  if (status === 403) {
    const { permissions, fromContract } = missingPermissionsOf(body, operation);
    const some = operation?.permissions?.type === 'ANY' ? 'one of ' : 'all of ';
    return new ApiError({
      ...apiInit,
      missingPermissions: permissions,
      message: message(
        'was refused',
        permissions.length
          ? `Grant the role of this user or OAuth client ${fromContract ? some : ''}${permissions.join(', ')}.`
          : 'Grant the user or OAuth client the permission or division this request needs.',
      ),
    });
  }

  return new ApiError({
    ...apiInit,
    message: message('failed', NEXT[status] ?? (status < 500 ? '' : 'Try again later.')),
  });
}
