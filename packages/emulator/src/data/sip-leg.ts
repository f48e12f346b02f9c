// One SIP dialog (or out-of-dialog exchange) between two endpoints, as RFC 3261 transactions:
// responses copy the request's Via, CSeq, From and Call-ID; the UAS adds its To tag from the first
// response above 100; ACK for a 2xx is a new transaction, ACK for a non-2xx reuses the INVITE's
// branch; CANCEL reuses the INVITE's branch and CSeq number. Every message becomes a HomerRecord.
import type { HomerRecord } from '@telephony-kit/models';
import { buildHomerRecord, type SipTransport, type WireAddress } from './homer-record';
import type { Random } from './random';
import { renderSipMessage, type SdpSpec, SIP_ALLOW } from './sip-message';

export interface SipParty {
  user: string;
  host: string;
  port?: number;
  display?: string;
}

export interface SipEndpoint extends WireAddress {
  userAgent: string;
  /** User part of this endpoint's Contact URI. */
  contactUser: string;
  /** RTP address offered in SDP; no SDP is sent when absent. */
  media?: { ip: string; port: number; sdpUser: string };
}

export interface LegOptions {
  random: Random;
  sink: HomerRecord[];
  callId: string;
  transport: SipTransport;
  /** The side that sends the initial request. */
  uac: SipEndpoint;
  uas: SipEndpoint;
  /** From identity of the initial request (the UAC's). */
  from: SipParty;
  to: SipParty;
  requestUri: string;
  trans: 'call' | 'registration' | 'rest';
  callidAleg?: string;
  correlationId?: string;
  conversationId?: string;
  participantId?: string;
}

export interface Transaction {
  method: string;
  cseq: number;
  via: string;
  branch: string;
  requestUri: string;
  /** True when the UAC sent the request. */
  fromUac: boolean;
  /** The final status answered so far, if any. */
  finalStatus?: number;
}

type Headers = readonly (readonly [string, string])[];

export class SipLeg {
  readonly options: LegOptions;
  readonly fromTag: string;
  toTag = '';
  private uacCseq: number;
  private uasCseq = 0;
  private readonly sdpIds = new Map<SipEndpoint, string>();

  constructor(options: LegOptions) {
    this.options = options;
    this.fromTag = options.random.hex(10);
    this.uacCseq = options.random.int(1, 120);
  }

  /** Out-of-dialog exchanges (a REGISTER retried after 401) get a fresh To tag per transaction. */
  resetToTag(): void {
    this.toTag = '';
  }

  get callId(): string {
    return this.options.callId;
  }

  invite(at: number, headers: Headers = []): Transaction {
    return this.request(at, 'INVITE', { headers, sdp: true, contact: true, allow: true });
  }

  /** A new request from either side; in-dialog requests from the UAS swap From and To. */
  request(
    at: number,
    method: string,
    opts: {
      byUas?: boolean;
      headers?: Headers;
      sdp?: boolean;
      contact?: boolean | string;
      allow?: boolean;
      requestUri?: string;
      cseq?: number;
      branch?: string;
    } = {},
  ): Transaction {
    const byUas = opts.byUas === true;
    const sender = byUas ? this.options.uas : this.options.uac;
    const receiver = byUas ? this.options.uac : this.options.uas;
    let cseq = opts.cseq;
    if (cseq === undefined) {
      if (byUas) {
        this.uasCseq = this.uasCseq === 0 ? this.options.random.int(1, 9000) : this.uasCseq + 1;
        cseq = this.uasCseq;
      } else {
        cseq = this.uacCseq === 0 ? 1 : this.uacCseq;
        this.uacCseq = cseq + 1;
      }
    }
    const branch = opts.branch ?? `z9hG4bK${this.options.random.hex(20)}`;
    const requestUri =
      opts.requestUri ??
      (this.toTag || byUas
        ? contactUri(receiver, this.options.transport)
        : this.options.requestUri);
    const via = viaValue(this.options.transport, sender, branch);
    const tx: Transaction = { method, cseq, via, branch, requestUri, fromUac: !byUas };
    this.emit(at, tx, {
      requestUri,
      method,
      headers: opts.headers,
      sdp: opts.sdp,
      contact: opts.contact,
      allow: opts.allow,
    });
    return tx;
  }

