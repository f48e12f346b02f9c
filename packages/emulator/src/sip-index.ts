// Searches over the data set's SIP records: a binary search by capture time over the records
// (sorted by microTs) and exact-value indexes for the filters, so a search over 100,000 records
// touches only the records it returns.
import type { HomerRecord } from '@telephony-kit/models';

export interface SipSearch {
  dateStartMs: number;
  dateEndMs: number;
  callId?: string;
  toUser?: string;
  fromUser?: string;
  conversationId?: string;
  participantId?: string;
}

export interface SipIndex {
  readonly size: number;
  /** Records in [dateStart, dateEnd] that match every given filter, in capture order. */
  search(query: SipSearch): HomerRecord[];
  /** Every record of a conversation (its own or those of its Call-IDs), in capture order. */
  conversationRecords(conversationId: string, callIds?: readonly string[]): HomerRecord[];
}

type Filter = 'callid' | 'toUser' | 'fromUser' | 'conversationId' | 'participantId';
const FILTERS: readonly [keyof SipSearch, Filter][] = [
  ['callId', 'callid'],
  ['toUser', 'toUser'],
  ['fromUser', 'fromUser'],
  ['conversationId', 'conversationId'],
  ['participantId', 'participantId'],
];

export function createSipIndex(input: readonly HomerRecord[]): SipIndex {
  const micro = (r: HomerRecord) => Number(r.microTs ?? 0);
  const sorted = input.every((r, i) => i === 0 || micro(input[i - 1] as HomerRecord) <= micro(r));
  const records = sorted ? input : [...input].sort((a, b) => micro(a) - micro(b));
  const times = new Float64Array(records.length);
  const indexes = new Map<Filter, Map<string, number[]>>(
    FILTERS.map(([, field]) => [field, new Map()]),
  );
  records.forEach((record, i) => {
    times[i] = micro(record);
    for (const [field, index] of indexes) {
      const value = record[field];
      if (!value) continue;
      const list = index.get(value);
      if (list) list.push(i);
      else index.set(value, [i]);
    }
  });

  /** The first position whose time is >= t (or > t when `after`). */
  const bound = (t: number, after: boolean): number => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = times[mid] as number;
      if (v < t || (after && v === t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    size: records.length,
    search(query) {
      const from = bound(query.dateStartMs * 1000, false);
      const to = bound(query.dateEndMs * 1000, true);
      if (from >= to) return [];
      const filters = FILTERS.flatMap(([param, field]) => {
        const value = query[param];
        return typeof value === 'string' && value !== '' ? [[field, value] as const] : [];
      });
      if (filters.length === 0) return records.slice(from, to);

      // Walk the shortest candidate list; it is sorted by position, hence by time.
      let candidates: number[] | undefined;
      for (const [field, value] of filters) {
        const list = indexes.get(field)?.get(value) ?? [];
        if (!candidates || list.length < candidates.length) candidates = list;
      }
      const out: HomerRecord[] = [];
      for (const i of candidates ?? []) {
        if (i < from) continue;
        if (i >= to) break;
        const record = records[i] as HomerRecord;
        if (filters.every(([field, value]) => record[field] === value)) out.push(record);
      }
      return out;
    },
    conversationRecords(conversationId, callIds = []) {
      const positions = new Set(indexes.get('conversationId')?.get(conversationId) ?? []);
      for (const callId of callIds) {
        for (const i of indexes.get('callid')?.get(callId) ?? []) positions.add(i);
      }
      return [...positions].sort((a, b) => a - b).map((i) => records[i] as HomerRecord);
    },
  };
}
