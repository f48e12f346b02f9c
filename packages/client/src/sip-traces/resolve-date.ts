// Dates for SIP searches: a Date, an ISO-8601 string, "now", or a duration before now ("30m", "2h", "7d").
import { ValidationError } from '../errors';

/** A Date, an ISO-8601 string, `now`, or a duration before now: `90s`, `30m`, `2h`, `7d`, `1w`. */
export type DateInput = Date | string;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^-?(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)(?:\s*ago)?$/i;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function describe(field: string, input: unknown): string {
  return `${field} ${typeof input === 'string' ? `"${input}"` : String(input)}`;
}

const WHAT_TO_DO =
  'use a Date, an ISO-8601 string such as 2026-11-26T10:00:00Z, "now", or a duration before now such as 30m, 2h or 7d';

/** The instant `input` names, relative durations counted back from `now`. */
export function resolveDate(
  input: DateInput,
  options: { now?: () => number; field?: string } = {},
): Date {
  const field = options.field ?? 'date';
  const now = options.now ?? Date.now;
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) {
      throw new ValidationError(`${field} is an invalid Date: ${WHAT_TO_DO}.`, { field });
    }
    return input;
  }
  if (typeof input !== 'string') {
    throw new ValidationError(`${describe(field, input)} is not a date: ${WHAT_TO_DO}.`, { field });
  }
  const text = input.trim();
  if (text.toLowerCase() === 'now') return new Date(now());
  const duration = DURATION.exec(text);
  if (duration) {
    const [, amount, unit] = duration;
    return new Date(now() - Number(amount) * (UNIT_MS[(unit as string).toLowerCase()] as number));
  }
  if (ISO.test(text)) {
    const parsed = Date.parse(text);
    if (!Number.isNaN(parsed)) return new Date(parsed);
  }
  throw new ValidationError(`${describe(field, input)} is not a date: ${WHAT_TO_DO}.`, { field });
}
