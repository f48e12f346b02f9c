// What the transport knew about the request behind a Response, for errors built after
// openapi-fetch has parsed the body (unwrap).
import type { Operation } from '../operation-match';

export interface RequestInfo {
  method: string;
  url: string;
  operation: Operation | undefined;
  /** Attempts made, 1 when the first one was answered. */
  attempts: number;
  /** The kind of auth strategy that supplied the token, if any. */
  authKind: string | undefined;
  /** Set when the transport stopped retrying a 429 because Retry-After was too long. */
  retryAfterMs?: number;
}

const infos = new WeakMap<Response, RequestInfo>();

export function recordRequest(response: Response, info: RequestInfo): void {
  infos.set(response, info);
}

export function requestOf(response: Response): RequestInfo | undefined {
  return infos.get(response);
}
