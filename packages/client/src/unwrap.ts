// unwrap(): from openapi-fetch's `{ data, error, response }` to the data, or a thrown typed error.
import { errorFromResponse } from './error-from-response';
import { requestOf } from './transport/request-info';

/** The success data of an openapi-fetch result (`undefined` for operations without a body). */
export type UnwrappedData<R> = R extends { data: infer D; error?: never }
  ? [D] extends [never]
    ? undefined
    : D
  : never;

export interface UnwrapOptions {
  /** Used for the `retryAfterMs` of a 429 without Retry-After. Default 3 s. */
  defaultRetryAfterMs?: number;
  now?: () => number;
}

/**
 * Resolves with the data of a successful call; throws ApiError, AuthError (401) or
 * RateLimitError (429) otherwise.
 */
export async function unwrap<R extends { response: Response; data?: unknown; error?: unknown }>(
  result: R | Promise<R>,
  options: UnwrapOptions = {},
): Promise<UnwrappedData<R>> {
  const { data, error, response } = await result;
  if (response.ok) return data as UnwrappedData<R>;
  throw errorFromResponse(
    response,
    error,
    requestOf(response),
    options.now?.(),
    options.defaultRetryAfterMs,
  );
}
