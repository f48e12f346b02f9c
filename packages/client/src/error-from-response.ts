// Turns an API error response (status, headers, parsed body) into the right error class, with a
// message that says what to do next.
import type { ErrorBody } from '@telephony-kit/models';
import { ApiError, AuthError, fillMessageParams, RateLimitError, requestMessage } from './errors';
import type { Operation } from './operation-match';
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

/**
 * The ApiError for a body that is not JSON where the contract promises JSON: something other than
 * the API (a proxy, a captive portal, a wrong baseUrl) answered.
 */
export function contractViolation(
  {
    status,
    statusText,
    method,
    url,
    headers,
  }: Pick<ErrorResponseInput, 'status' | 'statusText' | 'method' | 'url' | 'headers'>,
  text: string,
  promised: string,
  cause?: unknown,
): ApiError {
  const correlationId = headers.get('inin-correlation-id') ?? undefined;
  return new ApiError({
    status,
    statusText,
    method,
    url,
    headers,
    code: 'contract.violation',
    correlationId,
    body: text.slice(0, 2000),
    cause,
    message: requestMessage(
      method,
      url,
      `answered ${status} with a body that is not JSON (${headers.get('content-type')}): "${text.trim().replace(/\s+/g, ' ').slice(0, 99)}", where the contract promises ${promised}`,
      'Something other than the Genesys Cloud API answered: check the baseUrl/region and any proxy.',
      correlationId,
    ),
  });
}

export function errorFromResponse(input: ErrorResponseInput): ApiError | AuthError {
  const { status, statusText, headers, method, url, authKind } = input;
  let body = input.body as ErrorBody | undefined;
  if (typeof body === 'string' && (body as string).trim())
    return contractViolation(input, body, 'an ErrorBody');
  if (typeof body !== 'object') body = undefined;
  const correlationId = headers.get('inin-correlation-id') ?? undefined;
  const code = body?.code ?? `http.${status}`;
  const text = (
    body?.messageWithParams
      ? fillMessageParams(body.messageWithParams, body.messageParams)
      : (body?.message ?? (statusText || `HTTP ${status}`))
  ).replace(/[.\s]+$/, '');
  const retryAfterMs =
    status === 429
      ? (parseRetryAfter(headers.get('retry-after'), input.now ?? Date.now()) ??
        input.defaultRetryAfterMs ??
        3000)
      : undefined;
  // A 403 names the permissions the platform says are missing; else those the contract requires.
  const named = `${text} ${body?.message}`.match(/[A-Za-z*]+:[A-Za-z*]+:[A-Za-z*]+/g);
  const rule = input.operation?.permissions;
  const missingPermissions = status === 403 ? [...new Set(named ?? rule?.permissions)] : undefined;
  const message = requestMessage(
    method,
    url,
    `failed (${status} ${code}): ${text}`,
    status === 401
      ? authKind === 'client-credentials'
        ? 'A fresh token was requested and also rejected: check that the OAuth client is active and belongs to this region.'
        : authKind
          ? 'Sign in again or supply a new token.'
          : 'Pass `auth` to createTelephonyClient.'
      : status === 429
        ? `Wait ${Math.ceil((retryAfterMs as number) / 1000)} s, or raise retry.maxRetryAfterMs to wait it out.`
        : missingPermissions
          ? `Grant the role of this user or OAuth client ${missingPermissions[0] ? `${named ? '' : rule?.type === 'ANY' ? 'one of ' : 'all of '}${missingPermissions.join(', ')}` : 'the permission or division it needs'}.`
          : status === 404
            ? 'Check the ids; SIP data and PCAPs are kept for 21 days.'
            : status > 499 || status === 408
              ? 'Try again later.'
              : 'Check the request against the operation’s documentation.',
    correlationId,
  );
  const init = {
    status,
    statusText,
    method,
    url,
    headers,
    correlationId,
    code,
    body,
    contextId: body?.contextId,
    messageParams: body?.messageParams,
    missingPermissions,
    retryAfterMs,
    message,
  };
  return status === 401
    ? new AuthError(message, init)
    : new (status === 429 ? RateLimitError : ApiError)(
        init as typeof init & { retryAfterMs: number },
      );
}
