import type { HomerRecord } from '@telephony-kit/models';
import { describe, expect, it } from 'vitest';
import { type Dataset, generateDataset, normalizeHardwareId } from '../src/data/generate-dataset';
import { parseSipHeaders, requestUri, sipBody } from '../src/data/sip-message';

const now = new Date('2026-11-26T15:00:00.000Z');
const dataset = generateDataset({ now });
const { records, conversations } = dataset;

// biome-ignore format: the Homer fields read best as a compact list
const HOMER_FIELDS = [
  'id', 'name', 'date', 'milliTs', 'microTs', 'method', 'replyReason', 'ruri', 'ruriUser',
  'ruriDomain', 'fromUser', 'fromDomain', 'fromTag', 'toUser', 'toDomain', 'toTag', 'pidUser',
  'contactUser', 'authUser', 'callid', 'callidAleg', 'via1', 'via1Branch', 'cseq', 'diversion',
  'reason', 'contentType', 'auth', 'userAgent', 'sourceIp', 'sourcePort', 'destinationIp',
  'destinationPort', 'contactIp', 'contactPort', 'originatorIp', 'originatorPort', 'correlationId',
  'proto', 'family', 'rtpStat', 'type', 'node', 'trans', 'dbnode', 'msg', 'sourceAlias',
  'destinationAlias', 'conversationId', 'participantId',
] as const;

const isRequest = (r: HomerRecord) => !/^\d{3}$/.test(r.method ?? '');
const status = (r: HomerRecord) => Number(r.method);
const cseqMethod = (r: HomerRecord) => (r.cseq ?? '').split(' ')[1];
const cseqNumber = (r: HomerRecord) => (r.cseq ?? '').split(' ')[0];
const micros = (r: HomerRecord) => Number(r.microTs);
const byCallId = new Map<string, HomerRecord[]>();
for (const record of records) {
  const list = byCallId.get(record.callid ?? '') ?? [];
  list.push(record);
  byCallId.set(record.callid ?? '', list);
}
const invites = records.filter((r) => r.method === 'INVITE');

/** The request a response answers: same Call-ID, Via branch and CSeq, sent before it. */
function requestFor(response: HomerRecord): HomerRecord | undefined {
  return (byCallId.get(response.callid ?? '') ?? []).find(
    (r) =>
      isRequest(r) &&
      r.via1Branch === response.via1Branch &&
      r.cseq === response.cseq &&
      micros(r) <= micros(response),
  );
}

