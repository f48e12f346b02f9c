// Where a capture's padding RTP flows: the audio addresses that each call's SDP offer and answer
// named (c= and m=audio lines), starting when the answer was sent.
import type { HomerRecord } from '@telephony-kit/models';
import { parseIpv4 } from './frames';

export interface MediaEndpoint {
  ip: number;
  port: number;
}

export interface MediaSession {
  callId: string;
  /** The offerer's and the answerer's receive addresses. */
  offerer: MediaEndpoint;
  answerer: MediaEndpoint;
  startMicros: number;
}

export function recordMicros(record: HomerRecord): number {
  const micro = Number(record.microTs);
  if (Number.isFinite(micro) && micro >= 0) return micro;
  const milli = Number(record.milliTs);
  return Number.isFinite(milli) && milli >= 0 ? milli * 1000 : 0;
}

function sdpAudio(msg: string): MediaEndpoint | null {
  const bodyAt = msg.indexOf('\r\n\r\n');
  if (bodyAt === -1) return null;
  const body = msg.slice(bodyAt + 4);
  const connection = /^c=IN IP4 ([\d.]+)/m.exec(body);
  const audio = /^m=audio (\d+) /m.exec(body);
  if (!connection || !audio) return null;
  const ip = parseIpv4(connection[1]);
  const port = Number(audio[1]);
  return ip !== 0 && port > 0 && port < 0x10000 ? { ip, port } : null;
}

/** One session per call whose SDP offer (a request) and answer (a response) are both present. */
export function findMediaSessions(records: readonly HomerRecord[]): MediaSession[] {
  const pending = new Map<string, MediaEndpoint>();
  const found = new Map<string, MediaSession>();
  for (const record of records) {
    const callId = record.callid ?? '';
    const msg = record.msg ?? '';
    if (found.has(callId) || !msg.includes('m=audio')) continue;
    const endpoint = sdpAudio(msg);
    if (!endpoint) continue;
    const isResponse = msg.startsWith('SIP/2.0 ');
    const offer = pending.get(callId);
    if (!isResponse && !offer) pending.set(callId, endpoint);
    else if (isResponse && offer) {
      found.set(callId, {
        callId,
        offerer: offer,
        answerer: endpoint,
        startMicros: recordMicros(record),
      });
    }
  }
  return [...found.values()];
}

/** A stand-in when no call in the capture negotiated media: two hosts of the first record. */
export function fallbackSession(records: readonly HomerRecord[]): MediaSession {
  const first = records[0];
  const source = parseIpv4(first?.sourceIp) || parseIpv4('10.0.0.1');
  const destination = parseIpv4(first?.destinationIp) || parseIpv4('10.0.0.2');
  return {
    callId: first?.callid ?? '',
    offerer: { ip: source, port: 40_000 },
    answerer: { ip: destination, port: 40_002 },
    startMicros: first ? recordMicros(first) : 0,
  };
}
