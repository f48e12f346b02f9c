// Renders raw SIP messages (RFC 3261 header order, CRLF, Content-Length in bytes, SDP bodies) and
// parses their headers back for the headers endpoint.

export interface SdpSpec {
  /** o= username, e.g. "GenesysEdge" or "-". */
  username: string;
  sessionId: string;
  sessionVersion: string;
  /** Connection and origin address (IPv4). */
  ip: string;
  /** Audio RTP port. */
  port: number;
  sessionName?: string;
}

export interface SipMessageSpec {
  /** Set for requests, together with `requestUri`. */
  method?: string;
  requestUri?: string;
  /** Set for responses, together with `reason`. */
  status?: number;
  reason?: string;
  /** Full header values, as they appear after "Name: ". */
  via: string;
  maxForwards?: number;
  from: string;
  to: string;
  callId: string;
  cseq: string;
  contact?: string;
  /** Further headers, rendered after Contact in the given order. */
  headers?: readonly (readonly [name: string, value: string])[];
  /** Rendered as User-Agent on requests and as Server on responses. */
  userAgent?: string;
  allow?: string;
  sdp?: SdpSpec;
}

export const SIP_ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, REFER, UPDATE, PRACK';

export function renderSdp(sdp: SdpSpec): string {
  return [
    'v=0',
    `o=${sdp.username} ${sdp.sessionId} ${sdp.sessionVersion} IN IP4 ${sdp.ip}`,
    `s=${sdp.sessionName ?? '-'}`,
    `c=IN IP4 ${sdp.ip}`,
    't=0 0',
    `m=audio ${sdp.port} RTP/AVP 0 8 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=ptime:20',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

export function renderSipMessage(spec: SipMessageSpec): string {
  const isRequest = spec.method !== undefined;
  const startLine = isRequest
    ? `${spec.method} ${spec.requestUri ?? ''} SIP/2.0`
    : `SIP/2.0 ${spec.status ?? 500} ${spec.reason ?? ''}`;
  const body = spec.sdp ? renderSdp(spec.sdp) : '';
  // Joined from parts rather than concatenated: a flat string per message keeps 100,000-record
  // data sets light on the garbage collector.
  const lines = [startLine, `Via: ${spec.via}`];
  if (isRequest && spec.maxForwards !== undefined) lines.push(`Max-Forwards: ${spec.maxForwards}`);
  lines.push(
    `From: ${spec.from}`,
    `To: ${spec.to}`,
    `Call-ID: ${spec.callId}`,
    `CSeq: ${spec.cseq}`,
  );
  if (spec.contact !== undefined) lines.push(`Contact: ${spec.contact}`);
  for (const [name, value] of spec.headers ?? []) lines.push(`${name}: ${value}`);
  if (spec.userAgent !== undefined) {
    lines.push(`${isRequest ? 'User-Agent' : 'Server'}: ${spec.userAgent}`);
  }
  if (spec.allow !== undefined) lines.push(`Allow: ${spec.allow}`);
  if (body) lines.push('Content-Type: application/sdp');
  lines.push(`Content-Length: ${utf8ByteLength(body)}`, '', body);
  return lines.join('\r\n');
}

/** RFC 3261 §7.3.3 and later RFCs' compact header forms. */
const COMPACT_FORMS: Readonly<Record<string, string>> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

/**
 * Headers of a raw SIP message by lowercase full name (compact forms expanded), one entry per
 * header line in message order; folded continuation lines are joined with one space.
 */
export function parseSipHeaders(raw: string): Record<string, string[]> {
  const headers = new Map<string, string[]>();
  const lines = headerSection(raw).split(/\r?\n/);
  const unfolded: string[] = [];
  for (const line of lines.slice(1)) {
    if (/^[ \t]/.test(line) && unfolded.length > 0) {
      unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    } else if (line.length > 0) {
      unfolded.push(line);
    }
  }
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const full = COMPACT_FORMS[name] ?? name;
    const values = headers.get(full);
    const value = line.slice(colon + 1).trim();
    if (values) values.push(value);
    else headers.set(full, [value]);
  }
  return Object.fromEntries(headers);
}

/** The Request-URI of a SIP request, or null for a response or an unparsable start line. */
export function requestUri(raw: string): string | null {
  const end = raw.search(/\r?\n/);
  const startLine = end === -1 ? raw : raw.slice(0, end);
  const match = /^([A-Za-z]+) (\S+) SIP\/2\.0$/.exec(startLine.trim());
  return match ? (match[2] as string) : null;
}

/** The body of a raw SIP message (everything after the first empty line). */
export function sipBody(raw: string): string {
  const match = /\r?\n\r?\n/.exec(raw);
  return match ? raw.slice(match.index + match[0].length) : '';
}

function headerSection(raw: string): string {
  const match = /\r?\n\r?\n/.exec(raw);
  return match ? raw.slice(0, match.index) : raw;
}

export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
