// A libpcap capture of HomerRecords, produced lazily chunk by chunk: one Ethernet/IPv4/UDP-or-TCP
// frame per SIP message, then optional RTP padding up to a requested size. pcapSize() predicts the
// exact length, so the capture can be served with a Content-Length and never held in memory.
import { Readable } from 'node:stream';
import type { HomerRecord } from '@telephony-kit/models';
import {
  ETHERNET_BYTES,
  GLOBAL_HEADER_BYTES,
  IPPROTO_TCP,
  IPPROTO_UDP,
  IPV4_BYTES,
  type Ipv4Packet,
  MAX_TCP_PAYLOAD,
  MAX_UDP_PAYLOAD,
  parseIpv4,
  RECORD_HEADER_BYTES,
  TCP_BYTES,
  TOS_SIGNALLING,
  TOS_VOICE,
  UDP_BYTES,
  writeEthernetIpv4,
  writeGlobalHeader,
  writeRecordHeader,
  writeTcpHeader,
  writeUdpHeader,
} from './frames';
import {
  fallbackSession,
  findMediaSessions,
  type MediaSession,
  recordMicros,
} from './media-sessions';

export interface PcapOptions {
  /** Append RTP packets after the SIP packets until the capture is this size or just under. */
  padToBytes?: number;
  linkType?: 'ethernet';
}

/** Chunks are about this size (a whole number of packets, so a little more or less). */
const CHUNK_BYTES = 64 * 1024;
const RTP_HEADER_BYTES = 12;
const RTP_PAYLOAD_BYTES = 160; // 20 ms of G.711 µ-law at 8 kHz
const RTP_FRAME_BYTES =
  ETHERNET_BYTES + IPV4_BYTES + UDP_BYTES + RTP_HEADER_BYTES + RTP_PAYLOAD_BYTES;
const RTP_RECORD_BYTES = RECORD_HEADER_BYTES + RTP_FRAME_BYTES;
const RTP_INTERVAL_MICROS = 20_000;
const PCMU_SILENCE = 0xff;

interface CapturePlan {
  records: readonly HomerRecord[];
  /** Payload bytes of each SIP frame (the UTF-8 message, capped to what one packet carries). */
  payloadBytes: Uint32Array;
  tcp: Uint8Array;
  rtpPackets: number;
  totalBytes: number;
}

/** TLS signalling (port 5061) and HEP protocol 6 are carried as TCP; everything else as UDP. */
function isTcp(record: HomerRecord): boolean {
  return record.proto === '6' || record.sourcePort === '5061' || record.destinationPort === '5061';
}

function planCapture(records: Iterable<HomerRecord>, options: PcapOptions): CapturePlan {
  if (options.linkType !== undefined && options.linkType !== 'ethernet') {
    throw new RangeError(`Unsupported pcap link type: ${String(options.linkType)}`);
  }
  const padTo = options.padToBytes;
  if (padTo !== undefined && !(Number.isFinite(padTo) && padTo >= 0)) {
    throw new RangeError('padToBytes must be a non-negative finite number');
  }
  const list = Array.isArray(records) ? (records as HomerRecord[]) : Array.from(records);
  const payloadBytes = new Uint32Array(list.length);
  const tcp = new Uint8Array(list.length);
  let totalBytes = GLOBAL_HEADER_BYTES;
  list.forEach((record, i) => {
    const overTcp = isTcp(record);
    const bytes = Buffer.byteLength(record.msg ?? '', 'utf8');
    const payload = Math.min(bytes, overTcp ? MAX_TCP_PAYLOAD : MAX_UDP_PAYLOAD);
    payloadBytes[i] = payload;
    tcp[i] = overTcp ? 1 : 0;
    totalBytes +=
      RECORD_HEADER_BYTES +
      ETHERNET_BYTES +
      IPV4_BYTES +
      (overTcp ? TCP_BYTES : UDP_BYTES) +
      payload;
  });
  const rtpPackets =
    padTo !== undefined && padTo > totalBytes
      ? Math.floor((Math.floor(padTo) - totalBytes) / RTP_RECORD_BYTES)
      : 0;
  totalBytes += rtpPackets * RTP_RECORD_BYTES;
  return { records: list, payloadBytes, tcp, rtpPackets, totalBytes };
}