  respond(
    tx: Transaction,
    at: number,
    status: number,
    reason: string,
    opts: { sdp?: boolean; headers?: Headers; contact?: boolean | string } = {},
  ): void {
    if (status > 100 && !this.toTag) this.toTag = this.options.random.hex(10);
    if (status >= 200) tx.finalStatus = status;
    const dialogCreating = tx.method === 'INVITE' && status > 100 && status < 300;
    this.emit(at, tx, {
      status,
      reason,
      headers: opts.headers,
      sdp: opts.sdp,
      contact: opts.contact ?? dialogCreating,
      allow: tx.method === 'INVITE' ? status >= 200 && status < 300 : tx.method === 'OPTIONS',
    });
  }

  /** ACK for the INVITE's final response: a new transaction for 2xx, the same branch otherwise. */
  ack(invite: Transaction, at: number): void {
    const success = (invite.finalStatus ?? 0) < 300;
    this.request(at, 'ACK', {
      cseq: invite.cseq,
      ...(success ? {} : { branch: invite.branch, requestUri: invite.requestUri }),
    });
  }

  /** CANCEL a pending INVITE: same branch, same CSeq number, same Request-URI. */
  cancel(invite: Transaction, at: number, headers: Headers = []): Transaction {
    return this.request(at, 'CANCEL', {
      cseq: invite.cseq,
      branch: invite.branch,
      requestUri: invite.requestUri,
      headers,
    });
  }

  bye(at: number, byUas: boolean, headers: Headers = []): Transaction {
    return this.request(at, 'BYE', { byUas, headers });
  }

  private sdpFor(endpoint: SipEndpoint): SdpSpec | undefined {
    const media = endpoint.media;
    if (!media) return undefined;
    let sessionId = this.sdpIds.get(endpoint);
    if (!sessionId) {
      sessionId = String(this.options.random.int(100_000_000, 2_000_000_000));
      this.sdpIds.set(endpoint, sessionId);
    }
    return {
      username: media.sdpUser,
      sessionId,
      sessionVersion: sessionId.slice(0, 4),
      ip: media.ip,
      port: media.port,
    };
  }

