// Client options that scale every wait down, so retry tests take milliseconds, and a recorder of waits.
import { vi } from 'vitest';
import type { RetryOptions, WaitEvent } from '../../src/index';

export const fastRetry: RetryOptions = {
  baseDelayMs: 1,
  maxDelayMs: 5,
  maxRetries: 3,
  maxElapsedMs: 10_000,
  defaultRetryAfterMs: 3_000,
  random: () => 0.5,
};

/** A sleep that records what it was asked and waits at most a millisecond. */
export function recordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    waits.push(ms);
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 1)));
    signal?.throwIfAborted();
  };
  return { waits, sleep };
}

export function recordWaits() {
  const events: WaitEvent[] = [];
  return { events, onWait: (event: WaitEvent) => events.push(event) };
}

/** A logger that keeps every line, to check that no token reaches it. */
export function memoryLogger() {
  const lines: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return {
    lines,
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
  };
}

/**
 * Watches the timers of `ms` milliseconds (pick an unusual value): `pending` holds those set and
 * neither cleared nor fired, `created` counts them all. `restore()` puts the globals back.
 */
export function watchTimers(ms: number) {
  const pending = new Set<unknown>();
  let created = 0;
  const { setTimeout: set, clearTimeout: clear } = globalThis;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
    callback: (...args: unknown[]) => void,
    delay?: number,
    ...args: unknown[]
  ) => {
    const timer = set(() => {
      pending.delete(timer);
      callback(...args);
    }, delay);
    if (delay === ms) {
      created += 1;
      pending.add(timer);
    }
    return timer;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
    pending.delete(timer);
    clear(timer);
  });
  return {
    pending,
    get created() {
      return created;
    },
    restore: () => vi.restoreAllMocks(),
  };
}
