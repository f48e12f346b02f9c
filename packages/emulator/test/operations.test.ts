// Happy and error paths of the nine operations over real HTTP.
import type { Callheader, Callmessage, SipSearchResult } from '@telephony-kit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeHardwareId } from '../src/data/generate-dataset';
import type { Emulator } from '../src/index';
import { bearer, clientCredentialsToken, datasetRange, startEmulator } from './support/helpers';

let emulator: Emulator;
let token: string;
let api: (path: string, init?: RequestInit) => Promise<Response>;

beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: false });
  token = await clientCredentialsToken(emulator);
  api = (path, init = {}) =>
    fetch(`${emulator.url}/api/v2/telephony${path}`, {
      ...init,
      headers: { ...bearer(token), ...init.headers },
    });
});
afterAll(() => emulator.close());

/** A conversation that has an INVITE among its records. */
function conversationWithInvite() {
  const conversation = emulator.dataset.conversations.find((c) =>
    emulator.dataset.records.some(
      (r) => r.conversationId === c.conversationId && r.method === 'INVITE',
    ),
  );
  if (!conversation) throw new Error('the data set has no conversation with an INVITE');
  return conversation;
}

describe('GET /mediaregions', () => {
  it('answers the data set media regions', async () => {
    const res = await api('/mediaregions');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(emulator.dataset.mediaRegions);
  });
});

describe('GET /siptraces', () => {
  it('answers every record in the range in a SipSearchResult envelope', async () => {
    const range = datasetRange(emulator);
    const res = await api(`/siptraces?${new URLSearchParams(range)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SipSearchResult;
    expect(body).toMatchObject({
      status: 200,
      auth: 'true',
      count: emulator.dataset.records.length,
    });
    expect(body.sid).toMatch(/^[0-9a-f]{32}$/);
    expect(body.data?.map((r) => r.id)).toEqual(emulator.dataset.records.map((r) => r.id));
  });

  it('limits to the date range and applies every filter', async () => {
    const records = emulator.dataset.records;
    const middle = records[Math.floor(records.length / 2)];
    const at = Number(middle?.milliTs);
    const narrow = new URLSearchParams({
      dateStart: new Date(at - 60_000).toISOString(),
      dateEnd: new Date(at + 60_000).toISOString(),
    });
    const inRange = records.filter((r) => Math.abs(Number(r.milliTs) - at) <= 60_000);
    const all = (await (await api(`/siptraces?${narrow}`)).json()) as SipSearchResult;
    expect(all.data?.map((r) => r.id)).toEqual(inRange.map((r) => r.id));

    const conversation = conversationWithInvite();
    const invite = records.find(
      (r) => r.conversationId === conversation.conversationId && r.method === 'INVITE',
    );
    const range = datasetRange(emulator);
    const cases: [string, string, (r: (typeof records)[number]) => boolean][] = [
      [
        'conversationId',
        conversation.conversationId,
        (r) => r.conversationId === conversation.conversationId,
      ],
      ['callId', invite?.callid ?? '', (r) => r.callid === invite?.callid],
      ['toUser', invite?.toUser ?? '', (r) => r.toUser === invite?.toUser],
      ['fromUser', invite?.fromUser ?? '', (r) => r.fromUser === invite?.fromUser],
    ];
    for (const [name, value, predicate] of cases) {
      const res = await api(`/siptraces?${new URLSearchParams({ ...range, [name]: value })}`);
      const body = (await res.json()) as SipSearchResult;
      const expected = records.filter(predicate);
      expect(expected.length, name).toBeGreaterThan(0);
      expect(body.count, name).toBe(expected.length);
      expect(
        body.data?.map((r) => r.id),
        name,
      ).toEqual(expected.map((r) => r.id));
    }
    const none = (await (
      await api(`/siptraces?${new URLSearchParams({ ...range, callId: 'nope' })}`)
    ).json()) as SipSearchResult;
    expect(none).toMatchObject({ count: 0, data: [] });
  });

  it('answers 400 invalid.date for a missing, malformed or reversed range', async () => {
    const range = datasetRange(emulator);
    const queries: Record<string, string>[] = [
      { dateEnd: range.dateEnd },
      { dateStart: 'yesterday', dateEnd: range.dateEnd },
      { dateStart: '2024-11-26', dateEnd: range.dateEnd },
      { dateStart: range.dateEnd, dateEnd: range.dateStart },
      // Impossible calendar dates, which Date.parse would roll over into the next month.
      { dateStart: '2024-02-31T00:00:00Z', dateEnd: range.dateEnd },
      { dateStart: '2023-02-29T00:00:00.000Z', dateEnd: range.dateEnd },
      { dateStart: range.dateStart, dateEnd: '2024-11-31T00:00:00+02:00' },
      { dateStart: range.dateStart, dateEnd: '2024-04-31T23:30:00-05:00' },
    ];
    for (const query of queries) {
      const res = await api(`/siptraces?${new URLSearchParams(query)}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        code: string;
        messageParams: Record<string, string>;
        contextId: string;
      };
      expect(body.code).toBe('invalid.date');
      expect(['dateStart', 'dateEnd']).toContain(body.messageParams.field);
      expect(body.contextId).toBe(res.headers.get('inin-correlation-id'));
    }
  });

  it('accepts real calendar dates in any offset, leap days included', async () => {
    for (const [dateStart, dateEnd] of [
      ['2024-02-29T00:00:00Z', '2024-11-30T23:59:59.999999999Z'],
      ['2024-11-25T23:30:00+05:30', '2024-12-31T23:59:59-12:00'],
      ['2023-12-31T22:00:00-02:00', '2024-01-01T15:00:00+14:00'],
    ] as const) {
      const res = await api(`/siptraces?${new URLSearchParams({ dateStart, dateEnd })}`);
      expect(res.status, `${dateStart} .. ${dateEnd}`).toBe(200);
    }
  });
});

