// Node: writes an exported PCAP to a file atomically (`<file>.part`, fsync, rename) while streaming,
// so that memory stays flat whatever the file size, and refuses a file that is not a capture.
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TelephonyClient } from '../../create-client';
import { TelephonyError } from '../../errors';
import type { SipSearchInput } from '../../sip-traces/sip-search';
import { type ExportPcapOptions, exportPcap } from '../export-pcap';
import { type CaptureFormat, captureFormat, hex } from '../pcap-magic';

export interface ExportPcapToFileResult {
  file: string;
  bytes: number;
  downloadId: string;
  format: CaptureFormat;
}

async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not every platform can fsync a directory; the rename is still atomic.
  }
}

function printable(head: Uint8Array): string {
  return [...head].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
}

/**
 * Exports the PCAP of `search` into `file`. The file appears only when complete and valid; until
 * then the data goes to `<file>.part`, which is removed on failure.
 */
export async function exportPcapToFile(
  client: TelephonyClient,
  search: SipSearchInput,
  file: string,
  options: ExportPcapOptions = {},
): Promise<ExportPcapToFileResult> {
  const download = await exportPcap(client, search, options);
  const part = `${file}.part`;
  const reader = download.body.getReader();
  const handle = await open(part, 'w');
  let bytes = 0;
  let head = new Uint8Array(0);
  let format: CaptureFormat | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (format === undefined) {
        const joined = new Uint8Array(head.byteLength + value.byteLength);
        joined.set(head);
        joined.set(value, head.byteLength);
        head = joined.subarray(0, 4);
        if (head.byteLength >= 4) {
          format = captureFormat(head);
          if (format === undefined) break;
        }
      }
      // Awaiting each write is the backpressure: the next chunk is read only once this one is on disk.
      let offset = 0;
      while (offset < value.byteLength) {
        const { bytesWritten } = await handle.write(value, offset, value.byteLength - offset);
        offset += bytesWritten;
      }
      bytes += value.byteLength;
    }
    if (format === undefined) {
      await reader.cancel().catch(() => undefined);
      throw new TelephonyError(
        bytes === 0 && head.byteLength === 0
          ? `The PCAP file of download ${download.downloadId} is empty. No SIP traffic may match the search (PCAPs exist only for calls over an external trunk, for 21 days); ${file} was not written.`
          : `The file of download ${download.downloadId} is not a pcap or pcapng capture (it starts with ${hex(head)} "${printable(head)}"): the storage service may have sent an error page. ${file} was not written; retry the export.`,
        { code: 'pcap.invalid' },
      );
    }
    await handle.sync();
    await handle.close();
    await rename(part, file);
    await syncDirectory(dirname(file));
    return { file, bytes, downloadId: download.downloadId, format };
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    await handle.close().catch(() => undefined);
    await rm(part, { force: true });
    throw error;
  }
}
