// Waiting that an AbortSignal can cut short, and signals that combine a caller's signal with a timeout.
import type { Sleep } from '../types';

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Throws the signal's reason when it has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined | null): void {
  signal?.throwIfAborted();
}

/** A signal that aborts when any of `signals` does (AbortSignal.any where available). */
export function anySignal(signals: (AbortSignal | undefined | null)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s != null);
  if (present.length < 2) return present[0];
  if (AbortSignal.any) return AbortSignal.any(present);
  const controller = new AbortController();
  for (const signal of present) {
    if (signal.aborted) controller.abort(signal.reason);
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/** A signal that aborts with a TimeoutError DOMException after `ms`, without keeping Node alive. */
export const timeoutSignal = (ms: number): AbortSignal => AbortSignal.timeout(ms);
