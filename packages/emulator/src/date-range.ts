// The search fields shared by GET siptraces and POST siptraces/download.
import { ApiError } from './errors';
import type { SipSearch } from './sip-index';

const ISO_DATE_TIME =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d):[0-5]\d(?:\.\d{1,9})?(?:Z|([+-])([01]\d|2[0-3]):([0-5]\d))$/i;

/**
 * Epoch ms of an ISO-8601 date-time, or NaN. Date.parse rolls impossible dates over
 * (2026-02-31 becomes March 3rd), so the calendar fields of the result, read in the string's own
 * offset, must be the string's.
 */
function parseIsoDateTime(value: string): number {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return Number.NaN;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return Number.NaN;
  const [, year, month, day, hour, minute, sign, offsetHours, offsetMinutes] = m;
  const offset =
    sign === undefined
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const local = new Date(ms + offset);
  const same =
    local.getUTCFullYear() === Number(year) &&
    local.getUTCMonth() + 1 === Number(month) &&
    local.getUTCDate() === Number(day) &&
    local.getUTCHours() === Number(hour) &&
    local.getUTCMinutes() === Number(minute);
  return same ? ms : Number.NaN;
}

function invalidDate(field: string, messageWithParams?: string): ApiError {
  return new ApiError('invalid.date', {
    params: { field },
    ...(messageWithParams !== undefined && { messageWithParams }),
    details: [{ errorCode: 'invalid.date', fieldName: field }],
  });
}

export function parseDateTime(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') {
    throw invalidDate(
      field,
      'Invalid date: {field} is required, an ISO-8601 date-time such as 2024-11-26T09:00:00.000Z',
    );
  }
  const ms = typeof value === 'string' ? parseIsoDateTime(value) : Number.NaN;
  if (Number.isNaN(ms)) throw invalidDate(field);
  return ms;
}

export type SearchFields = Partial<
  Record<'dateStart' | 'dateEnd' | keyof Omit<SipSearch, 'dateStartMs' | 'dateEndMs'>, unknown>
>;

/** Validates dates (ISO-8601, dateEnd after dateStart) and keeps the string filters. */
export function toSipSearch(fields: SearchFields): SipSearch {
  const dateStartMs = parseDateTime(fields.dateStart, 'dateStart');
  const dateEndMs = parseDateTime(fields.dateEnd, 'dateEnd');
  if (dateEndMs <= dateStartMs) {
    throw invalidDate('dateEnd', 'Invalid date: {field} must be after dateStart');
  }
  const search: SipSearch = { dateStartMs, dateEndMs };
  for (const key of ['callId', 'toUser', 'fromUser', 'conversationId', 'participantId'] as const) {
    const value = fields[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') {
      throw new ApiError('bad.request', {
        messageWithParams: '{field} must be a string',
        params: { field: key },
        details: [{ errorCode: 'bad.request', fieldName: key }],
      });
    }
    search[key] = value;
  }
  return search;
}
