// Turns one rendered SIP message plus where it was seen on the wire into a Homer 5 style record:
// every field a string, empty when the message has no such value (see docs/DATASET.md).
import type { HomerRecord } from '@telephony-kit/models';

export type SipTransport = 'UDP' | 'TLS';

export interface WireAddress {
  ip: string;
  port: number;
  /** Homer's source/destination alias: a readable node name. */
  alias: string;
}

export interface RecordFields {
  microTs: number;
  msg: string;
  method: string;
  replyReason: string;
  ruri: string;
  ruriUser: string;
  ruriDomain: string;
  fromUser: string;
  fromDomain: string;
  fromTag: string;
  toUser: string;
  toDomain: string;
  toTag: string;
  pidUser: string;
  contactUser: string;
  contactIp: string;
  contactPort: string;
  authUser: string;
  auth: string;
  callid: string;
  callidAleg: string;
  via1: string;
  via1Branch: string;
  cseq: string;
  reason: string;
  contentType: string;
  userAgent: string;
  source: WireAddress;
  destination: WireAddress;
  transport: SipTransport;
  trans: 'call' | 'registration' | 'rest';
  correlationId: string;
  conversationId: string;
  participantId: string;
}

/** Homer 5 / HEP conventions; see docs/DATASET.md. */
export const HOMER_NODE = 'homer01';
export const HOMER_DBNODE = 'single';
const PROTO_BY_TRANSPORT: Record<SipTransport, string> = { UDP: '17', TLS: '6' };

export function buildHomerRecord(fields: RecordFields): HomerRecord {
  const milli = Math.floor(fields.microTs / 1000);
  return {
    id: '',
    name: fields.method,
    date: new Date(milli).toISOString(),
    milliTs: String(milli),
    microTs: String(fields.microTs),
    method: fields.method,
    replyReason: fields.replyReason,
    ruri: fields.ruri,
    ruriUser: fields.ruriUser,
    ruriDomain: fields.ruriDomain,
    fromUser: fields.fromUser,
    fromDomain: fields.fromDomain,
    fromTag: fields.fromTag,
    toUser: fields.toUser,
    toDomain: fields.toDomain,
    toTag: fields.toTag,
    pidUser: fields.pidUser,
    contactUser: fields.contactUser,
    authUser: fields.authUser,
    callid: fields.callid,
    callidAleg: fields.callidAleg,
    via1: fields.via1,
    via1Branch: fields.via1Branch,
    cseq: fields.cseq,
    diversion: '',
    reason: fields.reason,
    contentType: fields.contentType,
    auth: fields.auth,
    userAgent: fields.userAgent,
    sourceIp: fields.source.ip,
    sourcePort: String(fields.source.port),
    destinationIp: fields.destination.ip,
    destinationPort: String(fields.destination.port),
    contactIp: fields.contactIp,
    contactPort: fields.contactPort,
    originatorIp: '',
    originatorPort: '',
    correlationId: fields.correlationId,
    proto: PROTO_BY_TRANSPORT[fields.transport],
    family: '2',
    rtpStat: '',
    type: '1',
    node: HOMER_NODE,
    trans: fields.trans,
    dbnode: HOMER_DBNODE,
    msg: fields.msg,
    sourceAlias: fields.source.alias,
    destinationAlias: fields.destination.alias,
    conversationId: fields.conversationId,
    participantId: fields.participantId,
  };
}
