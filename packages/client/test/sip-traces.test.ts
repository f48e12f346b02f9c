// Date and id checks happen before any request, with messages that say what to do.
import { describe, expect, it } from 'vitest';
import {
  createTelephonyClient,
  getSipHeaders,
  getSipMessage,
  resolveDate,
  searchSipTraces,
  sipSearch,
  ValidationError,
} from '../src/index';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const now = () => NOW;
const UUID = '3f2c8a1e-5b7d-4e9f-a0c1-2d3e4f5a6b7c';

function recordingClient() {
  const urls: string[] = [];
  const client = createTelephonyClient({
    region: 'us-east-1',
    auth: 't',
    now,
    fetch: async (request) => {
      urls.push(request.url);
      return new Response(JSON.stringify({ data: [], count: 0 }), {
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { client, urls };
}

describe('resolveDate', () => {
  it('accepts Dates, ISO strings, now, and durations before now', () => {
    expect(resolveDate(new Date(NOW), { now })).toEqual(new Date(NOW));
    expect(resolveDate('2026-11-26T10:00:00Z', { now }).toISOString()).toBe(
      '2026-11-26T10:00:00.000Z',
    );
    expect(resolveDate('2026-11-26T11:00:00+01:00', { now }).toISOString()).toBe(
      '2026-11-26T10:00:00.000Z',
    );
    expect(resolveDate('2026-11-26', { now }).toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(resolveDate('now', { now }).getTime()).toBe(NOW);
    expect(resolveDate('2h', { now }).toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(resolveDate('30m', { now }).toISOString()).toBe('2026-11-26T11:30:00.000Z');
    expect(resolveDate('7d', { now }).toISOString()).toBe('2026-11-19T12:00:00.000Z');
    expect(resolveDate('90s', { now }).toISOString()).toBe('2026-11-26T11:58:30.000Z');
  });

  it.each(['yesterday', '2h30', '26/11/2026', '', '10 parsecs'])(
    'rejects %j with what to use instead',
    (input) => {
      expect(() => resolveDate(input, { now, field: 'dateStart' })).toThrow(ValidationError);
      expect(() => resolveDate(input, { now, field: 'dateStart' })).toThrow(
        /dateStart .* is not a date: use a Date, an ISO-8601 string/,
      );
    },
  );

  it('rejects an invalid Date', () => {
    expect(() => resolveDate(new Date('nope'), { now })).toThrow(/invalid Date/);
  });
});

describe('sipSearch', () => {
  it('resolves the range (dateEnd defaults to now) and keeps the filters', () => {
    expect(
      sipSearch({ dateStart: '2h', callId: ' abc@host ', conversationId: UUID }, { now }),
    ).toEqual({
      dateStart: '2026-11-26T10:00:00.000Z',
      dateEnd: '2026-11-26T12:00:00.000Z',
      callId: 'abc@host',
      conversationId: UUID,
    });
  });

  it('rejects dateEnd <= dateStart, saying to swap them', () => {
    expect(() => sipSearch({ dateStart: '1h', dateEnd: '2h' }, { now })).toThrow(
      /dateEnd .* must be after dateStart .*swap them/,
    );
    expect(() => sipSearch({ dateStart: 'now', dateEnd: 'now' }, { now })).toThrow(ValidationError);
  });

  it('rejects a conversationId that is not a UUID, with an example', () => {
    const error = (() => {
      try {
        sipSearch({ dateStart: '1h', conversationId: '12345' }, { now });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'conversationId' });
    expect((error as Error).message).toMatch(/"12345" is not a UUID: .* look like/);
    expect(() => sipSearch({ dateStart: '1h', callId: '' }, { now })).toThrow(
      /callId must be a non-empty string/,
    );
  });
});

describe('search helpers', () => {
  it('sends a validated search', async () => {
    const { client, urls } = recordingClient();
    await searchSipTraces(client, { dateStart: '30m', toUser: '+3312345' });
    const url = new URL(urls[0] as string);
    expect(url.pathname).toBe('/api/v2/telephony/siptraces');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      dateStart: '2026-11-26T11:30:00.000Z',
      dateEnd: '2026-11-26T12:00:00.000Z',
      toUser: '+3312345',
    });
    await getSipHeaders(client, UUID, { keys: ['ruri', 'to'] });
    expect(urls[1]).toContain(`/conversations/${UUID}/headers?keys=ruri&keys=to`);
  });

  it('sends nothing when the input is wrong', async () => {
    const { client, urls } = recordingClient();
    await expect(searchSipTraces(client, { dateStart: '1h', dateEnd: '3h' })).rejects.toThrow(
      ValidationError,
    );
    await expect(getSipMessage(client, 'not-a-uuid')).rejects.toThrow(/not a UUID/);
    await expect(getSipHeaders(client, '')).rejects.toThrow(ValidationError);
    expect(urls).toEqual([]);
  });
});
