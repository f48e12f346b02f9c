// The first four bytes of a capture file: libpcap (both byte orders, micro- and nanosecond) or pcapng.

export type CaptureFormat = 'pcap' | 'pcap-ns' | 'pcapng';

const MAGIC: Record<string, CaptureFormat> = {
  a1b2c3d4: 'pcap',
  d4c3b2a1: 'pcap',
  a1b23c4d: 'pcap-ns',
  '4d3cb2a1': 'pcap-ns',
  '0a0d0d0a': 'pcapng',
};

export function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The capture format of a file starting with `head`, or undefined when it is not a capture. */
export function captureFormat(head: Uint8Array): CaptureFormat | undefined {
  if (head.byteLength < 4) return undefined;
  return MAGIC[hex(head.subarray(0, 4))];
}
