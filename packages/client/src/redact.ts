// Keeps tokens and secrets out of messages, logs and serialized errors.

/** Field and header names whose values are credentials. */
const SECRET_KEYS = /token$|secret|verifier|password|authorization|cookie/i;
export const REDACTED = '[REDACTED]';

/**
 * Replaces credentials in free text and URLs: bearer/basic credentials, `access_token`-like
 * fields, and the query parameters that are credentials in a URL (the OAuth `code`, the
 * signature of a signed URL).
 */
export const redactText = (text: string): string =>
  text.replace(
    /(\b(?:Bearer|Basic)\s+|(?:\btoken|_token|secret|verifier|password)["']?\s*[:=]\s*["']?|[?&](?:code|sig\w*|x-amz-[\w-]+)=)[^"'&\s,}#]+/gi,
    `$1${REDACTED}`,
  );

/**
 * What errors show of a signed (storage) URL: its origin and path, and `?[REDACTED]` for a query.
 * Storage services name their signature parameters in many ways (`X-Amz-Signature`,
 * `X-Goog-Signature`, `sig`, `Signature`, `Policy`, …): the whole query is dropped, not a list.
 */
export const redactUrl = (url: string): string =>
  url.replace(/#.*/s, '').replace(/\?.*/s, `?${REDACTED}`);

/** A deep copy of a JSON-like value with secret-named fields replaced and texts redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (!value || typeof value !== 'object') return value;
  if (depth > 8) return '[…]';
  const out = (Array.isArray(value) ? [] : {}) as Record<string, unknown>;
  for (const key in value)
    out[key] = SECRET_KEYS.test(key)
      ? REDACTED
      : redactValue((value as Record<string, unknown>)[key], depth + 1);
  return out;
}
