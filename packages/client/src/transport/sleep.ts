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

/** Throws the signal's reason when it has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined | null): void {
  signal?.throwIfAborted();
}

/**
 * A signal that aborts when the caller's `signal` does, or after `timeoutMs` (0 or Infinity: never)
 * with a `TimeoutError` DOMException, without keeping Node alive.
 */
export function withTimeout(
  signal: AbortSignal | undefined | null,
  timeoutMs: number,
): AbortSignal | undefined {
  if (!(timeoutMs > 0 && timeoutMs < 2 ** 31)) return signal ?? undefined;
  const timeout = AbortSignal.timeout(timeoutMs);
  if (!signal) return timeout;
  if (AbortSignal.any) return AbortSignal.any([signal, timeout]);
  // Runtimes before AbortSignal.any (Node 20.0–20.2, Safari < 17.4).
  const controller = new AbortController();
  for (const one of [signal, timeout])
    one.addEventListener('abort', () => controller.abort(one.reason), { once: true });
  if (signal.aborted) controller.abort(signal.reason);
  return controller.signal;
}
