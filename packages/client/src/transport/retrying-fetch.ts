// The fetch handed to openapi-fetch: beneath the middleware it paces requests by the rate-limit
// headers, attaches the token (re-authenticating once on a 401), applies the per-attempt timeout
// and retries what is safe to retry.
import type { TelephonyClientExtras } from '../create-client';
import { AuthError, NetworkError, pathOf, requestMessage, TimeoutError } from '../errors';
import { matchOperation } from '../operation-match';
import type { FetchLike, RateLimitOptions, WaitReason } from '../types';
import { backoffDelay, parseRetryAfter, type ResolvedRetryOptions } from './backoff';
import { systemCodesOf } from './network-failure';
import { createRateLimiter } from './rate-limit';
import { recordRequest } from './request-info';
import { withTimeout } from './sleep';

/** Frees the connection of a response whose body is not needed. */
const discard = (response: Response) => response.body?.cancel().catch(() => {});

export function createRetryingFetch(
  client: Omit<TelephonyClientExtras, 'unwrap' | 'region' | 'baseUrl' | 'loginBaseUrl'>,
  retry: ResolvedRetryOptions,
  timeoutMs: number,
  rateLimit: RateLimitOptions | false | undefined,
  userAgent: string | undefined,
): FetchLike {
  const { now, logger, auth } = client;
  const { maxRetries, maxElapsedMs, maxRetryAfterMs, defaultRetryAfterMs } = retry;
  const rateLimiter = createRateLimiter(rateLimit, now);

  return async (input) => {
    // Request normalises the standard methods to upper case (openapi-fetch sends them so).
    const { method, url, signal } = input;
    const path = pathOf(url);
    const operation = matchOperation(method, url);
    // Only these may be sent twice: a POST that reached the server may have been processed.
    const idempotent = !/^(POST|PATCH)$/.test(method);
    // Read the body once: every attempt sends it again (API bodies are at most 512000 bytes).
    const body = input.body && (await input.arrayBuffer());
    const started = now();
    let reauthenticated = false;
    let attempt = 0;
    let retries = 0;

    const wait = async (reason: WaitReason, ms: number, status?: number) => {
      const event = { reason, ms, attempt, status, method, path };
      client.onWait?.(event);
      logger?.[reason === 'rate-limit' ? 'info' : 'warn']?.(
        `${method} ${path}: waiting ${ms} ms (${reason}${status ? ` after ${status}` : ''}, attempt ${attempt})`,
        event,
      );
      await client.sleep(ms, signal);
    };
    /** Waits and counts a retry when one fits in maxRetries and maxElapsedMs (else false). */
    const retryAfter = async (ms: number, response?: Response, reason: WaitReason = 'backoff') => {
      if (retries >= maxRetries || now() - started + ms > maxElapsedMs) return false;
      retries++;
      if (response) await discard(response);
      await wait(reason, ms, response?.status);
      return true;
    };

    for (;;) {
      attempt++;
      signal.throwIfAborted();
      const paceMs = rateLimiter.reserve();
      if (paceMs > 0) await wait('rate-limit', paceMs);

      // openapi-fetch's Request is ours alone: its headers are set in place for each attempt.
      const { headers } = input;
      if (userAgent && !headers.has('user-agent')) headers.set('user-agent', userAgent);
      headers.delete('authorization');
      let token: string | undefined;
      if (operation?.requiresToken !== false) {
        if (!auth)
          throw new AuthError(
            requestMessage(
              method,
              url,
              'needs a token but the client has no `auth`',
              'Pass `auth` to createTelephonyClient.',
            ),
            { code: 'authentication.required', method, url },
          );
        token = await auth.getToken({ signal });
        headers.set('authorization', `Bearer ${token}`);
      }

      let response: Response;
      let timeout: ReturnType<typeof withTimeout> | undefined;
      try {
        logger?.debug?.(`${method} ${path} (attempt ${attempt})`);
        timeout = withTimeout(signal, timeoutMs);
        const init: RequestInit = {
          method,
          headers,
          body,
          signal: timeout.signal,
          redirect: input.redirect,
        };
        // The global fetch gets (url, init), which spares a copy of the Request.
        response = await (client.customFetch
          ? client.rawFetch(new Request(url, init))
          : fetch(url, init));
      } catch (error) {
        timeout?.clear();
        if (signal.aborted) throw signal.reason;
        const codes = systemCodesOf(error);
        const [code] = codes;
        // The timeout's reason: a TimeoutError DOMException (the caller's signal has not aborted).
        const timedOut = (error as Error)?.name === 'TimeoutError';
        // A refused connection never reached the server: even a POST may be sent again.
        if (
          (idempotent || (!timedOut && codes.includes('ECONNREFUSED'))) &&
          (await retryAfter(backoffDelay(retries + 1, retry)))
        )
          continue;
        const message = requestMessage(
          method,
          url,
          timedOut
            ? `got no answer within ${timeoutMs} ms (attempt ${attempt})`
            : `got no HTTP answer (attempt ${attempt}, ${code ?? (error as Error)?.message})`,
          timedOut ? 'Raise timeoutMs or try later.' : 'Check the network and baseUrl.',
        );
        const init = { method, url, cause: error, systemCode: code, timeoutMs };
        throw timedOut ? new TimeoutError(message, init) : new NetworkError(message, init);
      }
      rateLimiter.update(response.headers);
      const { status } = response;
      const settle = () => timeout?.clear();

      if (status === 401 && token && !reauthenticated) {
        reauthenticated = true;
        if (await auth?.invalidate?.(token)) {
          await discard(response);
          settle();
          continue;
        }
      }

      const asked = parseRetryAfter(response.headers.get('retry-after'), now());
      const retryAfterMs = asked ?? defaultRetryAfterMs;
      if (
        status === 429
          ? retryAfterMs <= maxRetryAfterMs &&
            (await retryAfter(retryAfterMs, response, 'retry-after'))
          : idempotent &&
            status > 501 &&
            status < 505 &&
            (await retryAfter(
              Math.max(backoffDelay(retries + 1, retry), Math.min(asked ?? 0, maxRetryAfterMs)),
              response,
            ))
      ) {
        settle();
        continue;
      }

      // openapi-fetch does not read these bodies, so nothing else would stop the timer.
      if (status === 204 || method === 'HEAD' || response.headers.get('Content-Length') === '0')
        settle();
      return recordRequest(response, {
        method,
        url,
        operation,
        authKind: auth?.kind,
        settle,
        timeoutMs,
      });
    }
  };
}
