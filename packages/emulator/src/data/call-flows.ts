// The SIP scenarios of the data set: B2BUA calls through an Edge (carrier A leg, station B leg)
// with their outcomes, plus out-of-dialog traffic that belongs to no conversation: OPTIONS
// keepalives, phone registrations and INVITEs to unassigned numbers.
import type { HomerRecord } from '@telephony-kit/models';
import type { CarrierNode, EdgeNode, PhoneNode, SiteNode } from './build-inventory';
import type { Conversation } from './generate-dataset';
import type { Random } from './random';
import { type SipEndpoint, SipLeg, type Transaction } from './sip-leg';

export interface FlowContext {
  random: Random;
  sink: HomerRecord[];
}

export type Outcome = Conversation['outcome'];
type Participant = Conversation['participants'][number];

const SECOND = 1_000_000;
const CALLER_NAMES = [
  'Zoë Müller',
  'José García',
  'Priya Patel',
  "Liam O'Brien",
  'Wei Chen',
  'Amara Okafor',
  'WIRELESS CALLER',
];
const NORMAL_CLEARING: readonly [string, string] = [
  'Reason',
  'Q.850;cause=16;text="Normal call clearing"',
];

/** The longest a call can last, so that calls started this long before `now` end before it. */
export const MAX_CALL_MICROS = 20 * 60 * SECOND;

export function pickOutcome(random: Random): Outcome {
  const roll = random.next();
  if (roll < 0.7) return 'completed';
  if (roll < 0.78) return 'busy';
  if (roll < 0.86) return 'cancelled';
  if (roll < 0.93) return 'unavailable';
  return 'timeout';
}

const evenPort = (random: Random, min: number, max: number) => random.int(min / 2, max / 2) * 2;
const ephemeralPort = (random: Random) => random.int(49_152, 65_000);

function carrierSide(
  random: Random,
  carrier: CarrierNode,
  user: string,
  listening: boolean,
): SipEndpoint {
  const tls = carrier.transport === 'TLS';
  return {
    ip: carrier.ip,
    port: tls ? (listening ? 5061 : ephemeralPort(random)) : 5060,
    alias: carrier.alias,
    userAgent: carrier.userAgent,
    contactUser: user,
    media: { ip: carrier.ip, port: evenPort(random, 10_000, 29_998), sdpUser: 'SBC' },
  };
}

function edgeSide(random: Random, edge: EdgeNode, user: string, port: number): SipEndpoint {
  return {
    ip: edge.ip,
    port,
    alias: edge.alias,
    userAgent: edge.userAgent,
    contactUser: user,
    media: { ip: edge.ip, port: evenPort(random, 16_384, 32_766), sdpUser: 'GenesysEdge' },
  };
}

function phoneSide(random: Random, phone: PhoneNode): SipEndpoint {
  return {
    ip: phone.ip,
    port: phone.port,
    alias: phone.alias,
    userAgent: phone.userAgent,
    contactUser: phone.lineUser,
    media: { ip: phone.ip, port: phone.rtpPortBase + 2 * random.int(0, 23), sdpUser: '-' },
  };
}