  private emit(
    at: number,
    tx: Transaction,
    m: {
      method?: string;
      requestUri?: string;
      status?: number;
      reason?: string;
      headers?: Headers | undefined;
      sdp?: boolean | undefined;
      contact?: boolean | string | undefined;
      allow?: boolean | undefined;
    },
  ): void {
    const o = this.options;
    const isRequest = m.method !== undefined;
    // Requests travel in the transaction's direction, responses the other way.
    const senderIsUac = isRequest ? tx.fromUac : !tx.fromUac;
    const sender = senderIsUac ? o.uac : o.uas;
    const receiver = senderIsUac ? o.uas : o.uac;
    // From/To follow the transaction's direction (responses copy them from the request).
    const fromParty = tx.fromUac ? o.from : o.to;
    const toParty = tx.fromUac ? o.to : o.from;
    const fromTag = tx.fromUac ? this.fromTag : this.toTag;
    const withToTag =
      (tx.fromUac ? this.toTag : this.fromTag) &&
      !(isRequest && m.method === 'CANCEL') &&
      !(!isRequest && m.status === 100);
    const toTag = withToTag ? (tx.fromUac ? this.toTag : this.fromTag) : '';
    const contact =
      typeof m.contact === 'string'
        ? m.contact
        : m.contact
          ? `<${contactUri(sender, o.transport)}>`
          : undefined;
    const headers = m.headers ?? [];
    const sdp = m.sdp ? this.sdpFor(sender) : undefined;
    const msg = renderSipMessage({
      ...(isRequest ? { method: m.method, requestUri: m.requestUri, maxForwards: 70 } : {}),
      ...(isRequest ? {} : { status: m.status, reason: m.reason }),
      via: tx.via,
      from: nameAddr(fromParty, fromTag),
      to: nameAddr(toParty, toTag),
      callId: o.callId,
      cseq: `${tx.cseq} ${isRequest ? m.method : tx.method}`,
      ...(contact !== undefined ? { contact } : {}),
      headers,
      userAgent: sender.userAgent,
      ...(m.allow ? { allow: SIP_ALLOW } : {}),
      ...(sdp ? { sdp } : {}),
    });
    const ruri = isRequest ? (m.requestUri ?? '') : '';
    const ruriParts = splitUri(ruri);
    const contactParts = splitUri(contact ?? '');
    const authorization = headerValue(headers, 'Authorization');
    o.sink.push(
      buildHomerRecord({
        microTs: at,
        msg,
        method: isRequest ? (m.method ?? '') : String(m.status),
        replyReason: isRequest ? '' : (m.reason ?? ''),
        ruri,
        ruriUser: ruriParts.user,
        ruriDomain: ruriParts.host,
        fromUser: fromParty.user,
        fromDomain: fromParty.host,
        fromTag,
        toUser: toParty.user,
        toDomain: toParty.host,
        toTag,
        pidUser: splitUri(headerValue(headers, 'P-Asserted-Identity')).user,
        contactUser: contactParts.user,
        contactIp: contactParts.host,
        contactPort: contactParts.port,
        authUser: /username="([^"]*)"/.exec(authorization)?.[1] ?? '',
        auth: authorization,
        callid: o.callId,
        callidAleg: o.callidAleg ?? '',
        via1: tx.via,
        via1Branch: tx.branch,
        cseq: `${tx.cseq} ${isRequest ? m.method : tx.method}`,
        reason: headerValue(headers, 'Reason'),
        contentType: sdp ? 'application/sdp' : '',
        userAgent: sender.userAgent,
        source: sender,
        destination: receiver,
        transport: o.transport,
        trans: o.trans,
        correlationId: o.correlationId ?? '',
        conversationId: o.conversationId ?? '',
        participantId: o.participantId ?? '',
      }),
    );
  }
}

export function partyUri(party: SipParty): string {
  return `sip:${party.user}@${party.host}${party.port ? `:${party.port}` : ''}`;
}

export function contactUri(endpoint: SipEndpoint, transport: SipTransport): string {
  const params = transport === 'TLS' ? ';transport=tls' : '';
  return `sip:${endpoint.contactUser}@${endpoint.ip}:${endpoint.port}${params}`;
}

function nameAddr(party: SipParty, tag: string): string {
  const display = party.display ? `"${party.display}" ` : '';
  return `${display}<${partyUri(party)}>${tag ? `;tag=${tag}` : ''}`;
}

function viaValue(transport: SipTransport, sender: WireAddress, branch: string): string {
  const rport = transport === 'UDP' ? ';rport' : ';alias';
  return `SIP/2.0/${transport} ${sender.ip}:${sender.port};branch=${branch}${rport}`;
}

function headerValue(headers: Headers, name: string): string {
  for (const [key, value] of headers) if (key === name) return value;
  return '';
}

const URI_PARTS = /(?:sips?|tel):(?:([^@;>]+)@)?([^:;>]+)(?::(\d+))?/;

/** User, host and port of the first SIP or tel URI in a header value. */
export function splitUri(value: string): { user: string; host: string; port: string } {
  const match = URI_PARTS.exec(value);
  if (!match) return { user: '', host: '', port: '' };
  if (value.slice(match.index).startsWith('tel:')) {
    return { user: match[2] ?? '', host: '', port: '' };
  }
  return { user: match[1] ?? '', host: match[2] ?? '', port: match[3] ?? '' };
}
