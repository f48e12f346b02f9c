// Time inside the emulator. Every expiry (tokens, signed URLs, PCAP readiness, rate windows,
// pending reboots) reads this clock, so tests move time instead of waiting for it.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export interface EmulatorClock extends Clock {
  /** Moves time forward by `ms` and answers the new time. */
  advance(ms: number): number;
  /** Jumps to `epochMs` and answers it. */
  set(epochMs: number): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that runs on `base` (the system clock by default) plus an offset the emulator controls. */
export function createEmulatorClock(base: Clock = systemClock): EmulatorClock {
  let offset = 0;
  return {
    now: () => base.now() + offset,
    advance(ms) {
      offset += ms;
      return base.now() + offset;
    },
    set(epochMs) {
      offset = epochMs - base.now();
      return epochMs;
    },
  };
}

/** A clock that stands still until it is moved: handy for tests that pass `clock` in. */
export function createManualClock(startMs: number = Date.now()): EmulatorClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
      return current;
    },
    set(epochMs) {
      current = epochMs;
      return current;
    },
  };
}

/** The largest |epoch ms| a JavaScript Date can hold (±100,000,000 days around 1970). */
export const MAX_EPOCH_MS = 8.64e15;

/** Whether `ms` is a time a Date can hold. */
export function isValidTime(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS;
}

/** ISO-8601 for a valid time; never throws (an impossible time is written as its number). */
export function formatTime(ms: number): string {
  return isValidTime(ms) ? new Date(ms).toISOString() : String(ms);
}