describe('GET /sipmessages/conversations/{id}', () => {
  it('answers the raw SIP of the conversation in time order', async () => {
    const conversation = conversationWithInvite();
    const res = await api(`/sipmessages/conversations/${conversation.conversationId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Callmessage;
    expect(body.id).toBe(conversation.conversationId);
    expect(body.name).toMatch(/^INVITE sip:/);
    expect(body.message).toMatch(/^INVITE sip:\S+ SIP\/2\.0\r\n/);
    const own = emulator.dataset.records.filter(
      (r) =>
        r.conversationId === conversation.conversationId ||
        conversation.callIds.includes(r.callid ?? ''),
    );
    expect(body.message).toBe(own.map((r) => r.msg).join(''));
    expect(body.selfUri).toBe(
      `/api/v2/telephony/sipmessages/conversations/${conversation.conversationId}`,
    );
  });

  it('answers 404 not.found for an unknown conversation', async () => {
    const res = await api('/sipmessages/conversations/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      code: 'not.found',
      status: 404,
      entityId: '00000000-0000-4000-8000-000000000000',
    });
  });
});

describe('GET /sipmessages/conversations/{id}/headers', () => {
  it('filters by keys sent repeated or comma-joined alike', async () => {
    const { conversationId } = conversationWithInvite();
    const repeated = (await (
      await api(`/sipmessages/conversations/${conversationId}/headers?keys=ruri&keys=to&keys=from`)
    ).json()) as Callheader;
    const joined = (await (
      await api(`/sipmessages/conversations/${conversationId}/headers?keys=ruri,to,from`)
    ).json()) as Callheader;
    expect(repeated).toEqual(joined);
    expect(Object.keys(repeated.headers ?? {})).toEqual(['ruri', 'to', 'from']);
    expect(repeated.headers?.ruri?.[0]).toMatch(/^sip:/);
    expect(repeated.headers?.from?.[0]).toMatch(/;tag=/);
  });

  it('answers every parsed header without keys', async () => {
    const { conversationId } = conversationWithInvite();
    const body = (await (
      await api(`/sipmessages/conversations/${conversationId}/headers`)
    ).json()) as Callheader;
    expect(body.headers).toMatchObject({
      ruri: [expect.any(String)],
      'call-id': [expect.any(String)],
      via: expect.any(Array),
    });
  });

  it('answers 404 for an unknown conversation', async () => {
    expect((await api('/sipmessages/conversations/nope/headers?keys=to')).status).toBe(404);
  });
});

describe('phones', () => {
  it('answers the settings of a known phone and 404 otherwise', async () => {
    const phone = emulator.dataset.phones[0];
    const res = await api(`/phone/${phone?.phoneId}/settings`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(phone?.settings);
    expect((await api('/phone/unknown/settings')).status).toBe(404);
  });

  it('answers phonehome without a token, for every MAC form and softphone FQDNs', async () => {
    const desk = emulator.dataset.phones.find((p) => /^[0-9a-f]{12}$/.test(p.hardwareId));
    if (!desk) throw new Error('no desk phone in the data set');
    const mac = desk.hardwareId;
    const pairs = mac.match(/../g) ?? [];
    const forms = [
      mac,
      mac.toUpperCase(),
      pairs.join(':'),
      pairs.join('-').toUpperCase(),
      `${mac.slice(0, 4)}.${mac.slice(4, 8)}.${mac.slice(8)}`,
    ];
    for (const form of forms) {
      expect(normalizeHardwareId(form)).toBe(mac);
      const res = await fetch(
        `${emulator.url}/api/v2/telephony/phonehome/phoneconfiguration/${encodeURIComponent(form)}`,
      );
      expect(res.status, form).toBe(200);
      expect(await res.json()).toEqual(desk.configuration);
    }
    const soft = emulator.dataset.phones.find(
      (p) => p.hardwareId.includes('.') && !/^[0-9a-f]{12}$/.test(p.hardwareId),
    );
    if (soft) {
      const res = await fetch(
        `${emulator.url}/api/v2/telephony/phonehome/phoneconfiguration/${soft.hardwareId.toUpperCase()}`,
      );
      expect(res.status).toBe(200);
    }
    const unknown = await fetch(
      `${emulator.url}/api/v2/telephony/phonehome/phoneconfiguration/00:00:00:00:00:01`,
    );
    expect(unknown.status).toBe(404);
  });
});

describe('POST /providers/edges/sites/{siteId}/schedulereboot', () => {
  it('answers 202 with no body, then 409 while pending, 202 again once it is over, 404 for an unknown site', async () => {
    const site = emulator.dataset.sites[0];
    const path = `/providers/edges/sites/${site?.siteId}/schedulereboot`;
    const first = await api(path, { method: 'POST' });
    expect(first.status).toBe(202);
    expect(await first.text()).toBe('');
    expect(emulator.reboots.at(-1)).toMatchObject({
      siteId: site?.siteId,
      siteName: site?.name,
      clientId: 'telephony-kit-demo',
    });

    const conflict = await api(path, { method: 'POST' });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'conflict', entityId: site?.siteId });

    emulator.clock.advance(120_000);
    expect((await api(path, { method: 'POST' })).status).toBe(202);
    expect(
      (await api('/providers/edges/sites/unknown/schedulereboot', { method: 'POST' })).status,
    ).toBe(404);
  });
});
