// Node: writes an exported PCAP to a file atomically (`<file>.part`, fsync, rename) while streaming,
// so that memory stays flat whatever the file size, and refuses a file that is not a capture.
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { TelephonyClient } from '../../create-client';
import { TelephonyError } from '../../errors';
import {
  contentLengthOf,
  downloadFailed,
  type ExportPcapOptions,
  fetchSigned,
  idleTimeoutOf,
  openPcapDownload,
  type PcapSource,
} from '../export-pcap';
import { type CaptureFormat, captureFormat, hex } from '../pcap-magic';
import { nodeHttpGet } from './node-http-get';

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
 * Exports the PCAP of a search (or of one already requested: `{ downloadId }`) into `file`. The
 * file appears only when complete and valid; until then the data goes to `<file>.part`, which is
 * removed on failure. The download is piped with
 * backpressure to the file, so memory stays flat whatever the file size: from node:http, or from
 * the client's own `fetch` when it was created with one (a proxy, custom TLS).
 */
export async function exportPcapToFile(
  client: TelephonyClient,
  source: PcapSource,
  file: string,
  options: ExportPcapOptions = {},
): Promise<ExportPcapToFileResult> {
  const idleMs = idleTimeoutOf(options);
  const { downloadId, url, download } = client.customFetch
    ? await openPcapDownload(client, source, options, (signed, signal) =>
        fetchSigned(client, signed, signal, idleMs),
      )
    : await openPcapDownload(client, source, options, (signed, signal) =>
        nodeHttpGet(signed, signal, idleMs),
      );
  const body =
    download.body instanceof Readable
      ? download.body
      : Readable.fromWeb(download.body as NodeReadableStream<Uint8Array>);
  const totalBytes = contentLengthOf(download.headers);
  const part = `${file}.part`;
  let bytes = 0;
  let head = Buffer.alloc(0);
  let format: CaptureFormat | undefined;
  // Checks the capture's magic number on the way, counts bytes and reports progress.
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (format === undefined) {
        head = Buffer.concat([head, chunk]).subarray(0, 4);
        if (head.byteLength >= 4) {
          format = captureFormat(head);
          if (format === undefined) return done(notACapture(downloadId, file, head));
        }
      }
      bytes += chunk.byteLength;
      options.onProgress?.({ phase: 'downloading', downloadId, bytes, totalBytes });
      done(null, chunk);
    },
    flush(done) {
      done(format === undefined ? notACapture(downloadId, file, head) : null);
    },
  });
  const output = createWriteStream(part);
  let fileFailed = false; // ENOSPC, EACCES, …: not the download's fault
  output.once('error', () => {
    fileFailed = true;
  });
  try {
    await pipeline(body, check, output, options.signal ? { signal: options.signal } : {}).catch(
      (error: unknown) => {
        // A connection reset mid-body is a bare `Error: aborted` from node:http.
        throw fileFailed || error instanceof TelephonyError
          ? error
          : downloadFailed(url, error, options.signal);
      },
    );
    // fsync flushes the file whatever descriptor asks, so the closed stream's data is on disk.
    const handle = await open(part, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(part, file);
    await syncDirectory(dirname(file));
  } catch (error) {
    body.destroy();
    await rm(part, { force: true });
    throw options.signal?.aborted ? options.signal.reason : error;
  }
  options.onProgress?.({ phase: 'done', downloadId, bytes });
  return { file, bytes, downloadId, format: format as CaptureFormat };
}

function notACapture(downloadId: string, file: string, head: Uint8Array): TelephonyError {
  return new TelephonyError(
    head.byteLength === 0
      ? `The PCAP file of download ${downloadId} is empty. No SIP traffic may match the search (PCAPs exist only for calls over an external trunk, for 21 days); ${file} was not written.`
      : `The file of download ${downloadId} is not a pcap or pcapng capture (it starts with ${hex(head)} "${printable(head)}"): the storage service may have sent an error page. ${file} was not written; retry the export.`,
    { code: 'pcap.invalid' },
  );
}
