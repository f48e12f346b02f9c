// Retry timing: jittered exponential backoff and the Retry-After header.
import type { RetryOptions } from '../types';

export type ResolvedRetryOptions = Required<RetryOptions>;

/** The documented defaults, with `options` (undefined values ignored) over them. */
export function resolveRetryOptions(
  options: RetryOptions | false | undefined,
): ResolvedRetryOptions {
  const resolved: ResolvedRetryOptions = {
    maxRetries: 3,
    baseDelayMs: 500,
    maxDelayMs: 20_000,
    maxElapsedMs: 300_000,
    maxRetryAfterMs: 180_000,
    defaultRetryAfterMs: 3_000,
    random: Math.random,
  };
  for (const [key, value] of Object.entries(options || {}))
    if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
  if (options === false) resolved.maxRetries = 0;
  return resolved;
}

/**
 * The delay before retry number `retry` (1-based): base·2^(retry-1), capped, with "equal jitter"
 * (between half and all of it) so that many clients do not retry in step.
 */
export function backoffDelay(retry: number, options: ResolvedRetryOptions): number {
  const half = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1)) / 2;
  return Math.round(half + half * options.random());
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or undefined when absent/invalid. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