/**
 * The exact byte length of `createPcapStream(records, options)`. Pass the same records (an array,
 * or an iterable that yields the same records again).
 */
export function pcapSize(records: Iterable<HomerRecord>, options: PcapOptions = {}): number {
  return planCapture(records, options).totalBytes;
}

export function createPcapStream(
  records: Iterable<HomerRecord>,
  options: PcapOptions = {},
): Readable {
  const plan = planCapture(records, options);
  const writer = new CaptureWriter(plan);
  return new Readable({
    read() {
      const chunk = writer.nextChunk();
      if (chunk) this.push(chunk);
      if (writer.done) this.push(null);
    },
  });
}

interface RtpStream {
  ssrc: number;
  seq: number;
  timestamp: number;
}

class CaptureWriter {
  private readonly plan: CapturePlan;
  private headerWritten = false;
  private sipIndex = 0;
  private rtpIndex = 0;
  private ipId = 0;
  /** Next TCP sequence number per direction ("src:port>dst:port"). */
  private readonly tcpNext = new Map<string, number>();
  private sessions: MediaSession[] = [];
  private rtpStreams: RtpStream[][] = [];

  constructor(plan: CapturePlan) {
    this.plan = plan;
    if (plan.rtpPackets > 0) {
      const found = findMediaSessions(plan.records);
      this.sessions = found.length > 0 ? found : [fallbackSession(plan.records)];
      this.rtpStreams = this.sessions.map((session) =>
        [0, 1].map((direction) => {
          const seed = fnv1a(`${session.callId}/${direction}`);
          return { ssrc: seed, seq: seed & 0xffff, timestamp: fnv1a(`${seed}`) };
        }),
      );
    }
  }

  get done(): boolean {
    return (
      this.headerWritten &&
      this.sipIndex >= this.plan.records.length &&
      this.rtpIndex >= this.plan.rtpPackets
    );
  }

  /** The next whole packets, about CHUNK_BYTES of them; null when nothing is left. */
  nextChunk(): Buffer | null {
    // Size the chunk first so that it holds whole packets and nothing else.
    let bytes = this.headerWritten ? 0 : GLOBAL_HEADER_BYTES;
    let sipEnd = this.sipIndex;
    let rtpEnd = this.rtpIndex;
    const { records, payloadBytes, tcp, rtpPackets } = this.plan;
    while (bytes < CHUNK_BYTES && sipEnd < records.length) {
      bytes +=
        RECORD_HEADER_BYTES +
        ETHERNET_BYTES +
        IPV4_BYTES +
        (tcp[sipEnd] ? TCP_BYTES : UDP_BYTES) +
        (payloadBytes[sipEnd] as number);
      sipEnd++;
    }
    if (bytes < CHUNK_BYTES && sipEnd >= records.length) {
      const room = Math.ceil((CHUNK_BYTES - bytes) / RTP_RECORD_BYTES);
      rtpEnd = Math.min(rtpPackets, rtpEnd + room);
      bytes += (rtpEnd - this.rtpIndex) * RTP_RECORD_BYTES;
    }
    if (bytes === 0) return null;

    const chunk = Buffer.allocUnsafe(bytes);
    let offset = 0;
    if (!this.headerWritten) {
      offset = writeGlobalHeader(chunk, 0);
      this.headerWritten = true;
    }
    for (; this.sipIndex < sipEnd; this.sipIndex++) offset = this.writeSip(chunk, offset);
    for (; this.rtpIndex < rtpEnd; this.rtpIndex++) offset = this.writeRtp(chunk, offset);
    return chunk;
  }

