// Byte-level writers for the frames of a capture: Ethernet II / IPv4 / UDP or TCP, with correct
// lengths and Internet checksums (IPv4 header, UDP and TCP over their pseudo-headers).

export const GLOBAL_HEADER_BYTES = 24;
export const RECORD_HEADER_BYTES = 16;
export const ETHERNET_BYTES = 14;
export const IPV4_BYTES = 20;
export const UDP_BYTES = 8;
export const TCP_BYTES = 20;
/** The largest payload that fits one IPv4 packet (total length is a 16-bit field). */
export const MAX_UDP_PAYLOAD = 0xffff - IPV4_BYTES - UDP_BYTES;
export const MAX_TCP_PAYLOAD = 0xffff - IPV4_BYTES - TCP_BYTES;

export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
const LINKTYPE_ETHERNET = 1;
const SNAPLEN = 65_535;
/** DSCP CS3 for signalling and EF for voice, shifted into the ToS byte. */
export const TOS_SIGNALLING = 0x60;
export const TOS_VOICE = 0xb8;

/** The libpcap global header, little-endian as libpcap writes it on x86 (magic a1b2c3d4). */
export function writeGlobalHeader(target: Buffer, offset: number): number {
  target.writeUInt32LE(0xa1b2c3d4, offset);
  target.writeUInt16LE(2, offset + 4);
  target.writeUInt16LE(4, offset + 6);
  target.writeInt32LE(0, offset + 8); // thiszone: timestamps are UTC
  target.writeUInt32LE(0, offset + 12); // sigfigs
  target.writeUInt32LE(SNAPLEN, offset + 16);
  target.writeUInt32LE(LINKTYPE_ETHERNET, offset + 20);
  return offset + GLOBAL_HEADER_BYTES;
}

export function writeRecordHeader(
  target: Buffer,
  offset: number,
  micros: number,
  frameBytes: number,
): number {
  const seconds = Math.floor(micros / 1_000_000);
  target.writeUInt32LE(seconds >>> 0, offset);
  target.writeUInt32LE(micros - seconds * 1_000_000, offset + 4);
  target.writeUInt32LE(frameBytes, offset + 8);
  target.writeUInt32LE(frameBytes, offset + 12);
  return offset + RECORD_HEADER_BYTES;
}

/** "a.b.c.d" as an unsigned 32-bit number; 0 (0.0.0.0) when it is not a dotted quad. */
export function parseIpv4(text: string | undefined): number {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text ?? '');
  if (!match) return 0;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(match[i]);
    if (octet > 255) return 0;
    value = value * 256 + octet;
  }
  return value;
}

/** A locally administered MAC made from the IPv4 address: 02:00:a:b:c:d. */
function writeMac(target: Buffer, offset: number, ip: number): void {
  target[offset] = 0x02;
  target[offset + 1] = 0x00;
  target.writeUInt32BE(ip, offset + 2);
}

export interface Ipv4Packet {
  srcIp: number;
  dstIp: number;
  protocol: number;
  tos: number;
  id: number;
  /** Bytes after the IPv4 header (transport header and payload). */
  innerBytes: number;
}

/** Ethernet II and IPv4 headers; returns the offset of the transport header. */
export function writeEthernetIpv4(target: Buffer, offset: number, packet: Ipv4Packet): number {
  writeMac(target, offset, packet.dstIp);
  writeMac(target, offset + 6, packet.srcIp);
  target.writeUInt16BE(0x0800, offset + 12);
  const ip = offset + ETHERNET_BYTES;
  target[ip] = 0x45;
  target[ip + 1] = packet.tos;
  target.writeUInt16BE(IPV4_BYTES + packet.innerBytes, ip + 2);
  target.writeUInt16BE(packet.id & 0xffff, ip + 4);
  target.writeUInt16BE(0x4000, ip + 6); // DF, fragment offset 0
  target[ip + 8] = 64;
  target[ip + 9] = packet.protocol;
  target.writeUInt16BE(0, ip + 10);
  target.writeUInt32BE(packet.srcIp, ip + 12);
  target.writeUInt32BE(packet.dstIp, ip + 16);
  target.writeUInt16BE(finishChecksum(onesSum(target, ip, ip + IPV4_BYTES, 0)), ip + 10);
  return ip + IPV4_BYTES;
}

/** UDP header with its checksum over the pseudo-header; the payload must already be in place. */
export function writeUdpHeader(
  target: Buffer,
  offset: number,
  packet: Ipv4Packet,
  srcPort: number,
  dstPort: number,
): void {
  const length = packet.innerBytes;
  target.writeUInt16BE(srcPort, offset);
  target.writeUInt16BE(dstPort, offset + 2);
  target.writeUInt16BE(length, offset + 4);
  target.writeUInt16BE(0, offset + 6);
  const sum = onesSum(target, offset, offset + length, pseudoHeaderSum(packet, length));
  const checksum = finishChecksum(sum);
  // RFC 768: a computed checksum of zero is sent as all ones (zero means "none").
  target.writeUInt16BE(checksum === 0 ? 0xffff : checksum, offset + 6);
}

/** TCP header (PSH|ACK, no options) with its checksum; the payload must already be in place. */
export function writeTcpHeader(
  target: Buffer,
  offset: number,
  packet: Ipv4Packet,
  srcPort: number,
  dstPort: number,
  seq: number,
  ack: number,
): void {
  const length = packet.innerBytes;
  target.writeUInt16BE(srcPort, offset);
  target.writeUInt16BE(dstPort, offset + 2);
  target.writeUInt32BE(seq >>> 0, offset + 4);
  target.writeUInt32BE(ack >>> 0, offset + 8);
  target[offset + 12] = (TCP_BYTES / 4) << 4;
  target[offset + 13] = 0x18; // PSH | ACK
  target.writeUInt16BE(0xffff, offset + 14); // window
  target.writeUInt16BE(0, offset + 16);
  target.writeUInt16BE(0, offset + 18); // urgent pointer
  const sum = onesSum(target, offset, offset + length, pseudoHeaderSum(packet, length));
  target.writeUInt16BE(finishChecksum(sum), offset + 16);
}

function pseudoHeaderSum(packet: Ipv4Packet, length: number): number {
  return (
    (packet.srcIp >>> 16) +
    (packet.srcIp & 0xffff) +
    (packet.dstIp >>> 16) +
    (packet.dstIp & 0xffff) +
    packet.protocol +
    length
  );
}

/** The 32-bit running sum of big-endian 16-bit words in [start, end), odd byte zero-padded. */
export function onesSum(buffer: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += ((buffer[i] as number) << 8) | (buffer[i + 1] as number);
  if (i < end) sum += (buffer[i] as number) << 8;
  return sum;
}

export function finishChecksum(sum: number): number {
  let folded = sum;
  while (folded > 0xffff) folded = (folded & 0xffff) + Math.floor(folded / 0x10000);
  return ~folded & 0xffff;
}