describe('generateDataset: records', () => {
  it('has a realistic size and every Homer field as a string', () => {
    expect(conversations).toHaveLength(200);
    expect(records.length).toBeGreaterThan(1500);
    const notStrings = records.flatMap((record) =>
      HOMER_FIELDS.filter((field) => typeof record[field] !== 'string').map(
        (f) => `${record.id}.${f}`,
      ),
    );
    expect(notStrings).toEqual([]);
  });

  it('sorts records by microTs with ids in that order, milliTs and date derived from it', () => {
    records.forEach((record, i) => {
      expect(record.id).toBe(String(i + 1));
      expect(record.microTs).toMatch(/^\d{16}$/);
      expect(record.milliTs).toBe(String(Math.floor(micros(record) / 1000)));
      expect(record.date).toBe(new Date(Number(record.milliTs)).toISOString());
      if (i > 0)
        expect(micros(record)).toBeGreaterThanOrEqual(micros(records[i - 1] as HomerRecord));
    });
  });

  it('spreads the calls over the last `days` days before now', () => {
    const start = now.getTime() - 3 * 86_400_000;
    const times = records.map((r) => Number(r.milliTs));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(start);
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    // Roughly evenly: each of the three days holds some calls.
    for (let day = 0; day < 3; day++) {
      const from = new Date(start + day * 86_400_000).toISOString();
      const to = new Date(start + (day + 1) * 86_400_000).toISOString();
      expect(conversations.some((c) => c.startTime >= from && c.startTime < to)).toBe(true);
    }
  });

  it('keeps each record consistent with its raw message', () => {
    for (const record of records) {
      const msg = record.msg ?? '';
      const headers = parseSipHeaders(msg);
      const startLine = msg.slice(0, msg.indexOf('\r\n'));
      if (isRequest(record)) {
        expect(startLine).toBe(`${record.method} ${record.ruri} SIP/2.0`);
        expect(requestUri(msg)).toBe(record.ruri);
        expect(headers['max-forwards']).toEqual(['70']);
        expect(headers['user-agent']).toEqual([record.userAgent]);
      } else {
        expect(startLine).toBe(`SIP/2.0 ${record.method} ${record.replyReason}`);
        expect(headers.server).toEqual([record.userAgent]);
      }
      expect(headers.via).toEqual([record.via1]);
      expect(record.via1).toContain(`;branch=${record.via1Branch}`);
      expect(record.via1Branch).toMatch(/^z9hG4bK/);
      expect(headers['call-id']).toEqual([record.callid]);
      expect(headers.cseq).toEqual([record.cseq]);
      expect(headers.from?.[0]).toContain(`;tag=${record.fromTag}`);
      expect(headers.from?.[0]).toContain(`sip:${record.fromUser}@${record.fromDomain}`);
      expect(headers.to?.[0]).toContain(`sip:${record.toUser}@${record.toDomain}`);
      if (record.toTag) expect(headers.to?.[0]).toContain(`;tag=${record.toTag}`);
      else expect(headers.to?.[0]).not.toContain(';tag=');
      expect(msg).toMatch(/\r\n\r\n/);
      expect(msg.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('declares Content-Length as the byte length of the body, with SDP on offers and answers', () => {
    for (const record of records) {
      const msg = record.msg ?? '';
      const body = sipBody(msg);
      expect(Number(parseSipHeaders(msg)['content-length']?.[0])).toBe(Buffer.byteLength(body));
      expect(record.contentType).toBe(body ? 'application/sdp' : '');
      if (body) {
        expect(body).toMatch(
          /^v=0\r\no=\S+ \d+ \d+ IN IP4 [\d.]+\r\ns=.*\r\nc=IN IP4 [\d.]+\r\nt=0 0\r\n/,
        );
        expect(body).toMatch(/\r\nm=audio \d+ RTP\/AVP 0 8 101\r\n/);
      }
    }
    for (const invite of invites) expect(invite.contentType).toBe('application/sdp');
    const answers = records.filter((r) => r.method === '200' && cseqMethod(r) === 'INVITE');
    for (const answer of answers) expect(answer.contentType).toBe('application/sdp');
  });

  it('uses Homer 5 conventions for transport, family, type, node and trans', () => {
    for (const record of records) {
      const viaTransport = (record.via1 ?? '').split(' ')[0];
      expect(record.proto).toBe(viaTransport === 'SIP/2.0/UDP' ? '17' : '6');
      expect(record.family).toBe('2');
      expect(record.type).toBe('1');
      expect(record.node).toBe('homer01');
      expect(record.dbnode).toBe('single');
      const method = cseqMethod(record);
      expect(record.trans).toBe(
        method === 'REGISTER' ? 'registration' : method === 'OPTIONS' ? 'rest' : 'call',
      );
      if (record.proto === '6') {
        expect([record.sourcePort, record.destinationPort]).toContain('5061');
      }
    }
  });

  it('uses documentation ranges for carriers, private addresses for Edges and phones', () => {
    const addresses = new Set(records.flatMap((r) => [r.sourceIp ?? '', r.destinationIp ?? '']));
    for (const ip of addresses) {
      expect(ip).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$|^10\.\d+\.\d+\.\d+$/);
    }
    expect([...addresses].some((ip) => ip.startsWith('10.'))).toBe(true);
    expect([...addresses].some((ip) => !ip.startsWith('10.'))).toBe(true);
    const numbers = records.filter((r) => r.method === 'INVITE').map((r) => r.ruriUser ?? '');
    expect(numbers.some((user) => /^\+[1-9]\d{7,14}$/.test(user))).toBe(true);
  });
});

describe('generateDataset: SIP transactions and dialogs', () => {
  it('pairs every response with an earlier request by Via branch, CSeq and Call-ID', () => {
    for (const response of records.filter((r) => !isRequest(r))) {
      const request = requestFor(response);
      expect(request, `${response.method} ${response.cseq} ${response.callid}`).toBeDefined();
      expect(response.via1).toBe(request?.via1);
      expect(response.fromTag).toBe(request?.fromTag);
      // Responses travel back the way the request came.
      expect(response.sourceIp).toBe(request?.destinationIp);
      expect(response.destinationIp).toBe(request?.sourceIp);
    }
  });

  it('adds the To tag from the first response above 100, and only then', () => {
    for (const invite of invites) {
      const responses = (byCallId.get(invite.callid ?? '') ?? []).filter(
        (r) => !isRequest(r) && r.via1Branch === invite.via1Branch && cseqMethod(r) === 'INVITE',
      );
      const tags = new Set(responses.filter((r) => status(r) > 100).map((r) => r.toTag));
      expect(tags.size).toBe(1);
      expect([...tags][0]).toMatch(/^[0-9a-f]+$/);
      for (const trying of responses.filter((r) => status(r) === 100))
        expect(trying.toTag).toBe('');
      expect(invite.toTag).toBe('');
    }
  });

  it('gives every INVITE exactly one final response, then an ACK by the RFC 3261 rules', () => {
    for (const invite of invites) {
      const leg = byCallId.get(invite.callid ?? '') ?? [];
      const finals = leg.filter(
        (r) =>
          !isRequest(r) &&
          status(r) >= 200 &&
          r.via1Branch === invite.via1Branch &&
          r.cseq === invite.cseq,
      );
      expect(finals, invite.callid).toHaveLength(1);
      const final = finals[0] as HomerRecord;
      const acks = leg.filter((r) => r.method === 'ACK' && cseqNumber(r) === cseqNumber(invite));
      expect(acks).toHaveLength(1);
      const ack = acks[0] as HomerRecord;
      expect(ack.cseq).toBe(`${cseqNumber(invite)} ACK`);
      expect(micros(ack)).toBeGreaterThanOrEqual(micros(final));
      expect(ack.toTag).toBe(final.toTag);
      if (status(final) < 300) {
        // ACK for 2xx: a new transaction sent to the Contact of the 200.
        expect(ack.via1Branch).not.toBe(invite.via1Branch);
        expect(ack.ruri).toBe(
          /<([^>]+)>/.exec(parseSipHeaders(final.msg ?? '').contact?.[0] ?? '')?.[1],
        );
      } else {
        // ACK for a non-2xx: part of the INVITE transaction.
        expect(ack.via1Branch).toBe(invite.via1Branch);
        expect(ack.ruri).toBe(invite.ruri);
      }
    }
  });

  it('closes every answered call with BYE and 200 on both legs, in-dialog', () => {
    for (const conversation of conversations.filter((c) => c.outcome === 'completed')) {
      expect(conversation.callIds).toHaveLength(2);
      for (const callId of conversation.callIds) {
        const leg = byCallId.get(callId) ?? [];
        const bye = leg.find((r) => r.method === 'BYE');
        expect(bye, callId).toBeDefined();
        const ok = leg.find((r) => r.method === '200' && r.cseq === bye?.cseq);
        expect(ok?.via1Branch).toBe(bye?.via1Branch);
        const invite = leg.find((r) => r.method === 'INVITE') as HomerRecord;
        // The BYE carries both dialog tags, whichever side sends it.
        expect(new Set([bye?.fromTag, bye?.toTag])).toEqual(
          new Set([invite.fromTag, leg.find((r) => r.method === '200')?.toTag]),
        );
        expect(micros(bye as HomerRecord)).toBe(
          Math.max(...leg.filter((r) => r.method !== '200').map(micros)),
        );
      }
    }
  });

  it('includes busy, cancelled, unavailable and timed-out calls with their SIP signatures', () => {
    const outcomes = new Set(conversations.map((c) => c.outcome));
    expect(outcomes).toEqual(new Set(['completed', 'busy', 'cancelled', 'unavailable', 'timeout']));
    const failed = conversations.filter((c) => c.outcome !== 'completed').length;
    expect(failed / conversations.length).toBeGreaterThan(0.15);
    expect(failed / conversations.length).toBeLessThan(0.5);
    const finalsOf = (outcome: string) =>
      new Set(
        conversations
          .filter((c) => c.outcome === outcome)
          .flatMap((c) => c.callIds.flatMap((id) => byCallId.get(id) ?? []))
          .filter((r) => !isRequest(r) && status(r) >= 300)
          .map((r) => r.method),
      );
    expect(finalsOf('busy')).toEqual(new Set(['486']));
    expect(finalsOf('unavailable')).toEqual(new Set(['503']));
    expect(finalsOf('cancelled')).toEqual(new Set(['487']));
    expect(finalsOf('timeout').has('408')).toBe(true);
  });

  it('cancels with CANCEL (same branch), 200 for the CANCEL, 487 for the INVITE, then ACK', () => {
    const cancels = records.filter((r) => r.method === 'CANCEL');
    expect(cancels.length).toBeGreaterThan(0);
    for (const cancel of cancels) {
      const leg = byCallId.get(cancel.callid ?? '') ?? [];
      const invite = leg.find((r) => r.method === 'INVITE') as HomerRecord;
      expect(cancel.via1Branch).toBe(invite.via1Branch);
      expect(cancel.cseq).toBe(`${cseqNumber(invite)} CANCEL`);
      expect(cancel.ruri).toBe(invite.ruri);
      expect(cancel.toTag).toBe('');
      const okForCancel = leg.find((r) => r.method === '200' && r.cseq === cancel.cseq);
      const terminated = leg.find((r) => r.method === '487');
      const ack = leg.find((r) => r.method === 'ACK');
      expect(okForCancel?.via1Branch).toBe(cancel.via1Branch);
      expect(terminated?.cseq).toBe(invite.cseq);
      expect(ack?.via1Branch).toBe(invite.via1Branch);
      const order = [cancel, okForCancel, terminated, ack].map((r) => micros(r as HomerRecord));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(leg.some((r) => r.method === '200' && cseqMethod(r) === 'INVITE')).toBe(false);
    }
  });
});

describe('generateDataset: conversations, B2BUA legs and inventory', () => {
  it('links every B leg to an existing A leg of the same conversation via callidAleg', () => {
    const bLegRecords = records.filter((r) => r.callidAleg);
    expect(bLegRecords.length).toBeGreaterThan(0);
    for (const record of bLegRecords) {
      const aLeg = byCallId.get(record.callidAleg ?? '') ?? [];
      expect(aLeg.length, record.callidAleg).toBeGreaterThan(0);
      expect(aLeg.every((r) => r.callidAleg === '')).toBe(true);
      expect(aLeg[0]?.conversationId).toBe(record.conversationId);
      expect(record.callid).not.toBe(record.callidAleg);
      expect(record.correlationId).toBe(record.callidAleg);
    }
  });

  it('puts the carrier on the A leg and the station on the B leg', () => {
    for (const conversation of conversations) {
      const [aLeg, bLeg] = conversation.callIds.map((id) => byCallId.get(id) ?? []);
      const aHosts = new Set(aLeg?.flatMap((r) => [r.sourceIp, r.destinationIp]));
      expect([...aHosts].some((ip) => !ip?.startsWith('10.'))).toBe(true);
      if (bLeg) {
        const bHosts = [...new Set(bLeg.flatMap((r) => [r.sourceIp, r.destinationIp]))];
        expect(bHosts.every((ip) => ip?.startsWith('10.'))).toBe(true);
        expect(bLeg.every((r) => r.callidAleg === conversation.callIds[0])).toBe(true);
      }
    }
  });

  it('ties records to conversations and participants, and leaves out-of-dialog traffic unlinked', () => {
    const byId = new Map(conversations.map((c) => [c.conversationId, c]));
    for (const record of records) {
      if (!record.conversationId) continue;
      const conversation = byId.get(record.conversationId);
      expect(conversation).toBeDefined();
      expect(conversation?.callIds).toContain(record.callid);
      expect(conversation?.participants.map((p) => p.participantId)).toContain(
        record.participantId,
      );
    }
    for (const conversation of conversations) {
      for (const id of conversation.callIds) expect(byCallId.has(id)).toBe(true);
      const legs = conversation.callIds.flatMap((id) => byCallId.get(id) ?? []);
      expect(conversation.startTime).toBe(
        new Date(Math.min(...legs.map((r) => Number(r.milliTs)))).toISOString(),
      );
      expect(conversation.endTime).toBe(
        new Date(Math.max(...legs.map((r) => Number(r.milliTs)))).toISOString(),
      );
      expect(conversation.conversationId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    const unlinked = records.filter((r) => !r.conversationId);
    expect(new Set(unlinked.map(cseqMethod))).toEqual(
      new Set(['OPTIONS', 'REGISTER', 'INVITE', 'ACK']),
    );
    expect(
      unlinked.filter((r) => r.method === 'REGISTER').every((r) => r.trans === 'registration'),
    ).toBe(true);
    expect(unlinked.some((r) => r.method === '404')).toBe(true);
    const authorized = unlinked.filter((r) => r.method === 'REGISTER' && r.auth);
    expect(authorized.length).toBeGreaterThan(0);
    for (const r of authorized) expect(r.authUser).toBe(r.fromUser);
  });

  it('describes a dozen phones with normalized hardware ids, settings and phonehome configuration', () => {
    const { phones, sites } = dataset;
    expect(phones).toHaveLength(12);
    expect(sites.length).toBeGreaterThanOrEqual(3);
    const macs = phones.filter((p) => /^[0-9a-f]{12}$/.test(p.hardwareId));
    const softphones = phones.filter((p) => p.hardwareId.endsWith('.softphone.example.com'));
    expect(macs.length).toBeGreaterThan(0);
    expect(softphones.length).toBeGreaterThan(0);
    expect(macs.length + softphones.length).toBe(12);
    expect(new Set(phones.map((p) => p.hardwareId)).size).toBe(12);
    for (const phone of phones) {
      expect(normalizeHardwareId(phone.hardwareId)).toBe(phone.hardwareId);
      const site = sites.find((s) => s.siteId === phone.siteId);
      const edgeIds = site?.edges.map((e) => e.id);
      for (const config of [
        ...(phone.settings.primary ?? []),
        ...(phone.settings.secondary ?? []),
      ]) {
        expect(edgeIds).toContain(config.edge?.id);
        expect(config.registrar).toMatch(/^10\./);
        expect([5060, 5061]).toContain(config.port);
        expect(['UDP', 'TLS']).toContain(config.transportProtocol);
      }
      expect(phone.settings.primary?.[0]?.edge?.id).not.toBe(
        phone.settings.secondary?.[0]?.edge?.id,
      );
      expect(phone.configuration).toMatchObject({
        hardwareId: phone.hardwareId,
        phoneId: phone.phoneId,
        provisioningUrl: expect.stringContaining(phone.hardwareId),
        sipServers: expect.any(Array),
        ntp: expect.any(Array),
        firmware: expect.any(Object),
        lines: expect.any(Array),
      });
    }
    for (const site of sites) {
      expect(site.edges.length).toBeGreaterThan(0);
      for (const edge of site.edges)
        expect(edge.selfUri).toBe(`/api/v2/telephony/providers/edges/${edge.id}`);
    }
    expect(dataset.mediaRegions.awsHomeRegion).toBe('us-east-1');
    expect(dataset.mediaRegions.awsCoreRegions).toContain('us-east-1');
    expect(dataset.mediaRegions.awsSatelliteRegions?.length).toBeGreaterThan(0);
  });
});

describe('generateDataset: determinism and scale', () => {
  const fingerprint = (d: Dataset) => JSON.stringify(d);

  it('gives byte-identical output for the same seed and now', () => {
    expect(fingerprint(generateDataset({ now }))).toBe(fingerprint(dataset));
    expect(fingerprint(generateDataset({ now, seed: 7, calls: 50 }))).toBe(
      fingerprint(generateDataset({ now: new Date(now), seed: 7, calls: 50 })),
    );
  });

  it('differs between seeds, and moves with now', () => {
    const other = generateDataset({ now, seed: 43 });
    expect(other.records[0]?.callid).not.toBe(records[0]?.callid);
    expect(other.phones[0]?.phoneId).not.toBe(dataset.phones[0]?.phoneId);
    const later = generateDataset({ now: new Date(now.getTime() + 60_000) });
    expect(Number(later.records[0]?.milliTs) - Number(records[0]?.milliTs)).toBe(60_000);
  });

  it('honours days and calls, and rejects bad options', () => {
    const small = generateDataset({ now, days: 1, calls: 10 });
    expect(small.conversations).toHaveLength(10);
    expect(Number(small.records[0]?.milliTs)).toBeGreaterThanOrEqual(now.getTime() - 86_400_000);
    expect(generateDataset({ now, calls: 0 }).conversations).toHaveLength(0);
    expect(() => generateDataset({ now: new Date('nope') })).toThrow(/now/);
    expect(() => generateDataset({ now, calls: -1 })).toThrow(/calls/);
    expect(() => generateDataset({ now, days: 0 })).toThrow(/days/);
  });

  it('scales to 100,000 records without quadratic work', () => {
    const big = generateDataset({ now, calls: 8_000 });
    expect(big.records.length).toBeGreaterThan(100_000);
    expect(new Set(big.records.map((r) => r.callid)).size).toBeGreaterThan(16_000);
    expect(big.records.at(-1)?.id).toBe(String(big.records.length));
  });
});
