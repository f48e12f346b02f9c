// What the transport knew about the request behind a Response, for errors built after
// openapi-fetch has parsed the body (unwrap).
import type { Operation } from '../operation-match';

export interface RequestInfo {
  method: string;
  url: string;
  operation: Operation | undefined;
  /** The kind of auth strategy that supplied the token, if any. */
  authKind: string | undefined;
  /** Stops the attempt's timeout once the body has been read (it covers reading the body). */
  settle?: () => void;
  /** The per-attempt timeout, for the error of a body that stalls. */
  timeoutMs?: number;
}

const infos = new WeakMap<Response, RequestInfo>();

export const recordRequest = (response: Response, info: RequestInfo) =>
  infos.set(response, info) && response;

export const requestOf = (response: Response): RequestInfo | undefined => infos.get(response);