/** One conversation: two B2BUA legs (one for an inbound call the Edge rejects itself). */
export function generateCall(ctx: FlowContext, site: SiteNode, start: number): Conversation {
  const r = ctx.random;
  const inbound = r.chance(0.7);
  const outcome = pickOutcome(r);
  const edge = r.pick(site.edges);
  const phone = r.pick(site.phones);
  const carrier = site.carrier;
  const external = site.externalNumber(r);
  const did = r.pick(site.dids);
  const conversationId = r.uuid();
  const edgeToPhonePort = phone.transport === 'TLS' ? 5061 : 5060;
  const aCallId = inbound ? `${r.hex(24)}@${carrier.ip}` : r.uuid();
  const bCallId = inbound ? r.uuid() : `${r.hex(8)}-${r.hex(8)}-${r.hex(8)}-${r.hex(8)}`;
  const agent: Participant = {
    participantId: r.uuid(),
    purpose: 'agent',
    address: `sip:${phone.lineUser}@${phone.ip}`,
  };
  const remote: Participant = {
    participantId: r.uuid(),
    purpose: inbound ? 'customer' : 'external',
    address: `tel:${external}`,
  };
  const common = { random: r, sink: ctx.sink, trans: 'call' as const, conversationId };

  let aLeg: SipLeg;
  let bLeg: SipLeg;
  if (inbound) {
    const edgePort = carrier.transport === 'TLS' ? 5061 : 5060;
    aLeg = new SipLeg({
      ...common,
      callId: aCallId,
      transport: carrier.transport,
      uac: carrierSide(r, carrier, external, false),
      uas: edgeSide(r, edge, did, edgePort),
      from: { user: external, host: carrier.domain, display: r.pick(CALLER_NAMES) },
      to: { user: did, host: edge.ip },
      requestUri: `sip:${did}@${edge.ip}:${edgePort}`,
      correlationId: aCallId,
      participantId: remote.participantId,
    });
    bLeg = new SipLeg({
      ...common,
      callId: bCallId,
      transport: phone.transport,
      uac: edgeSide(r, edge, external, edgeToPhonePort),
      uas: phoneSide(r, phone),
      from: { user: external, host: edge.ip, display: external },
      to: { user: phone.lineUser, host: phone.ip },
      requestUri: `sip:${phone.lineUser}@${phone.ip}:${phone.port}${phone.transport === 'TLS' ? ';transport=tls' : ''}`,
      callidAleg: aCallId,
      correlationId: aCallId,
      participantId: agent.participantId,
    });
  } else {
    const edgeToCarrier = carrierSide(r, carrier, external, true);
    aLeg = new SipLeg({
      ...common,
      callId: aCallId,
      transport: carrier.transport,
      uac: edgeSide(r, edge, did, carrier.transport === 'TLS' ? ephemeralPort(r) : 5060),
      uas: edgeToCarrier,
      from: { user: did, host: edge.ip },
      to: { user: external, host: carrier.domain },
      requestUri: `sip:${external}@${carrier.ip}:${edgeToCarrier.port}`,
      correlationId: aCallId,
      participantId: remote.participantId,
    });
    bLeg = new SipLeg({
      ...common,
      callId: bCallId,
      transport: phone.transport,
      uac: phoneSide(r, phone),
      uas: edgeSide(r, edge, external, edgeToPhonePort),
      from: { user: phone.lineUser, host: edge.ip, display: phone.displayName },
      to: { user: external, host: edge.ip },
      requestUri: `sip:${external}@${edge.ip}:${edgeToPhonePort}${phone.transport === 'TLS' ? ';transport=tls' : ''}`,
      callidAleg: aCallId,
      correlationId: aCallId,
      participantId: agent.participantId,
    });
  }
  const first = inbound ? aLeg : bLeg;
  const second = inbound ? bLeg : aLeg;
  const firstHeaders: (readonly [string, string])[] = inbound
    ? [['P-Asserted-Identity', `<sip:${external}@${carrier.domain}>`]]
    : [];
  const secondHeaders: (readonly [string, string])[] = inbound
    ? []
    : [['P-Asserted-Identity', `<sip:${did}@${edge.ip}>`]];

  let t = start;
  const hop = () => {
    t += r.int(300, 8_000);
    return t;
  };
  const wait = (minSeconds: number, maxSeconds: number) => {
    t += r.int(minSeconds * SECOND, maxSeconds * SECOND);
    return t;
  };
  const reject = (leg: SipLeg, tx: Transaction, status: number, reason: string) => {
    leg.respond(tx, hop(), status, reason);
    leg.ack(tx, hop());
  };
  const cancel = (leg: SipLeg, tx: Transaction, headers: (readonly [string, string])[] = []) => {
    const c = leg.cancel(tx, hop(), headers);
    leg.respond(c, hop(), 200, 'OK');
    reject(leg, tx, 487, 'Request Terminated');
  };

  const participants: Participant[] = [];
  const f = first.invite(t, firstHeaders);
  first.respond(f, hop(), 100, 'Trying');

  if (inbound && outcome === 'unavailable') {
    // No agent or station to offer the call to: the Edge refuses it itself.
    participants.push(remote);
    first.respond(f, hop(), 503, 'Service Unavailable', { headers: [['Retry-After', '60']] });
    first.ack(f, hop());
    return conversation(conversationId, start, t, outcome, [aCallId], participants);
  }

  const ivr = inbound && outcome === 'completed' && r.chance(0.5);
  if (inbound) participants.push(remote);
  if (ivr) {
    participants.push({
      participantId: r.uuid(),
      purpose: 'ivr',
      address: `sip:ivr-${site.code}@${edge.ip}`,
    });
    first.respond(f, hop(), 200, 'OK', { sdp: true });
    first.ack(f, hop());
    wait(10, 90);
  }
  participants.push(agent);
  if (!inbound) participants.push(remote);

  const s = second.invite(hop(), secondHeaders);
  second.respond(s, hop(), 100, 'Trying');
  const early = r.chance(0.3);
  const ring = () => {
    if (early) second.respond(s, hop(), 183, 'Session Progress', { sdp: true });
    else second.respond(s, hop(), 180, 'Ringing');
    if (!ivr) {
      if (early) first.respond(f, hop(), 183, 'Session Progress', { sdp: true });
      else first.respond(f, hop(), 180, 'Ringing');
    }
  };

  switch (outcome) {
    case 'completed': {
      ring();
      wait(2, 20);
      second.respond(s, t, 200, 'OK', { sdp: true });
      second.ack(s, hop());
      if (!ivr) {
        first.respond(f, hop(), 200, 'OK', { sdp: true });
        first.ack(f, hop());
      }
      wait(20, 900);
      const callerHangsUp = r.chance(0.5);
      const reason = r.chance(0.5) ? [NORMAL_CLEARING] : [];
      const [hangUp, other] = callerHangsUp ? [first, second] : [second, first];
      // The caller is the UAC of the first leg and the Edge the UAC of the second, so a hang-up
      // by the caller travels UAC→UAS on both legs and one by the callee UAS→UAC on both.
      const bye1 = hangUp.bye(t, !callerHangsUp, reason);
      hangUp.respond(bye1, hop(), 200, 'OK');
      const bye2 = other.bye(hop(), !callerHangsUp, reason);
      other.respond(bye2, hop(), 200, 'OK');
      break;
    }
    case 'busy':
      wait(0.05, 1.5);
      reject(second, s, 486, 'Busy Here');
      reject(first, f, 486, 'Busy Here');
      break;
    case 'unavailable':
      wait(0.05, 2);
      reject(second, s, 503, 'Service Unavailable');
      reject(first, f, 503, 'Service Unavailable');
      break;
    case 'cancelled':
      ring();
      wait(3, 25);
      cancel(first, f);
      cancel(second, s, [['Reason', 'SIP;cause=487;text="Request Terminated"']]);
      break;
    case 'timeout':
      ring();
      wait(25, 60);
      if (inbound) {
        // The station never answers: the Edge gives up on it and times the carrier leg out.
        cancel(second, s);
        reject(first, f, 408, 'Request Timeout');
      } else {
        reject(second, s, 408, 'Request Timeout');
        reject(first, f, 408, 'Request Timeout');
      }
      break;
  }
  return conversation(conversationId, start, t, outcome, [aCallId, bCallId], participants);
}

