import { describe, expect, it } from 'vitest';
import {
  parseSipHeaders,
  renderSipMessage,
  requestUri,
  sipBody,
  utf8ByteLength,
} from '../src/data/sip-message';

const invite = renderSipMessage({
  method: 'INVITE',
  requestUri: 'sip:+13175550100@10.10.1.11:5060',
  via: 'SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bKabc;rport',
  maxForwards: 70,
  from: '"Zoë Müller" <sip:+13175550123@sip.carrier-a.example.net>;tag=1234',
  to: '<sip:+13175550100@10.10.1.11>',
  callId: 'abc@203.0.113.10',
  cseq: '1 INVITE',
  contact: '<sip:+13175550123@203.0.113.10:5060>',
  headers: [['P-Asserted-Identity', '<sip:+13175550123@sip.carrier-a.example.net>']],
  userAgent: 'Carrier SBC/1.0',
  allow: 'INVITE, ACK, CANCEL, BYE',
  sdp: {
    username: 'SBC',
    sessionId: '42',
    sessionVersion: '1',
    ip: '203.0.113.10',
    port: 20000,
    sessionName: 'Anruf für Zoë',
  },
});

describe('renderSipMessage', () => {
  it('writes the start line and headers in RFC 3261 order with CRLF line endings', () => {
    const [head] = invite.split('\r\n\r\n');
    const names = (head as string)
      .split('\r\n')
      .slice(1)
      .map((line) => line.slice(0, line.indexOf(':')));
    expect(invite.startsWith('INVITE sip:+13175550100@10.10.1.11:5060 SIP/2.0\r\n')).toBe(true);
    expect(names).toEqual([
      'Via',
      'Max-Forwards',
      'From',
      'To',
      'Call-ID',
      'CSeq',
      'Contact',
      'P-Asserted-Identity',
      'User-Agent',
      'Allow',
      'Content-Type',
      'Content-Length',
    ]);
    expect(invite.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('counts Content-Length in UTF-8 bytes of the body, not characters', () => {
    const body = sipBody(invite);
    const declared = Number(parseSipHeaders(invite)['content-length']?.[0]);
    expect(body).toContain('s=Anruf für Zoë');
    expect(declared).toBe(Buffer.byteLength(body, 'utf8'));
    expect(declared).toBeGreaterThan(body.length);
  });

  it('writes an SDP audio offer with PCMU, PCMA and telephone-event', () => {
    const lines = sipBody(invite).split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      'v=0',
      'o=SBC 42 1 IN IP4 203.0.113.10',
      's=Anruf für Zoë',
      'c=IN IP4 203.0.113.10',
      't=0 0',
      'm=audio 20000 RTP/AVP 0 8 101',
    ]);
    expect(lines).toContain('a=rtpmap:0 PCMU/8000');
    expect(lines).toContain('a=rtpmap:8 PCMA/8000');
    expect(lines).toContain('a=rtpmap:101 telephone-event/8000');
  });

  it('writes responses with Server instead of User-Agent, no Max-Forwards and an empty body', () => {
    const trying = renderSipMessage({
      status: 100,
      reason: 'Trying',
      via: 'SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bKabc;rport',
      maxForwards: 70,
      from: '<sip:a@example.com>;tag=1',
      to: '<sip:b@example.com>',
      callId: 'x',
      cseq: '1 INVITE',
      userAgent: 'Genesys Edge/1.0.0.1',
    });
    expect(trying.startsWith('SIP/2.0 100 Trying\r\n')).toBe(true);
    expect(trying).toContain('\r\nServer: Genesys Edge/1.0.0.1\r\n');
    expect(trying).not.toContain('User-Agent');
    expect(trying).not.toContain('Max-Forwards');
    expect(trying.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
  });

  it('counts bytes of multi-byte and astral characters', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('ü€😀')).toBe(Buffer.byteLength('ü€😀'));
  });
});

describe('parseSipHeaders', () => {
  it('reads rendered messages back by lowercase name', () => {
    const headers = parseSipHeaders(invite);
    expect(headers['call-id']).toEqual(['abc@203.0.113.10']);
    expect(headers.from).toEqual([
      '"Zoë Müller" <sip:+13175550123@sip.carrier-a.example.net>;tag=1234',
    ]);
    expect(headers['p-asserted-identity']).toEqual([
      '<sip:+13175550123@sip.carrier-a.example.net>',
    ]);
    expect(headers['content-type']).toEqual(['application/sdp']);
    // The SDP body is not mistaken for headers.
    expect(headers.v).toBeUndefined();
    expect(headers.m).toBeUndefined();
  });

  it('expands compact forms to the same values as the full names', () => {
    const compact = [
      'INVITE sip:bob@example.com SIP/2.0',
      'v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1',
      'f: <sip:alice@example.com>;tag=9',
      't: <sip:bob@example.com>',
      'i: 1@192.0.2.1',
      'CSeq: 1 INVITE',
      'm: <sip:alice@192.0.2.1>',
      'k: timer',
      'c: application/sdp',
      'l: 0',
      '',
      '',
    ].join('\r\n');
    const full = compact
      .replace(/^v:/m, 'Via:')
      .replace(/^f:/m, 'From:')
      .replace(/^t:/m, 'To:')
      .replace(/^i:/m, 'Call-ID:')
      .replace(/^m:/m, 'Contact:')
      .replace(/^k:/m, 'Supported:')
      .replace(/^c:/m, 'Content-Type:')
      .replace(/^l:/m, 'Content-Length:');
    expect(parseSipHeaders(compact)).toEqual(parseSipHeaders(full));
    expect(Object.keys(parseSipHeaders(compact)).sort()).toEqual([
      'call-id',
      'contact',
      'content-length',
      'content-type',
      'cseq',
      'from',
      'supported',
      'to',
      'via',
    ]);
  });

  it('keeps repeated headers in order and joins folded lines', () => {
    const raw =
      'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nv: SIP/2.0/UDP b;branch=z9hG4bK2\r\n' +
      'Subject: a long\r\n  folded subject\r\nContent-Length: 0\r\n\r\n';
    const headers = parseSipHeaders(raw);
    expect(headers.via).toEqual(['SIP/2.0/UDP a;branch=z9hG4bK1', 'SIP/2.0/UDP b;branch=z9hG4bK2']);
    expect(headers.subject).toEqual(['a long folded subject']);
  });
});

describe('requestUri', () => {
  it('returns the Request-URI of a request and null for a response', () => {
    expect(requestUri(invite)).toBe('sip:+13175550100@10.10.1.11:5060');
    expect(requestUri('SIP/2.0 200 OK\r\n\r\n')).toBeNull();
    expect(requestUri('garbage')).toBeNull();
  });
});
