// Keeps tokens and secrets out of messages, logs and serialized errors.

/** Field and header names whose values are credentials. */
const SECRET_KEYS =
  /^(access_?token|refresh_token|id_token|client_?secret|code_verifier|password|token|(proxy-)?authorization|(set-)?cookie)$/i;
// In a URL the OAuth authorization `code` and the signature of a signed URL are credentials too.
const SECRET_QUERY = /^(code|x-amz-(signature|credential|security-token)|signature|sig)$/i;
export const REDACTED = '[REDACTED]';

/** A plain copy of headers with credential headers replaced by `[REDACTED]`. */
export function redactHeaders(
  headers: Headers | Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers instanceof Headers ? headers : Object.entries(headers ?? {}))
    out[name.toLowerCase()] = SECRET_KEYS.test(name) ? REDACTED : value;
  return out;
}

/** Replaces bearer/basic credentials and `access_token`-like fields in free text. */
export function redactText(text: string): string {
  return text.replace(
    /(\b(?:Bearer|Basic)\s+|(?:access_token|refresh_token|id_token|client_secret|code_verifier)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
    `$1${REDACTED}`,
  );
}

/** Removes credential query parameters (and the fragment) from a URL before it is shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()])
      if (SECRET_KEYS.test(key) || SECRET_QUERY.test(key)) parsed.searchParams.set(key, REDACTED);
    parsed.hash = parsed.username = parsed.password = '';
    return `${parsed}`;
  } catch {
    return redactText(url);
  }
}

/** A deep copy of a JSON-like value with secret-named fields replaced. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[key] = SECRET_KEYS.test(key) ? REDACTED : redactValue(item, depth + 1);
    return out;
  }
  return value;
}
