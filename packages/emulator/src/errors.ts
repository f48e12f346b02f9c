// The platform's error bodies: one ErrorBody per code, message templates with `{name}` params.
import type { ErrorBody } from '@telephony-kit/models';

export type ErrorCode =
  | 'bad.request'
  | 'invalid.date'
  | 'authentication.required'
  | 'bad.credentials'
  | 'missing.permissions'
  | 'missing.any.permissions'
  | 'not.found'
  | 'method.not.allowed'
  | 'conflict'
  | 'request.entity.too.large'
  | 'unsupported.media.type'
  | 'too.many.requests'
  | 'internal.server.error'
  | 'bad.gateway'
  | 'service.unavailable'
  | 'gateway.timeout';

const STATUS: Record<ErrorCode, number> = {
  'bad.request': 400,
  'invalid.date': 400,
  'authentication.required': 401,
  'bad.credentials': 401,
  'missing.permissions': 403,
  'missing.any.permissions': 403,
  'not.found': 404,
  'method.not.allowed': 405,
  conflict: 409,
  'request.entity.too.large': 413,
  'unsupported.media.type': 415,
  'too.many.requests': 429,
  'internal.server.error': 500,
  'bad.gateway': 502,
  'service.unavailable': 503,
  'gateway.timeout': 504,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  'bad.request': 'The request could not be understood by the server due to malformed syntax.',
  'invalid.date':
    'Invalid date: {field} must be an ISO-8601 date-time, for example 2024-11-26T09:00:00.000Z',
  'authentication.required': 'No authentication bearer token specified in authorization header.',
  'bad.credentials': 'Invalid login credentials.',
  'missing.permissions':
    'Unable to perform the requested action. You are missing the following permission(s): {permissions}',
  'missing.any.permissions':
    'Unable to perform the requested action. You must have at least one of the following permissions assigned: {permissions}',
  'not.found': 'The requested resource was not found.',
  'method.not.allowed': 'HTTP method {method} is not supported by this URL.',
  conflict: 'The request conflicts with the current state of the resource.',
  'request.entity.too.large': 'The request is over the size limit. Maximum bytes: {maxBytes}',
  'unsupported.media.type':
    'Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.',
  'too.many.requests':
    'Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds',
  'internal.server.error':
    'The server encountered an unexpected condition which prevented it from fulfilling the request.',
  'bad.gateway': 'Bad Gateway - The server received an invalid response from an upstream server.',
  'service.unavailable':
    'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).',
  'gateway.timeout': 'The request timed out.',
};

/** The platform code the emulator answers for an injected status. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 429:
      return 'too.many.requests';
    case 502:
      return 'bad.gateway';
    case 503:
      return 'service.unavailable';
    case 504:
      return 'gateway.timeout';
    default:
      return 'internal.server.error';
  }
}

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export interface ErrorOptions {
  /** Values of the `{name}` placeholders of the message template. */
  params?: Record<string, string>;
  /** Replaces the default template of the code. */
  messageWithParams?: string;
  entityId?: string;
  entityName?: string;
  details?: ErrorBody['details'];
  limit?: ErrorBody['limit'];
}

export function errorBody(
  code: ErrorCode,
  contextId: string,
  options: ErrorOptions = {},
): ErrorBody {
  const template = options.messageWithParams ?? DEFAULT_MESSAGE[code];
  const params = options.params ?? {};
  const message = template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
  const body: ErrorBody = {
    message,
    code,
    status: STATUS[code],
    messageWithParams: template,
    messageParams: params,
    contextId,
    details: options.details ?? [],
    errors: [],
  };
  if (options.entityId !== undefined) body.entityId = options.entityId;
  if (options.entityName !== undefined) body.entityName = options.entityName;
  if (options.limit !== undefined) body.limit = options.limit;
  return body;
}

/** Thrown by a route to answer with an ErrorBody; the pipeline fills in the correlation id. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly options: ErrorOptions;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, options: ErrorOptions = {}, headers: Record<string, string> = {}) {
    super(code);
    this.code = code;
    this.options = options;
    this.headers = headers;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** The JSON reply of an ApiError. */
export function errorReply(
  error: ApiError,
  contextId: string,
): {
  status: number;
  headers: Record<string, string>;
  json: ErrorBody;
} {
  return {
    status: error.status,
    headers: error.headers,
    json: errorBody(error.code, contextId, error.options),
  };
}

/**
 * The error an injected fault status answers with, with Retry-After only when the fault sets one
 * (without it on a 429, clients fall back to their own wait).
 */
export function injectedError(status: number, retryAfter?: number): ApiError {
  const code = codeForStatus(status);
  const headers: Record<string, string> =
    retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
  if (code !== 'too.many.requests') return new ApiError(code, {}, headers);
  return new ApiError(
    code,
    retryAfter === undefined
      ? { messageWithParams: 'Rate limit exceeded the maximum.' }
      : { params: { retryAfter: String(retryAfter) } },
    headers,
  );
}
