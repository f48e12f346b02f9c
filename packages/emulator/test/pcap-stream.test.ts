import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Writable } from 'node:stream';
import type { HomerRecord } from '@telephony-kit/models';
import { describe, expect, inject, it } from 'vitest';
import { generateDataset } from '../src/data/generate-dataset';
import { createPcapStream, pcapSize } from '../src/pcap/pcap-stream';

const { records } = generateDataset({ now: new Date('2026-11-26T15:00:00Z'), calls: 30 });

interface Packet {
  micros: number;
  frame: Buffer;
  srcMac: string;
  dstMac: string;
  ip: Buffer;
  srcIp: string;
  dstIp: string;
  protocol: number;
  ttl: number;
  flags: number;
  transport: Buffer;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  tcpFlags: number;
  payload: Buffer;
}

/** Walks a libpcap file the way a reader would: global header, then record header + frame. */
function parsePcap(bytes: Buffer): {
  magic: number;
  version: string;
  snaplen: number;
  linkType: number;
  packets: Packet[];
} {
  const packets: Packet[] = [];
  let at = 24;
  while (at < bytes.length) {
    const seconds = bytes.readUInt32LE(at);
    const fraction = bytes.readUInt32LE(at + 4);
    const included = bytes.readUInt32LE(at + 8);
    expect(bytes.readUInt32LE(at + 12)).toBe(included);
    expect(fraction).toBeLessThan(1_000_000);
    const frame = bytes.subarray(at + 16, at + 16 + included);
    expect(frame.length).toBe(included);
    at += 16 + included;
    expect(frame.readUInt16BE(12)).toBe(0x0800);
    const ip = frame.subarray(14, 14 + 20);
    expect(ip[0]).toBe(0x45);
    const totalLength = ip.readUInt16BE(2);
    expect(totalLength).toBe(frame.length - 14);
    const protocol = ip[9] as number;
    const transport = frame.subarray(34);
    const tcp = protocol === 6;
    const headerBytes = tcp ? ((transport[12] as number) >> 4) * 4 : 8;
    if (!tcp) expect(transport.readUInt16BE(4)).toBe(transport.length);
    packets.push({
      micros: seconds * 1_000_000 + fraction,
      frame,
      srcMac: frame.subarray(6, 12).toString('hex'),
      dstMac: frame.subarray(0, 6).toString('hex'),
      ip,
      srcIp: [...ip.subarray(12, 16)].join('.'),
      dstIp: [...ip.subarray(16, 20)].join('.'),
      protocol,
      ttl: ip[8] as number,
      flags: ip.readUInt16BE(6),
      transport,
      srcPort: transport.readUInt16BE(0),
      dstPort: transport.readUInt16BE(2),
      seq: tcp ? transport.readUInt32BE(4) : 0,
      ack: tcp ? transport.readUInt32BE(8) : 0,
      tcpFlags: tcp ? (transport[13] as number) : 0,
      payload: transport.subarray(headerBytes),
    });
  }
  expect(at).toBe(bytes.length);
  return {
    magic: bytes.readUInt32LE(0),
    version: `${bytes.readUInt16LE(4)}.${bytes.readUInt16LE(6)}`,
    snaplen: bytes.readUInt32LE(16),
    linkType: bytes.readUInt32LE(20),
    packets,
  };
}

