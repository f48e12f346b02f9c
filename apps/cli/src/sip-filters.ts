// The search options of `sip traces`, `sip ladder` and `pcap request|download`, turned into a
// validated SipSearch (dates resolved and ordered, ids checked) before any request.
import { type SipSearch, type SipSearchInput, sipSearch } from '@telephony-kit/client';
import type { HomerRecord } from '@telephony-kit/models';
import { type OptionSpec, timeWindowOptions } from './command';
import { UsageError } from './errors';

export const searchFilterOptions = {
  ...timeWindowOptions,
  'call-id': { type: 'string', valueName: 'id', description: 'SIP Call-ID (exact match)' },
  'to-user': { type: 'string', valueName: 'user', description: 'To user, e.g. +13175550199' },
  'from-user': { type: 'string', valueName: 'user', description: 'From user' },
  conversation: {
    type: 'string',
    valueName: 'uuid',
    description: 'Genesys Cloud conversation id',
  },
} as const satisfies Record<string, OptionSpec>;

/**
 * The time window of --since or --from/--to. `fallbackSince` applies when neither is given; without
 * one, a window is required.
 */
export function windowInput(
  options: Record<string, unknown>,
  command: string,
  fallbackSince?: string,
): Pick<SipSearchInput, 'dateStart' | 'dateEnd'> {
  const since = options.since as string | undefined;
  const from = options.from as string | undefined;
  const to = options.to as string | undefined;
  if (since !== undefined && from !== undefined) {
    throw new UsageError('Give --since or --from, not both.', { command });
  }
  if (since !== undefined) {
    if (!/^\s*\d+(?:\.\d+)?\s*(ms|s|m|h|d|w)\s*$/i.test(since)) {
      throw new UsageError(
        `--since "${since}" is not a duration: use a number and a unit, such as 30m, 2h or 7d.`,
        { command },
      );
    }
    return to === undefined ? { dateStart: since } : { dateStart: since, dateEnd: to };
  }
  if (from !== undefined)
    return to === undefined ? { dateStart: from } : { dateStart: from, dateEnd: to };
  if (to !== undefined) {
    throw new UsageError(
      '--to needs --from (or use --since): e.g. --from 2026-11-26T10:00:00Z --to 2026-11-26T11:00:00Z.',
      {
        command,
      },
    );
  }
  if (fallbackSince !== undefined) return { dateStart: fallbackSince };
  throw new UsageError('Give a time window: --since 2h, or --from <date> --to <date>.', {
    command,
  });
}

/** The validated search of the filter options (throws ValidationError/UsageError, exit 2). */
export function searchFromOptions(
  options: Record<string, unknown>,
  command: string,
  extra: Partial<SipSearchInput> = {},
  fallbackSince?: string,
): SipSearch {
  const input: SipSearchInput = { ...windowInput(options, command, fallbackSince), ...extra };
  const pairs = [
    ['call-id', 'callId'],
    ['to-user', 'toUser'],
    ['from-user', 'fromUser'],
    ['conversation', 'conversationId'],
  ] as const;
  for (const [option, field] of pairs) {
    const value = options[option];
    if (value !== undefined) input[field] = value as string;
  }
  return sipSearch(input);
}

/** When a record was captured: its `date`, else its microsecond or millisecond timestamp. */
export function recordTime(record: HomerRecord): string {
  const micro = Number(record.microTs);
  if (Number.isFinite(micro) && micro > 0) return new Date(micro / 1000).toISOString();
  const milli = Number(record.milliTs);
  if (Number.isFinite(milli) && milli > 0) return new Date(milli).toISOString();
  return record.date ?? '';
}

/** `INVITE`, or `200 OK` for a reply. */
export function recordLabel(record: HomerRecord): string {
  const method = record.method ?? '';
  return /^\d{3}$/.test(method) && record.replyReason ? `${method} ${record.replyReason}` : method;
}

export const endpoint = (ip: string | undefined, port: string | undefined) =>
  ip ? (port ? (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`) : ip) : '';
