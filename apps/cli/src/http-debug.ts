// What --verbose and --dry-run show of a request: credentials replaced, signed URLs cut.
import type { FetchLike } from '@telephony-kit/client';
import { DryRunComplete } from './errors';

const SECRET_QUERY =
  /^(?:code|access_token|token|client_secret|sig|signature|x-amz-.*|x-goog-.*|expires)$/i;

/** The URL with credential query parameters (signatures, codes, tokens) redacted. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()]) {
      if (SECRET_QUERY.test(key)) parsed.searchParams.set(key, 'REDACTED');
    }
    return parsed.toString();
  } catch {
    return url.replace(/\?.*$/s, '?REDACTED');
  }
}

/** A header value with its credential replaced: `Bearer [REDACTED]`. */
export function displayHeader(name: string, value: string): string {
  if (/^(authorization|proxy-authorization|cookie|set-cookie)$/i.test(name)) {
    const scheme = /^(\w+)\s/.exec(value)?.[1];
    return scheme ? `${scheme} [REDACTED]` : '[REDACTED]';
  }
  return value;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The request as a curl command. The bearer token becomes `$GENESYSCLOUD_ACCESS_TOKEN` (so the
 * command stays runnable), Basic credentials and signed URL signatures are redacted.
 */
export async function toCurl(request: Request): Promise<string> {
  const parts = ['curl'];
  if (request.method !== 'GET') parts.push('-X', request.method);
  parts.push(quote(displayUrl(request.url)));
  for (const [name, value] of request.headers) {
    if (name === 'user-agent') continue;
    if (name === 'authorization' && /^bearer\s/i.test(value)) {
      parts.push('-H', '"Authorization: Bearer $GENESYSCLOUD_ACCESS_TOKEN"');
      continue;
    }
    parts.push('-H', quote(`${name}: ${displayHeader(name, value)}`));
  }
  const body = request.body ? await request.clone().text() : '';
  if (body) parts.push('--data-raw', quote(body));
  return parts.join(' ');
}

/** A fetch that prints the first request as curl on `out`, ends the dry run and sends nothing. */
export function dryRunFetch(out: NodeJS.WritableStream, end: (reason: Error) => void): FetchLike {
  return async (request) => {
    const line = await toCurl(request);
    await new Promise<void>((resolve) => out.write(`${line}\n`, () => resolve()));
    const reason = new DryRunComplete();
    end(reason);
    throw reason;
  };
}

/** globalThis.fetch, logging each exchange (credentials redacted) through `log`. */
export function loggingFetch(log: (message: string) => void): FetchLike {
  return async (request) => {
    const url = displayUrl(request.url);
    const headers = [...request.headers]
      .map(([name, value]) => `${name}: ${displayHeader(name, value)}`)
      .join('; ');
    log(`→ ${request.method} ${url}${headers ? ` [${headers}]` : ''}`);
    const started = performance.now();
    try {
      const response = await fetch(request);
      const elapsed = Math.round(performance.now() - started);
      const interesting = [
        'inin-correlation-id',
        'retry-after',
        'inin-ratelimit-count',
        'inin-ratelimit-allowed',
        'inin-ratelimit-reset',
        'content-length',
      ]
        .map((name) => [name, response.headers.get(name)] as const)
        .filter(([, value]) => value !== null)
        .map(([name, value]) => `${name}: ${value}`)
        .join('; ');
      log(
        `← ${response.status} ${response.statusText} ${request.method} ${url} (${elapsed} ms)${interesting ? ` [${interesting}]` : ''}`,
      );
      return response;
    } catch (error) {
      log(`✗ ${request.method} ${url}: ${(error as Error)?.message ?? error}`);
      throw error;
    }
  };
}
