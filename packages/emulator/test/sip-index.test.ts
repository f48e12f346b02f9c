import type { HomerRecord } from '@telephony-kit/models';
import { describe, expect, it } from 'vitest';
import { createSipIndex } from '../src/sip-index';

const BASE_MS = Date.UTC(2024, 10, 26);

/** 100,000 synthetic records, 10 per conversation, one every 50 ms. */
function syntheticRecords(count: number): HomerRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(i + 1),
    microTs: String((BASE_MS + i * 50) * 1000 + 7),
    conversationId: `conv-${Math.floor(i / 10)}`,
    callid: `call-${Math.floor(i / 5)}`,
    toUser: `+1555${i % 97}`,
    fromUser: `+1444${i % 89}`,
  }));
}

describe('createSipIndex', () => {
  const records = syntheticRecords(100_000);
  const index = createSipIndex(records);
  const naive = (from: number, to: number, predicate: (r: HomerRecord) => boolean = () => true) =>
    records.filter((r) => {
      const t = Number(r.microTs) / 1000;
      return t >= from && t <= to && predicate(r);
    });

  it('finds exactly the records of a date range, bounds included', () => {
    const from = BASE_MS + 1_000_000;
    const to = from + 60_000;
    const result = index.search({ dateStartMs: from, dateEndMs: to + 1 });
    expect(result.map((r) => r.id)).toEqual(naive(from, to + 1).map((r) => r.id));
    expect(result).toHaveLength(1_201); // from, from + 50 ms, …, to
    expect(index.search({ dateStartMs: BASE_MS - 10_000, dateEndMs: BASE_MS - 1 })).toEqual([]);
  });

  it('combines the range with every filter', () => {
    const from = BASE_MS;
    const to = BASE_MS + 5_000_000;
    const cases = [
      { conversationId: 'conv-1234' },
      { callId: 'call-42' },
      { toUser: '+155512', fromUser: '+144433' },
      { toUser: '+155512', conversationId: 'conv-nope' },
    ];
    for (const filter of cases) {
      const result = index.search({ dateStartMs: from, dateEndMs: to, ...filter });
      const expected = naive(from, to, (r) =>
        Object.entries(filter).every(
          ([k, v]) => r[(k === 'callId' ? 'callid' : k) as keyof HomerRecord] === v,
        ),
      );
      expect(
        result.map((r) => r.id),
        JSON.stringify(filter),
      ).toEqual(expected.map((r) => r.id));
    }
  });

  it('gathers a conversation by its id and its Call-IDs, in capture order, and sorts unsorted input', () => {
    const shuffled = [...records.slice(0, 40)].reverse();
    const small = createSipIndex(shuffled);
    const ids = small.conversationRecords('conv-0', ['call-2']).map((r) => r.id);
    expect(ids).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
    ]);
  });
});
