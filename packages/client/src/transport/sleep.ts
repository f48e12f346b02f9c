// Waiting that an AbortSignal can cut short, and signals that combine a caller's signal with a timeout.
import type { Sleep } from '../types';

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort);
  });

/**
 * A signal that aborts when the caller's `signal` does, or after `timeoutMs` (0 or Infinity: never)
 * with a `TimeoutError` DOMException, without keeping Node alive; and `clear`, which stops the
 * timer once the answer has been read. One controller and one timer: AbortSignal.timeout +
 * AbortSignal.any cost several times more per request in Node 20.
 */
export function withTimeout(
  signal: AbortSignal | undefined | null,
  timeoutMs: number,
): { signal: AbortSignal | undefined; clear: () => void } {
  if (!(timeoutMs > 0 && timeoutMs < 2 ** 31)) return { signal: signal ?? undefined, clear() {} };
  const controller = new AbortController();
  const clear = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  const onAbort = () => {
    clear();
    controller.abort(signal?.reason);
  };
  const timer = setTimeout(() => {
    clear();
    controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  (timer as { unref?: () => void }).unref?.();
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, clear };
}