function conversation(
  conversationId: string,
  start: number,
  end: number,
  outcome: Outcome,
  callIds: string[],
  participants: Participant[],
): Conversation {
  return {
    conversationId,
    startTime: new Date(Math.floor(start / 1000)).toISOString(),
    endTime: new Date(Math.floor(end / 1000)).toISOString(),
    outcome,
    callIds,
    participants,
  };
}

/** OPTIONS ping between an Edge and its site's carrier (either direction), answered 200. */
export function generateKeepalive(ctx: FlowContext, site: SiteNode, at: number): void {
  const r = ctx.random;
  const edge = r.pick(site.edges);
  const carrier = site.carrier;
  const fromEdge = r.chance(0.7);
  const tls = carrier.transport === 'TLS';
  const edgeEnd: SipEndpoint = {
    ip: edge.ip,
    port: tls && fromEdge ? ephemeralPort(r) : tls ? 5061 : 5060,
    alias: edge.alias,
    userAgent: edge.userAgent,
    contactUser: 'edge',
  };
  const carrierEnd: SipEndpoint = {
    ip: carrier.ip,
    port: tls && !fromEdge ? ephemeralPort(r) : tls ? 5061 : 5060,
    alias: carrier.alias,
    userAgent: carrier.userAgent,
    contactUser: 'ping',
  };
  const [uac, uas] = fromEdge ? [edgeEnd, carrierEnd] : [carrierEnd, edgeEnd];
  const leg = new SipLeg({
    random: r,
    sink: ctx.sink,
    callId: fromEdge ? r.uuid() : `${r.hex(24)}@${carrier.ip}`,
    transport: carrier.transport,
    uac,
    uas,
    from: { user: uac.contactUser, host: uac.ip },
    to: { user: uas.contactUser, host: fromEdge ? carrier.domain : uas.ip },
    requestUri: `sip:${uas.ip}:${uas.port}`,
    trans: 'rest',
  });
  const tx = leg.request(at, 'OPTIONS', {
    contact: true,
    headers: [['Accept', 'application/sdp']],
  });
  leg.respond(tx, at + r.int(2_000, 40_000), 200, 'OK');
}

