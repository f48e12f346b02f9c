// Turns an API error response (status, headers, parsed body) into the right error class, with a
// message that says what to do next.
import type { ErrorBody } from '@telephony-kit/models';
import { ApiError, AuthError, fillMessageParams, RateLimitError, requestMessage } from './errors';
import { parseRetryAfter } from './transport/backoff';
import type { RequestInfo } from './transport/request-info';

type Request = Pick<RequestInfo, 'method' | 'url'>;

/** The error of `response`: 401 AuthError, 429 RateLimitError, else ApiError. */
function responseError(
  response: Response,
  { method, url }: Request,
  fields: Record<string, unknown>,
  what: string,
  next: string,
): ApiError | AuthError {
  const { status, headers } = response;
  const correlationId = headers.get('inin-correlation-id') ?? undefined;
  const message = requestMessage(method, url, what, next, correlationId);
  const init = {
    status,
    statusText: response.statusText,
    method,
    url,
    headers,
    correlationId,
    message,
    ...fields,
  } as ConstructorParameters<typeof RateLimitError>[0];
  return status === 401
    ? new AuthError(message, init)
    : new (status === 429 ? RateLimitError : ApiError)(init);
}

/**
 * The error for a body that is not JSON where the contract promises JSON: something other than
 * the API (a proxy, a captive portal, a wrong baseUrl) answered.
 */
export const contractViolation = (
  response: Response,
  request: Request,
  text: string,
  cause?: unknown,
): ApiError | AuthError =>
  responseError(
    response,
    request,
    { code: 'contract.violation', body: text.slice(0, 2000), cause },
    `answered ${response.status} with a body that is not JSON (${response.headers.get('content-type')}): "${text.trim().replace(/\s+/g, ' ').slice(0, 99)}"`,
    'Check the baseUrl/region and any proxy.',
  );

/** The error of an API answer with an error status (`body`: the parsed JSON, or the raw text). */
export function errorFromResponse(
  response: Response,
  body: unknown,
  info: RequestInfo | undefined,
  now = Date.now(),
  defaultRetryAfterMs = 3000,
): ApiError | AuthError {
  const { status, statusText } = response;
  const request = info ?? { method: 'HTTP', url: response.url };
  // A gateway answers 408, 429 and 502–504 with text of its own: still a timeout, a rate limit or
  // an outage (with its Retry-After and advice), not a broken contract.
  if (typeof body === 'string' && body.trim() && !/^(408|429|50[234])$/.test(`${status}`))
    return contractViolation(response, request, body);
  const error = (typeof body === 'object' ? body : undefined) as ErrorBody | undefined;
  const code = error?.code ?? `http.${status}`;
  const what = (
    error?.messageWithParams
      ? fillMessageParams(error.messageWithParams, error.messageParams)
      : (error?.message ?? (statusText || `HTTP ${status}`))
  ).replace(/[.\s]+$/, '');
  const retryAfterMs =
    status === 429
      ? (parseRetryAfter(response.headers.get('retry-after'), now) ?? defaultRetryAfterMs)
      : undefined;
  // A 403 names the permissions the platform says are missing; else those the contract requires.
  const named = `${what} ${error?.message}`.match(/[A-Za-z*]+:[A-Za-z*]+:[A-Za-z*]+/g);
  const rule = info?.operation?.permissions;
  const missingPermissions = status === 403 ? [...new Set(named ?? rule?.permissions)] : undefined;
  return responseError(
    response,
    request,
    {
      code,
      body: error ?? body,
      contextId: error?.contextId,
      messageParams: error?.messageParams,
      retryAfterMs,
      missingPermissions,
    },
    `failed (${status} ${code}): ${what}`,
    status === 401
      ? info?.authKind === 'client-credentials'
        ? 'A fresh token was requested and also rejected: check the OAuth client and its region.'
        : info?.authKind
          ? 'Sign in again or supply a new token.'
          : 'Pass `auth` to createTelephonyClient.'
      : retryAfterMs !== undefined
        ? `Wait ${Math.ceil(retryAfterMs / 1000)} s or raise retry.maxRetryAfterMs.`
        : missingPermissions
          ? `Grant the role of this user or OAuth client ${missingPermissions[0] ? `${named ? '' : rule?.type === 'ANY' ? 'one of ' : 'all of '}${missingPermissions}` : 'the permission it needs'}.`
          : status === 404
            ? 'Check the ids (SIP data is kept 21 days).'
            : status > 499 || status === 408
              ? 'Try again later.'
              : 'Check the request.',
  );
}
