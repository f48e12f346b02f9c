// Once-per-call check that a success response keeps the contract's promise of JSON, so that a
// proxy's HTML page becomes an ApiError that says so instead of a bare SyntaxError.
import type { Middleware } from 'openapi-fetch';
import { contractViolation } from './error-from-response';

export const contractMiddleware: Middleware = {
  async onResponse({ request, response, options }) {
    if (!response.ok || options.parseAs !== 'json') return;
    const text = await response.clone().text();
    try {
      if (text.trim()) JSON.parse(text);
    } catch (cause) {
      throw contractViolation(response, request, text, cause);
    }
  },
};