  private writeSip(chunk: Buffer, offset: number): number {
    const i = this.sipIndex;
    const record = this.plan.records[i] as HomerRecord;
    const overTcp = this.plan.tcp[i] === 1;
    const payload = this.plan.payloadBytes[i] as number;
    const srcPort = port(record.sourcePort);
    const dstPort = port(record.destinationPort);
    const packet: Ipv4Packet = {
      srcIp: parseIpv4(record.sourceIp),
      dstIp: parseIpv4(record.destinationIp),
      protocol: overTcp ? IPPROTO_TCP : IPPROTO_UDP,
      tos: TOS_SIGNALLING,
      id: this.ipId++,
      innerBytes: (overTcp ? TCP_BYTES : UDP_BYTES) + payload,
    };
    let at = writeRecordHeader(
      chunk,
      offset,
      recordMicros(record),
      ETHERNET_BYTES + IPV4_BYTES + packet.innerBytes,
    );
    at = writeEthernetIpv4(chunk, at, packet);
    const payloadAt = at + (overTcp ? TCP_BYTES : UDP_BYTES);
    const written = chunk.write(record.msg ?? '', payloadAt, payload, 'utf8');
    // Only a message cut at the packet limit in the middle of a character leaves a gap.
    if (written < payload) chunk.fill(0x20, payloadAt + written, payloadAt + payload);
    if (overTcp) {
      const forward = `${record.sourceIp}:${srcPort}>${record.destinationIp}:${dstPort}`;
      const reverse = `${record.destinationIp}:${dstPort}>${record.sourceIp}:${srcPort}`;
      const seq = this.tcpNext.get(forward) ?? fnv1a(forward);
      const ack = this.tcpNext.get(reverse) ?? fnv1a(reverse);
      this.tcpNext.set(forward, (seq + payload) >>> 0);
      this.tcpNext.set(reverse, ack);
      writeTcpHeader(chunk, at, packet, srcPort, dstPort, seq, ack);
    } else {
      writeUdpHeader(chunk, at, packet, srcPort, dstPort);
    }
    return payloadAt + payload;
  }

  /**
   * RTP packet k goes to session k mod S, alternating direction (answerer→offerer first); each
   * direction advances sequence by 1 and timestamp by 160 every 20 ms from the SDP answer.
   */
  private writeRtp(chunk: Buffer, offset: number): number {
    const count = this.sessions.length;
    const k = this.rtpIndex;
    const s = k % count;
    const j = Math.floor(k / count);
    const direction = j % 2;
    const n = Math.floor(j / 2);
    const session = this.sessions[s] as MediaSession;
    const stream = (this.rtpStreams[s] as RtpStream[])[direction] as RtpStream;
    const [from, to] =
      direction === 0 ? [session.answerer, session.offerer] : [session.offerer, session.answerer];
    const packet: Ipv4Packet = {
      srcIp: from.ip,
      dstIp: to.ip,
      protocol: IPPROTO_UDP,
      tos: TOS_VOICE,
      id: this.ipId++,
      innerBytes: UDP_BYTES + RTP_HEADER_BYTES + RTP_PAYLOAD_BYTES,
    };
    const micros = session.startMicros + RTP_INTERVAL_MICROS * (n + 1) + direction * 250;
    let at = writeRecordHeader(chunk, offset, micros, RTP_FRAME_BYTES);
    at = writeEthernetIpv4(chunk, at, packet);
    const rtp = at + UDP_BYTES;
    chunk[rtp] = 0x80; // version 2, no padding, no extension, no CSRC
    chunk[rtp + 1] = n === 0 ? 0x80 : 0x00; // marker on the first packet; payload type 0 (PCMU)
    chunk.writeUInt16BE((stream.seq + n) & 0xffff, rtp + 2);
    chunk.writeUInt32BE((stream.timestamp + n * RTP_PAYLOAD_BYTES) >>> 0, rtp + 4);
    chunk.writeUInt32BE(stream.ssrc >>> 0, rtp + 8);
    chunk.fill(PCMU_SILENCE, rtp + RTP_HEADER_BYTES, rtp + RTP_HEADER_BYTES + RTP_PAYLOAD_BYTES);
    writeUdpHeader(chunk, at, packet, from.port, to.port);
    return rtp + RTP_HEADER_BYTES + RTP_PAYLOAD_BYTES;
  }
}

function port(text: string | undefined): number {
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 && value <= 0xffff ? value : 0;
}

/** FNV-1a, 32 bits: stable initial sequence numbers and SSRCs derived from names. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
