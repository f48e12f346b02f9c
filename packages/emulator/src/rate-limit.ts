// Per-token request counting in fixed one-minute windows, as the platform reports it in the
// `inin-ratelimit-*` headers.
import type { Clock } from './clock';

const WINDOW_MS = 60_000;

export interface RateLimitState {
  count: number;
  allowed: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
  limited: boolean;
}

export interface RateLimiter {
  /** Counts one request for `key`. Null when rate limiting is off. */
  hit(key: string): RateLimitState | null;
  /** The state of `key` without counting. Null when rate limiting is off. */
  peek(key: string): RateLimitState | null;
  /** Forgets the windows that are over (a new request opens a fresh one anyway). */
  sweep(): void;
  /** How many windows are held. */
  size(): number;
  reset(): void;
}

export function createRateLimiter(requestsPerMinute: number | false, clock: Clock): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();

  const current = (key: string, now: number) => {
    let window = windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    return window;
  };

  const state = (window: { start: number; count: number }, now: number): RateLimitState | null => {
    if (requestsPerMinute === false) return null;
    return {
      count: window.count,
      allowed: requestsPerMinute,
      resetSeconds: Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)),
      limited: window.count > requestsPerMinute,
    };
  };

  return {
    hit(key) {
      if (requestsPerMinute === false) return null;
      const now = clock.now();
      const window = current(key, now);
      window.count += 1;
      return state(window, now);
    },
    peek(key) {
      if (requestsPerMinute === false) return null;
      const now = clock.now();
      return state(current(key, now), now);
    },
    sweep() {
      const now = clock.now();
      for (const [key, window] of windows) {
        if (now - window.start >= WINDOW_MS) windows.delete(key);
      }
    },
    size: () => windows.size,
    reset: () => windows.clear(),
  };
}

export function rateLimitHeaders(state: RateLimitState | null): Record<string, string> {
  if (!state) return {};
  return {
    'inin-ratelimit-count': String(state.count),
    'inin-ratelimit-allowed': String(state.allowed),
    'inin-ratelimit-reset': String(state.resetSeconds),
  };
}
