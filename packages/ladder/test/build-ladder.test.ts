import type { HomerRecord } from '@telephony-kit/models';
import { describe, expect, it } from 'vitest';
import { buildLadder, LadderInputError } from '../src/index';
import { loadFixture } from './helpers/fixtures';

const labels = (records: HomerRecord[], options = {}) =>
  buildLadder(records, options).messages.map((m) => m.label);

describe('buildLadder', () => {
  it('orders a completed B2BUA call in time, with participants, classes and times', () => {
    const records = loadFixture('completed-call');
    // Homer answers in any order: the model must not depend on it.
    const model = buildLadder([...records].reverse());
    expect(model.messages.map((m) => m.label)).toEqual([
      'INVITE',
      '100 Trying',
      'INVITE',
      '100 Trying',
      '180 Ringing',
      '180 Ringing',
      '200 OK',
      'ACK',
      '200 OK',
      'ACK',
      'BYE',
      '200 OK',
      'BYE',
      '200 OK',
    ]);
    expect(model.messages.map((m) => m.recordId)).toEqual(
      [...records].sort((a, b) => Number(a.microTs) - Number(b.microTs)).map((r) => r.id),
    );
    expect(model.participants.map((p) => [p.id, p.address, p.label])).toEqual([
      ['p1', '10.11.30.25:50546', 'phone-2006'],
      ['p2', '10.11.1.11:5061', 'rdu-edge-01'],
      ['p3', '10.11.1.11:53371', 'rdu-edge-01'],
      ['p4', '198.51.100.20:5061', 'carrier-b-sbc'],
    ]);
    const [invite, trying] = model.messages;
    expect(invite).toMatchObject({
      index: 0,
      from: 'p1',
      to: 'p2',
      kind: 'request',
      method: 'INVITE',
      status: null,
      reason: null,
      class: 'request',
      cseq: '91 INVITE',
      transport: 'TLS',
      proto: '6',
      deltaUs: 0,
      sinceStartUs: 0,
      timeUs: Number(records[0]!.microTs),
    });
    expect(invite!.raw).toBe(records[0]!.msg);
    expect(invite!.time).toMatch(/^2026-11-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(invite!.time.slice(0, 23)).toBe(records[0]!.date!.slice(0, 23));
    expect(trying).toMatchObject({
      kind: 'response',
      method: 'INVITE',
      status: 100,
      reason: 'Trying',
      class: 'provisional',
      from: 'p2',
      to: 'p1',
    });
    expect(trying!.deltaUs).toBe(Number(records[1]!.microTs) - Number(records[0]!.microTs));
    const last = model.messages.at(-1)!;
    expect(last.sinceStartUs).toBe(model.endUs - model.startUs);
    expect(model.messages.reduce((sum, m) => sum + m.deltaUs, 0)).toBe(last.sinceStartUs);
    expect(model.messages.every((m, i) => m.index === i)).toBe(true);
  });

  it('groups dialogs by Call-ID and links the B leg to its A leg through callidAleg', () => {
    const model = buildLadder(loadFixture('completed-call'));
    expect(model.dialogs).toHaveLength(2);
    const [bLeg, aLeg] = model.dialogs;
    expect(bLeg).toMatchObject({
      tag: '1',
      callId: 'ac11662c-ab19f678-8f9dc961-fa057cab',
      aLegCallId: aLeg!.callId,
      bLegCallIds: [],
      method: 'INVITE',
      outcome: '200 OK',
      messageIndexes: [0, 1, 5, 8, 9, 10, 11],
    });
    expect(aLeg).toMatchObject({
      tag: '2',
      aLegCallId: null,
      bLegCallIds: [bLeg!.callId],
      outcome: '200 OK',
      messageIndexes: [2, 3, 4, 6, 7, 12, 13],
    });
    expect(bLeg!.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    for (const index of bLeg!.messageIndexes) {
      expect(model.messages[index]!.callIdAleg).toBe(aLeg!.callId);
    }
    for (const index of aLeg!.messageIndexes) expect(model.messages[index]!.callIdAleg).toBeNull();
  });

  it('classifies every status class and reads CANCEL/487 flows', () => {
    const model = buildLadder(loadFixture('cancelled-call'));
    expect(model.messages.map((m) => `${m.label}:${m.class}`)).toContain(
      '487 Request Terminated:client-error',
    );
    const cancelOk = model.messages.find((m) => m.status === 200)!;
    expect(cancelOk.method).toBe('CANCEL');
    expect(model.dialogs.map((d) => d.outcome)).toEqual([
      '487 Request Terminated',
      '487 Request Terminated',
    ]);
    const base = loadFixture('cancelled-call')[1]!;
    const classes = ['180', '202', '302', '486', '503', '603', '699'].map(
      (status, i) =>
        buildLadder([{ ...base, id: `s${i}`, method: status, replyReason: 'x' }]).messages[0]!
          .class,
    );
    expect(classes).toEqual([
      'provisional',
      'success',
      'redirect',
      'client-error',
      'server-error',
      'global-failure',
      'global-failure',
    ]);
  });

  it('shows duplicate captures of one packet once, and keeps real retransmissions', () => {
    const records = loadFixture('busy-call-duplicated');
    expect(records).toHaveLength(12);
    const model = buildLadder(records);
    expect(model.messages).toHaveLength(8);
    expect(model.duplicatesRemoved).toBe(4);
    const busy = model.messages.filter((m) => m.status === 486);
    expect(busy).toHaveLength(2);
    for (const m of busy) {
      expect(m.class).toBe('client-error');
      expect(m.duplicates).toEqual([{ recordId: expect.any(String), node: 'homer02' }]);
    }
    // The copy captured first is the one shown.
    expect(model.messages[0]!.recordId).toBe('37');
    // Outside the tolerance the same bytes are a retransmission and stay.
    expect(buildLadder(records, { duplicateToleranceMs: 0.01 }).messages).toHaveLength(12);
    const invite = records[0]!;
    const retransmission = {
      ...invite,
      id: 'r1',
      microTs: String(BigInt(invite.microTs!) + 500_000n),
    };
    expect(labels([invite, retransmission])).toEqual(['INVITE', 'INVITE']);
    // Another node's copy with different bytes is not a duplicate.
    expect(labels([invite, { ...invite, id: 'x', msg: `${invite.msg}X` }])).toHaveLength(2);
  });

  it("merges a host's ephemeral ports into one column when asked", () => {
    const records = [...loadFixture('completed-call'), ...loadFixture('busy-call-duplicated')];
    const separate = buildLadder(records);
    // Columns come in order of first appearance: the busy call is the earlier one.
    expect(separate.participants.map((p) => p.address)).toEqual([
      '198.51.100.20:52087',
      '10.11.1.11:5061',
      '10.11.1.11:5060',
      '10.11.20.23:5060',
      '10.11.30.25:50546',
      '10.11.1.11:53371',
      '198.51.100.20:5061',
    ]);
    const merged = buildLadder(records, { mergeEphemeralPorts: true });
    expect(merged.participants.map((p) => [p.address, p.ports])).toEqual([
      // one fixed port: the ephemeral one joins it
      ['198.51.100.20:5061', ['52087', '5061']],
      ['10.11.1.11:5061', ['5061']],
      ['10.11.1.11:5060', ['5060']],
      ['10.11.20.23:5060', ['5060']],
      // only ephemeral ports: one column named after the host
      ['10.11.30.25', ['50546']],
      // the Edge has two fixed ports, so its ephemeral one cannot join either: a host column
      ['10.11.1.11', ['53371']],
    ]);
    expect(merged.messages).toHaveLength(separate.messages.length);
    // A lower threshold treats more ports as ephemeral.
    const linux = buildLadder(loadFixture('completed-call'), {
      mergeEphemeralPorts: true,
      ephemeralPortMin: 5061,
    });
    expect(linux.participants.map((p) => p.address)).toEqual([
      '10.11.30.25',
      '10.11.1.11',
      '198.51.100.20',
    ]);
  });

  it('labels columns with the aliases option over Homer aliases, by ip:port or ip', () => {
    const records = loadFixture('completed-call');
    const model = buildLadder(records, {
      aliases: { '10.11.1.11:5061': 'Edge (TLS)', '198.51.100.20': 'Carrier B' },
    });
    expect(model.participants.map((p) => p.label)).toEqual([
      'phone-2006',
      'Edge (TLS)',
      'rdu-edge-01',
      'Carrier B',
    ]);
    const bare = buildLadder(records.map((r) => ({ ...r, sourceAlias: '', destinationAlias: '' })));
    expect(bare.participants.map((p) => [p.alias, p.label])).toEqual([
      [null, '10.11.30.25:50546'],
      [null, '10.11.1.11:5061'],
      [null, '10.11.1.11:53371'],
      [null, '198.51.100.20:5061'],
    ]);
  });

  it('reads transports from the Via, else from proto (HEP or Kamailio numbering)', () => {
    const base = loadFixture('cancelled-call')[0]!;
    const transport = (patch: Partial<HomerRecord>) =>
      buildLadder([{ ...base, ...patch }]).messages[0]!.transport;
    expect(transport({})).toBe('UDP');
    expect(transport({ via1: 'SIP/2.0/TLS 1.2.3.4:5061;branch=z9hG4bK1', proto: '6' })).toBe('TLS');
    expect(transport({ via1: '', proto: '6' })).toBe('TCP');
    expect(transport({ via1: '', proto: '3' })).toBe('TLS');
    expect(transport({ via1: '', proto: '132' })).toBe('SCTP');
    expect(transport({ via1: '', proto: '99' })).toBe('proto 99');
    expect(transport({ via1: '', proto: '' })).toBe('unknown');
  });

  it('falls back on milliTs, date and the raw start line', () => {
    const base = loadFixture('cancelled-call')[5]!; // 180 Ringing
    const model = buildLadder([
      { ...base, microTs: '', method: '', replyReason: '' },
      { ...base, id: 'd', microTs: undefined, milliTs: '', date: '2030-01-01T00:00:00.000Z' },
    ]);
    expect(model.messages.map((m) => [m.label, m.timeUs])).toEqual([
      ['180 Ringing', Number(base.milliTs) * 1000],
      ['180 Ringing', Date.parse('2030-01-01T00:00:00.000Z') * 1000],
    ]);
    const request = buildLadder([{ ...loadFixture('cancelled-call')[0]!, method: '' }]);
    expect(request.messages[0]!.label).toBe('INVITE');
  });

  it('throws a LadderInputError naming the record and field, or skips with a warning', () => {
    const records = loadFixture('cancelled-call');
    const broken = [...records];
    broken[3] = { ...records[3]!, destinationIp: '' };
    let caught: unknown;
    try {
      buildLadder(broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LadderInputError);
    expect(caught).toMatchObject({ recordId: '183', position: 3, field: 'destinationIp' });
    expect((caught as Error).message).toMatch(
      /^HomerRecord id "183" \(position 3\) has no destinationIp, so it cannot be placed on the ladder\. .*invalid: 'skip'/,
    );

    const skipped = buildLadder(broken, { invalid: 'skip' });
    expect(skipped.messages).toHaveLength(records.length - 1);
    expect(skipped.warnings).toEqual([
      { recordId: '183', position: 3, field: 'destinationIp', message: (caught as Error).message },
    ]);

    const cases: [Partial<HomerRecord>, string, RegExp][] = [
      [{ sourceIp: undefined }, 'sourceIp', /has no sourceIp/],
      [{ sourcePort: '50x' }, 'sourcePort', /invalid sourcePort "50x"/],
      [{ microTs: 'soon', milliTs: '', date: 'never' }, 'microTs', /no usable timestamp/],
      [{ method: '', msg: 'garbage' }, 'method', /no method or status code/],
    ];
    for (const [patch, field, message] of cases) {
      expect(() => buildLadder([{ ...records[0]!, ...patch }])).toThrow(message);
      expect(
        buildLadder([{ ...records[0]!, ...patch }], { invalid: 'skip' }).warnings[0],
      ).toMatchObject({
        field,
        recordId: '180',
      });
    }
    expect(() => buildLadder([null as unknown as HomerRecord])).toThrow(
      /HomerRecord without an id \(position 0\) is null/,
    );
    expect(() => buildLadder({} as unknown as HomerRecord[])).toThrow(/expects an array/);
    expect(() => buildLadder(records, { invalid: 'ignore' as 'skip' })).toThrow(
      /'throw' or 'skip'/,
    );
    expect(() => buildLadder(records, { duplicateToleranceMs: -1 })).toThrow(
      /duplicateToleranceMs must be a number of at least 0/,
    );
  });

  it('is plain data that survives JSON and is empty for no records', () => {
    const model = buildLadder(loadFixture('busy-call-duplicated'));
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    expect(buildLadder([])).toEqual({
      version: 1,
      participants: [],
      messages: [],
      dialogs: [],
      startUs: 0,
      endUs: 0,
      duplicatesRemoved: 0,
      warnings: [],
    });
  });

  it('does not change its input', () => {
    const records = loadFixture('completed-call');
    const copy = structuredClone(records);
    buildLadder(records, { mergeEphemeralPorts: true });
    expect(records).toEqual(copy);
  });
});
