import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, resolveRetryOptions } from '../src/transport/backoff';
import { createRateLimiter } from '../src/transport/rate-limit';

describe('backoff', () => {
  it('doubles per retry, caps, and jitters between half and all of it', () => {
    const low = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
    const high = resolveRetryOptions({
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 0.999999,
    });
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, low))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, high))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('has the documented defaults, and retry: false means no retries', () => {
    expect(resolveRetryOptions(undefined)).toMatchObject({
      maxRetries: 3,
      maxRetryAfterMs: 180_000,
      defaultRetryAfterMs: 3_000,
    });
    expect(resolveRetryOptions(false).maxRetries).toBe(0);
    expect(resolveRetryOptions({ maxRetries: undefined }).maxRetries).toBe(3);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('rate limiter', () => {
  const headers = (count: number, allowed: number, reset: number) =>
    new Headers({
      'inin-ratelimit-count': String(count),
      'inin-ratelimit-allowed': String(allowed),
      'inin-ratelimit-reset': String(reset),
    });

  it('does not wait below the threshold or without headers', () => {
    const limiter = createRateLimiter(undefined, () => 0);
    expect(limiter.reserve()).toBe(0);
    limiter.update(new Headers());
    expect(limiter.reserve()).toBe(0);
    limiter.update(headers(100, 300, 60));
    expect(limiter.reserve()).toBe(0);
    limiter.update(headers(300, 300, 60));
    expect(limiter.reserve()).toBe(60_000); // the window is used up until it resets
  });

  it('counts requests sent since the last answer', () => {
    const limiter = createRateLimiter({ threshold: 0.5 }, () => 0);
    limiter.update(headers(4, 10, 10));
    expect(limiter.reserve()).toBe(0); // 4 of 10
    expect(limiter.reserve()).toBe(2000); // 5 of 10 → 5 left for 10 s
  });

  it('waits for the reset when the window is used up, at most maxWaitMs', () => {
    const limiter = createRateLimiter({ maxWaitMs: 5000 }, () => 0);
    limiter.update(headers(300, 300, 60));
    expect(limiter.reserve()).toBe(5000);
  });
});
