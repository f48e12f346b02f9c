// Once per call: a success response must keep the contract's promise of JSON, so that a proxy's
// HTML page becomes an ApiError that says so instead of a bare SyntaxError. No clone: the body is
// read once, by openapi-fetch, through a json() or text() that checks it on the way and then stops
// the attempt's timeout (which covers reading the body).
import type { Middleware } from 'openapi-fetch';
import { contractViolation } from './error-from-response';
import { requestMessage, TimeoutError } from './errors';
import { requestOf } from './transport/request-info';

export const contractMiddleware: Middleware = {
  onResponse({ request, response, options }) {
    const info = requestOf(response);
    const read = response.text.bind(response);
    const readAll = async () => {
      try {
        return await read();
      } catch (cause) {
        if ((cause as Error)?.name !== 'TimeoutError') throw cause;
        const { method, url } = request;
        const timeoutMs = info?.timeoutMs ?? 0;
        const what = `sent headers, then no complete body within ${timeoutMs} ms`;
        throw new TimeoutError(requestMessage(method, url, what, 'Raise timeoutMs or try later.'), {
          method,
          url,
          timeoutMs,
          cause,
        });
      } finally {
        info?.settle?.();
      }
    };
    if (!response.ok || options.parseAs !== 'json') {
      // Error bodies are read as text; a stream or blob stays under the timeout until read.
      response.text = readAll;
      return;
    }
    const checked = async (): Promise<[string, unknown]> => {
      const text = await readAll();
      try {
        return [text, text.trim() ? JSON.parse(text) : undefined];
      } catch (cause) {
        throw contractViolation(response, request, text, cause);
      }
    };
    response.json = async () => (await checked())[1];
    response.text = async () => (await checked())[0];
  },
};