/** RFC 1071 sum; a correct header or segment (with its checksum in place) sums to 0xffff. */
function onesComplementSum(...parts: Buffer[]): number {
  let sum = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 2) sum += (part[i] as number) * 256 + (part[i + 1] ?? 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

function checksumsValid(packet: Packet): boolean {
  const pseudo = Buffer.alloc(12);
  packet.ip.copy(pseudo, 0, 12, 20);
  pseudo[9] = packet.protocol;
  pseudo.writeUInt16BE(packet.transport.length, 10);
  return (
    onesComplementSum(packet.ip) === 0xffff &&
    onesComplementSum(pseudo, packet.transport) === 0xffff
  );
}

const collect = async (stream: Readable) => Buffer.concat(await stream.toArray());
const macOf = (ip: string) => `0200${Buffer.from(ip.split('.').map(Number)).toString('hex')}`;

describe('createPcapStream: SIP packets', () => {
  it('writes a libpcap 2.4 Ethernet capture, one frame per record, as long as pcapSize says', async () => {
    const bytes = await collect(createPcapStream(records));
    expect(bytes.length).toBe(pcapSize(records));
    expect(bytes.subarray(0, 4).toString('hex')).toBe('d4c3b2a1');
    const capture = parsePcap(bytes);
    expect(capture).toMatchObject({
      magic: 0xa1b2c3d4,
      version: '2.4',
      snaplen: 65_535,
      linkType: 1,
    });
    expect(capture.packets).toHaveLength(records.length);
  });

  it('carries each record with its timestamp, addresses, ports, transport and exact message', async () => {
    const { packets } = parsePcap(await collect(createPcapStream(records)));
    records.forEach((record: HomerRecord, i) => {
      const packet = packets[i] as Packet;
      expect(packet.micros).toBe(Number(record.microTs));
      expect(packet.srcIp).toBe(record.sourceIp);
      expect(packet.dstIp).toBe(record.destinationIp);
      expect(String(packet.srcPort)).toBe(record.sourcePort);
      expect(String(packet.dstPort)).toBe(record.destinationPort);
      expect(packet.protocol).toBe(Number(record.proto));
      expect(packet.payload.equals(Buffer.from(record.msg ?? '', 'utf8'))).toBe(true);
      expect(packet.srcMac).toBe(macOf(record.sourceIp ?? ''));
      expect(packet.dstMac).toBe(macOf(record.destinationIp ?? ''));
      expect(packet.ttl).toBe(64);
      expect(packet.flags).toBe(0x4000);
      expect(checksumsValid(packet)).toBe(true);
    });
    expect(new Set(packets.map((p) => p.protocol))).toEqual(new Set([6, 17]));
  });

  it('numbers TCP segments per direction: PSH|ACK, seq advancing by payload, ack = peer next seq', async () => {
    const { packets } = parsePcap(await collect(createPcapStream(records)));
    const next = new Map<string, number>();
    const tcp = packets.filter((p) => p.protocol === 6);
    expect(tcp.length).toBeGreaterThan(2);
    for (const packet of tcp) {
      const forward = `${packet.srcIp}:${packet.srcPort}>${packet.dstIp}:${packet.dstPort}`;
      const reverse = `${packet.dstIp}:${packet.dstPort}>${packet.srcIp}:${packet.srcPort}`;
      expect(packet.tcpFlags).toBe(0x18);
      if (next.has(forward)) expect(packet.seq).toBe(next.get(forward));
      if (next.has(reverse)) expect(packet.ack).toBe(next.get(reverse));
      next.set(forward, (packet.seq + packet.payload.length) >>> 0);
      next.set(reverse, packet.ack);
    }
  });

  it('is deterministic and accepts any iterable of records', async () => {
    const fromArray = await collect(createPcapStream(records));
    const fromSet = await collect(createPcapStream(new Set(records)));
    expect(fromSet.equals(fromArray)).toBe(true);
    expect(pcapSize(new Set(records))).toBe(fromArray.length);
  });

  it('writes only the global header for no records', async () => {
    const bytes = await collect(createPcapStream([]));
    expect(bytes.length).toBe(24);
    expect(pcapSize([])).toBe(24);
  });

  it('rejects a negative padding size and unknown link types', () => {
    expect(() => pcapSize(records, { padToBytes: -1 })).toThrow(/padToBytes/);
    expect(() => createPcapStream(records, { linkType: 'raw' as 'ethernet' })).toThrow(/link type/);
  });
});

describe('createPcapStream: RTP padding', () => {
  const sipBytes = pcapSize(records);

  it('pads with 20 ms PCMU packets to padToBytes or just under, matching pcapSize', async () => {
    const padToBytes = sipBytes + 100_000;
    const bytes = await collect(createPcapStream(records, { padToBytes }));
    expect(bytes.length).toBe(pcapSize(records, { padToBytes }));
    expect(bytes.length).toBeLessThanOrEqual(padToBytes);
    expect(padToBytes - bytes.length).toBeLessThan(16 + 14 + 20 + 8 + 12 + 160);
    const rtp = parsePcap(bytes).packets.slice(records.length);
    expect(rtp.length).toBe(Math.floor(100_000 / 230));
    const streams = new Map<number, Packet[]>();
    for (const packet of rtp) {
      expect(packet.protocol).toBe(17);
      expect(packet.payload.length).toBe(172);
      expect(packet.payload[0]).toBe(0x80);
      expect((packet.payload[1] as number) & 0x7f).toBe(0);
      expect(packet.payload.subarray(12).every((b) => b === 0xff)).toBe(true);
      expect(checksumsValid(packet)).toBe(true);
      const ssrc = packet.payload.readUInt32BE(8);
      streams.set(ssrc, [...(streams.get(ssrc) ?? []), packet]);
    }
    expect(streams.size).toBeGreaterThan(2);
    for (const packets of streams.values()) {
      packets.forEach((packet, i) => {
        if (i === 0) return;
        const previous = packets[i - 1] as Packet;
        expect(packet.payload.readUInt16BE(2)).toBe(
          (previous.payload.readUInt16BE(2) + 1) & 0xffff,
        );
        expect(packet.payload.readUInt32BE(4)).toBe((previous.payload.readUInt32BE(4) + 160) >>> 0);
        expect(packet.micros - previous.micros).toBe(20_000);
        expect([packet.srcIp, packet.srcPort, packet.dstIp, packet.dstPort]).toEqual([
          previous.srcIp,
          previous.srcPort,
          previous.dstIp,
          previous.dstPort,
        ]);
      });
    }
  });

  it("sends RTP between the media addresses of the calls' SDP", async () => {
    const sdpAddresses = new Set(
      records
        .filter((r) => r.contentType === 'application/sdp')
        .map((r) => {
          const msg = r.msg ?? '';
          return `${/c=IN IP4 ([\d.]+)/.exec(msg)?.[1]}:${/m=audio (\d+)/.exec(msg)?.[1]}`;
        }),
    );
    const bytes = await collect(createPcapStream(records, { padToBytes: sipBytes + 50_000 }));
    for (const packet of parsePcap(bytes).packets.slice(records.length)) {
      expect(sdpAddresses).toContain(`${packet.srcIp}:${packet.srcPort}`);
      expect(sdpAddresses).toContain(`${packet.dstIp}:${packet.dstPort}`);
    }
  });

  it('adds nothing when padToBytes is below the SIP size, and pads even without SDP', async () => {
    expect(pcapSize(records, { padToBytes: 1000 })).toBe(sipBytes);
    const bytes = await collect(createPcapStream([], { padToBytes: 24 + 230 * 3 + 100 }));
    expect(bytes.length).toBe(24 + 230 * 3);
    expect(parsePcap(bytes).packets).toHaveLength(3);
  });

  it('streams 64 MiB lazily in bounded chunks, respecting backpressure', async () => {
    const padToBytes = 64 * 1024 * 1024;
    const expected = pcapSize(records, { padToBytes });
    const stream = createPcapStream(records, { padToBytes });
    let total = 0;
    let largestChunk = 0;
    let largestBuffered = 0;
    const sink = new Writable({
      highWaterMark: 256 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        total += chunk.length;
        largestChunk = Math.max(largestChunk, chunk.length);
        largestBuffered = Math.max(largestBuffered, stream.readableLength);
        setImmediate(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      stream.pipe(sink).on('finish', resolve).on('error', reject);
      stream.on('error', reject);
    });
    expect(total).toBe(expected);
    expect(expected).toBeLessThanOrEqual(padToBytes);
    expect(padToBytes - expected).toBeLessThan(230);
    expect(largestChunk).toBeLessThanOrEqual(1024 * 1024);
    // Nothing is produced ahead of the consumer beyond the stream's own buffer.
    expect(largestBuffered).toBeLessThanOrEqual(1024 * 1024);
  });
});

const tshark = inject('tshark');

describe('createPcapStream: read by Wireshark', () => {
  it.skipIf(!tshark.ok)(
    `decodes as SIP with the same Call-IDs, valid checksums and RTP${tshark.ok ? '' : ` (skipped: ${tshark.reason})`}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pcap-test-'));
      try {
        const file = join(dir, 'capture.pcap');
        const padToBytes = pcapSize(records) + 20_000;
        writeFileSync(file, await collect(createPcapStream(records, { padToBytes })));
        const run = (...args: string[]) =>
          execFileSync('/usr/bin/tshark', ['-r', file, '-d', 'tcp.port==5061,sip', ...args], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
          });
        const callIds = run('-Y', 'sip', '-T', 'fields', '-e', 'sip.Call-ID').trim().split('\n');
        expect(callIds).toEqual(records.map((r) => r.callid));
        const verify = ['ip', 'udp', 'tcp'].flatMap((p) => ['-o', `${p}.check_checksum:TRUE`]);
        const badFilter = ['ip', 'udp', 'tcp'].map((p) => `${p}.checksum.status==0`).join(' || ');
        const bad = run(
          ...verify,
          '-Y',
          `${badFilter} || _ws.malformed || _ws.expert.severity>=warning`,
        );
        expect(bad.trim()).toBe('');
        const rtp = run(
          '-o',
          'rtp.heuristic_rtp:TRUE',
          '-Y',
          'rtp',
          '-T',
          'fields',
          '-e',
          'rtp.p_type',
        );
        expect(rtp.trim().split('\n')).toEqual(Array(Math.floor(20_000 / 230)).fill('0'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
