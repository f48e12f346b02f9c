// Retry timing: jittered exponential backoff and the Retry-After header.
import type { RetryOptions } from '../types';

export type ResolvedRetryOptions = Required<RetryOptions>;

/** The documented defaults, with `options` (undefined values ignored) over them. */
export function resolveRetryOptions(
  options: RetryOptions | false | undefined,
): ResolvedRetryOptions {
  const resolved: Record<string, unknown> = {
    maxRetries: options === false ? 0 : 3,
    baseDelayMs: 500,
    maxDelayMs: 20_000,
    maxElapsedMs: 300_000,
    maxRetryAfterMs: 180_000,
    defaultRetryAfterMs: 3_000,
    random: Math.random,
  };
  for (const key in options || {}) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) resolved[key] = value;
  }
  return resolved as ResolvedRetryOptions;
}

/**
 * The delay before retry number `retry` (1-based): base·2^(retry-1), capped, with "equal jitter"
 * (between half and all of it) so that many clients do not retry in step.
 */
export function backoffDelay(retry: number, options: ResolvedRetryOptions): number {
  const half = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1)) / 2;
  return Math.round(half + half * options.random());
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or undefined when absent/invalid. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value?.trim()) return undefined;
  const seconds = Number(value);
  const date = Date.parse(value);
  return seconds >= 0 ? Math.round(seconds * 1000) : date ? Math.max(0, date - now) : undefined;
}
