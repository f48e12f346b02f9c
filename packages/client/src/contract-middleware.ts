// Once-per-call check that a success response keeps the contract's promise of JSON, so that a
// proxy's HTML page becomes an ApiError that says so instead of a bare SyntaxError. No clone: the
// body is read once, by openapi-fetch, through a json() (or, without Content-Length, a text())
// that checks it on the way.
import type { Middleware } from 'openapi-fetch';
import { contractViolation } from './error-from-response';

export const contractMiddleware: Middleware = {
  onResponse({ request, response, options }) {
    if (!response.ok || options.parseAs !== 'json') return;
    const read = response.text.bind(response);
    const checked = async (): Promise<[string, unknown]> => {
      const text = await read();
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
