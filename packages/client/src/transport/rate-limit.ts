// Reads `inin-ratelimit-count|allowed|reset` and spreads the rest of the window's requests over the
// time left once most of it is used, so that the client slows down instead of running into 429s.
import type { RateLimitOptions } from '../types';

export interface RateLimitState {
  /** Requests counted in the current window. */
  count: number;
  /** Requests allowed per window. */
  allowed: number;
  /** When the window resets (epoch ms). */
  resetAt: number;
}

export interface RateLimiter {
  /** How long to wait before the next request; reserves a place for it. */
  reserve(): number;
  /** Records the headers of a response. */
  update(headers: Headers): void;
}

export function createRateLimiter(
  options: RateLimitOptions | false | undefined,
  now: () => number,
): RateLimiter {
  const { threshold = 0.8, maxWaitMs = 60_000 } = options || {};
  let window: RateLimitState | undefined;
  let sentSinceUpdate = 0;
  let lastSlot = 0; // set by every reserve(), which always precedes the first window

  return {
    reserve() {
      const time = now();
      let slot = time;
      if (window && time < window.resetAt) {
        const { count, allowed, resetAt } = window;
        const used = count + sentSinceUpdate++;
        const remaining = allowed - used;
        // Spread the remaining requests evenly over what is left of the window.
        if (remaining < 1) slot = resetAt;
        else if (used / allowed >= threshold)
          slot = Math.max(time, lastSlot + (resetAt - time) / remaining);
      }
      lastSlot = slot;
      return Math.min(Math.round(slot - time), maxWaitMs);
    },
    update(headers) {
      const [count, allowed, reset] = ['count', 'allowed', 'reset'].map((name) =>
        Number.parseFloat(headers.get(`inin-ratelimit-${name}`) as string),
      ) as [number, number, number];
      if (options !== false && allowed > 0 && count >= 0 && reset >= 0) {
        window = { count, allowed, resetAt: now() + reset * 1000 };
        sentSinceUpdate = 0;
      }
    },
  };
}