/** A phone (re-)registers with its primary Edge: REGISTER, 401 challenge, REGISTER, 200. */
export function generateRegistration(ctx: FlowContext, phone: PhoneNode, at: number): void {
  const r = ctx.random;
  const edge = phone.primaryEdge;
  const edgePort = phone.transport === 'TLS' ? 5061 : 5060;
  const edgeUri = `sip:${edge.ip}:${edgePort}${phone.transport === 'TLS' ? ';transport=tls' : ''}`;
  const phoneEnd = phoneSide(r, phone);
  const leg = new SipLeg({
    random: r,
    sink: ctx.sink,
    callId: `${r.hex(8)}-${r.hex(8)}-${r.hex(8)}-${r.hex(8)}`,
    transport: phone.transport,
    uac: { ...phoneEnd, media: undefined },
    uas: {
      ip: edge.ip,
      port: edgePort,
      alias: edge.alias,
      userAgent: edge.userAgent,
      contactUser: 'registrar',
    },
    from: { user: phone.lineUser, host: edge.ip, display: phone.displayName },
    to: { user: phone.lineUser, host: edge.ip, display: phone.displayName },
    requestUri: edgeUri,
    trans: 'registration',
  });
  const binding = `<sip:${phone.lineUser}@${phone.ip}:${phone.port}${phone.transport === 'TLS' ? ';transport=tls' : ''}>;expires=3600`;
  let t = at;
  const hop = () => {
    t += r.int(500, 15_000);
    return t;
  };
  const first = leg.request(t, 'REGISTER', {
    contact: binding,
    requestUri: edgeUri,
    headers: [['Expires', '3600']],
  });
  const nonce = r.hex(32);
  leg.respond(first, hop(), 401, 'Unauthorized', {
    headers: [
      ['WWW-Authenticate', `Digest realm="genesys", nonce="${nonce}", algorithm=MD5, qop="auth"`],
    ],
  });
  leg.resetToTag();
  const authorization =
    `Digest username="${phone.lineUser}", realm="genesys", nonce="${nonce}", uri="${edgeUri}", ` +
    `response="${r.hex(32)}", algorithm=MD5, cnonce="${r.hex(16)}", qop=auth, nc=00000001`;
  const second = leg.request(hop(), 'REGISTER', {
    contact: binding,
    requestUri: edgeUri,
    headers: [
      ['Authorization', authorization],
      ['Expires', '3600'],
    ],
  });
  leg.respond(second, hop(), 200, 'OK', { contact: binding, headers: [['Expires', '3600']] });
}

/** A carrier INVITE for a number nobody owns: 404 from the Edge, no conversation. */
export function generateUnmatchedInvite(ctx: FlowContext, site: SiteNode, at: number): void {
  const r = ctx.random;
  const edge = r.pick(site.edges);
  const carrier = site.carrier;
  const external = site.externalNumber(r);
  const dialed = site.externalNumber(r);
  const edgePort = carrier.transport === 'TLS' ? 5061 : 5060;
  const callId = `${r.hex(24)}@${carrier.ip}`;
  const leg = new SipLeg({
    random: r,
    sink: ctx.sink,
    callId,
    transport: carrier.transport,
    uac: carrierSide(r, carrier, external, false),
    uas: edgeSide(r, edge, dialed, edgePort),
    from: { user: external, host: carrier.domain },
    to: { user: dialed, host: edge.ip },
    requestUri: `sip:${dialed}@${edge.ip}:${edgePort}`,
    trans: 'call',
    correlationId: callId,
  });
  const tx = leg.invite(at, [['P-Asserted-Identity', `<sip:${external}@${carrier.domain}>`]]);
  leg.respond(tx, at + r.int(300, 5_000), 100, 'Trying');
  leg.respond(tx, at + r.int(6_000, 30_000), 404, 'Not Found');
  leg.ack(tx, at + r.int(40_000, 90_000));
}
