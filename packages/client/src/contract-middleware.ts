// Once-per-call check that a success response keeps the contract's promise of JSON, so that a
// proxy's HTML page becomes an ApiError that says so instead of a bare SyntaxError.
import type { Middleware } from 'openapi-fetch';
import { contractViolation } from './error-from-response';
import { matchOperation } from './operation-match';

export const contractMiddleware: Middleware = {
  async onResponse({ request, response, schemaPath, options }) {
    if (!response.ok || options.parseAs !== 'json' || response.status === 204) return undefined;
    if (request.method === 'HEAD') return undefined;
    const operation = matchOperation(request.method, schemaPath);
    const promised = operation?.success.find((r) => r.status === response.status)?.schema;
    if (operation && promised === null) return undefined;
    const text = await response.clone().text();
    if (text.trim() === '') return undefined;
    try {
      JSON.parse(text);
    } catch (cause) {
      throw contractViolation(
        {
          status: response.status,
          statusText: response.statusText,
          method: request.method,
          url: request.url,
          headers: response.headers,
        },
        text,
        promised ?? 'JSON',
        cause,
      );
    }
  },
};
