// Validates a SIP search before any request: dates resolved and ordered, ids well formed.
import type { SIPSearchPublicRequest } from '@telephony-kit/models';
import { ValidationError } from '../errors';
import { type DateInput, resolveDate } from './resolve-date';

export interface SipSearchInput {
  /** Start of the search: a Date, an ISO string, or a duration before now such as `2h`. */
  dateStart: DateInput;
  /** End of the search; default now. */
  dateEnd?: DateInput;
  /** The SIP Call-ID. */
  callId?: string;
  toUser?: string;
  fromUser?: string;
  /** A Genesys Cloud conversation id (a UUID). */
  conversationId?: string;
  /** A participant id (a UUID); PCAP downloads only. */
  participantId?: string;
}

export interface SipSearch {
  dateStart: string;
  dateEnd: string;
  callId?: string;
  toUser?: string;
  fromUser?: string;
  conversationId?: string;
  participantId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws a ValidationError unless `value` is a UUID. */
export function assertUuid(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !UUID.test(value.trim())) {
    throw new ValidationError(
      `${field} ${JSON.stringify(value)} is not a UUID: Genesys Cloud ids look like 3f2c8a1e-5b7d-4e9f-a0c1-2d3e4f5a6b7c. Copy the id from the interaction details or the analytics API.`,
      { field },
    );
  }
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(
      `${field} must be a non-empty string (or be left out), not ${JSON.stringify(value)}.`,
      {
        field,
      },
    );
  }
  return value.trim();
}

/** The validated search, with ISO-8601 dates; throws ValidationError with what to fix. */
export function sipSearch(input: SipSearchInput, options: { now?: () => number } = {}): SipSearch {
  if (!input || typeof input !== 'object') {
    throw new ValidationError('A SIP search needs at least { dateStart }.', { field: 'dateStart' });
  }
  if (input.dateStart === undefined) {
    throw new ValidationError('dateStart is required: for example "2h" for the last two hours.', {
      field: 'dateStart',
    });
  }
  const start = resolveDate(input.dateStart, { ...options, field: 'dateStart' });
  const end = resolveDate(input.dateEnd ?? 'now', { ...options, field: 'dateEnd' });
  if (end.getTime() <= start.getTime()) {
    throw new ValidationError(
      `dateEnd (${end.toISOString()}) must be after dateStart (${start.toISOString()}): swap them, or give a longer range.`,
      { field: 'dateEnd' },
    );
  }
  const search: SipSearch = { dateStart: start.toISOString(), dateEnd: end.toISOString() };
  for (const field of ['callId', 'toUser', 'fromUser'] as const) {
    const value = optionalText(input[field], field);
    if (value !== undefined) search[field] = value;
  }
  for (const field of ['conversationId', 'participantId'] as const) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    assertUuid(value, field);
    search[field] = value.trim();
  }
  return search;
}

/** The body of `POST /api/v2/telephony/siptraces/download`. */
export function sipSearchRequest(
  input: SipSearchInput,
  options: { now?: () => number } = {},
): SIPSearchPublicRequest {
  return sipSearch(input, options);
}
