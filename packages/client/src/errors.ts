// The one family of errors the client throws. Every message says what went wrong and what to do
// next; no message, field, log line or toJSON() output ever holds a token or a secret.
import type { ErrorBody } from '@telephony-kit/models';
import { redactText, redactValue } from './redact';

export interface TelephonyErrorOptions {
  cause?: unknown;
  code?: string;
}

/** The base class of every error thrown by @telephony-kit/client. */
export class TelephonyError extends Error {
  /** A stable, machine-readable code (`not.found`, `invalid_client`, `timeout`, …). */
  declare readonly code: string;

  constructor(message: string, options: TelephonyErrorOptions = {}) {
    super(redactText(message), options);
    // Subclasses pass their fields along: they become the error's own properties, redacted (the
    // url's credential parameters, credential headers, secret fields of the body).
    const { cause, ...fields } = options as Record<string, unknown>;
    if (typeof fields.method === 'string') fields.method = fields.method.toUpperCase();
    if (fields.headers) fields.headers = Object.fromEntries(new Headers(fields.headers as Headers));
    this.name = new.target.name;
    Object.assign(this, { code: 'telephony.error' }, redactValue(fields));
  }

  /** A redacted, JSON-safe description (for logs and job records). */
  toJSON(): Record<string, unknown> {
    const { cause } = this;
    return redactValue({
      ...this,
      message: this.message,
      cause: cause instanceof Error ? cause.message : cause,
    }) as Record<string, unknown>;
  }
}

/** The input was rejected before any request was sent (a bad date, id or option). */
export class ValidationError extends TelephonyError {
  /** The option or argument that was wrong. */
  declare readonly field: string | undefined;

  constructor(message: string, options: TelephonyErrorOptions & { field?: string } = {}) {
    super(message, { code: 'validation', ...options });
  }
}

export interface ApiErrorInit {
  message: string;
  status: number;
  statusText?: string;
  code?: string;
  method: string;
  url: string;
  headers?: Headers | Record<string, string>;
  body?: ErrorBody | string | undefined;
  correlationId?: string | undefined;
  contextId?: string | undefined;
  messageParams?: Record<string, string> | undefined;
  missingPermissions?: readonly string[] | undefined;
  cause?: unknown;
}

/** The API answered with an error status, or with a response that breaks the contract. */
export class ApiError extends TelephonyError {
  declare readonly status: number;
  declare readonly statusText: string;
  /** The HTTP method of the request. */
  declare readonly method: string;
  /** The path of the request (with its query). */
  declare readonly path: string;
  /** The request URL, with credential query parameters redacted. */
  declare readonly url: string;
  /** `ININ-Correlation-Id`: quote it to Genesys support. */
  declare readonly correlationId: string | undefined;
  declare readonly contextId: string | undefined;
  /** The ErrorBody the platform sent (or the raw text when it was not JSON). */
  declare readonly body: ErrorBody | string | undefined;
  declare readonly messageParams: Record<string, string> | undefined;
  /** The permissions a 403 says are missing. */
  declare readonly missingPermissions: readonly string[] | undefined;
  /** Response headers, with credential headers redacted. */
  declare readonly headers: Record<string, string>;
  /** True when the same request may succeed later (408, 429, 502, 503, 504). */
  declare readonly retryable: boolean;

  constructor({ message, ...init }: ApiErrorInit) {
    super(message, {
      code: `http.${init.status}`,
      statusText: '',
      headers: {},
      ...init,
      path: pathOf(init.url, true),
      retryable: /^(408|429|50[234])$/.test(`${init.status}`),
    } as TelephonyErrorOptions);
  }

  /**
   * For code written against the official SDK, whose rejections carry `error` (the HTTP error);
   * here it is the ErrorBody, or the raw text of a body that was not JSON.
   */
  get error(): ErrorBody | string | undefined {
    return this.body;
  }
}

/** The API kept answering 429, or asked to wait longer than `retry.maxRetryAfterMs`. */
export class RateLimitError extends ApiError {
  /** How long the server asked to wait before the next request. */
  declare readonly retryAfterMs: number;

  constructor(init: ApiErrorInit & { retryAfterMs: number }) {
    super({ code: 'too.many.requests', ...init });
  }
}

export interface AuthErrorInit extends TelephonyErrorOptions {
  status?: number | undefined;
  statusText?: string | undefined;
  /** The OAuth `error` (`invalid_client`, `invalid_grant`, …). */
  oauthError?: string | undefined;
  correlationId?: string | undefined;
  body?: unknown;
  method?: string | undefined;
  url?: string | undefined;
}

/** No token could be obtained, or the API rejected the token (401). */
export class AuthError extends TelephonyError {
  declare readonly status: number | undefined;
  declare readonly statusText: string | undefined;
  declare readonly oauthError: string | undefined;
  declare readonly correlationId: string | undefined;
  declare readonly body: unknown;
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;

  constructor(message: string, init: AuthErrorInit = {}) {
    super(message, { code: init.oauthError ?? 'authentication.failed', ...init });
  }

  /** See {@link ApiError.error}. */
  get error(): unknown {
    return this.body;
  }
}

/** The request never got an HTTP answer (connection refused or reset, DNS failure, …). */
export class NetworkError extends TelephonyError {
  declare readonly method: string;
  declare readonly url: string;
  /** The first `code` (ECONNRESET, ECONNREFUSED, …) in the cause chain, if any. */
  declare readonly systemCode: string | undefined;

  constructor(
    message: string,
    init: TelephonyErrorOptions & { method: string; url: string; systemCode?: string | undefined },
  ) {
    super(message, { code: 'network', ...init });
  }
}

/** An attempt took longer than `timeoutMs` (and retries, if any, did not help). */
export class TimeoutError extends NetworkError {
  declare readonly timeoutMs: number;

  constructor(
    message: string,
    init: TelephonyErrorOptions & { method: string; url: string; timeoutMs: number },
  ) {
    super(message, { code: 'timeout', ...init });
  }
}

/** The path of a URL (with `query`, and its query): what messages show of a request. */
export function pathOf(url: string, query?: boolean): string {
  const path = url.replace(/^[a-z][\w+.-]*:\/\/[^/?#]*/i, '');
  return query ? path : path.replace(/[?#].*/, '');
}

/** How a request's error reads: `GET /path what. next (correlation id …)`. */
export const requestMessage = (
  method: string,
  url: string,
  what: string,
  next: string,
  correlationId?: string,
): string =>
  `${method.toUpperCase()} ${pathOf(url)} ${what}.${next && ` ${next}`}${correlationId ? ` (correlation id ${correlationId})` : ''}`;

/** Replaces the platform's `{param}` placeholders with the values of `messageParams`. */
export function fillMessageParams(
  template: string,
  params: Record<string, unknown> | undefined,
): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) =>
    params && Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
