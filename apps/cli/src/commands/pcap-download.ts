// `telephony pcap download (filters | --download-id X) -o file.pcap`: waits until the PCAP is
// prepared and downloads it — atomically into a file, or streamed to stdout with `-o -`. Progress
// goes to stderr, and only when it is a terminal.
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  type CaptureFormat,
  captureFormat,
  exportPcap,
  type PcapProgress,
  type PcapSource,
  type SipSearch,
  TelephonyError,
  TimeoutError,
} from '@telephony-kit/client';
import { exportPcapToFile } from '@telephony-kit/client/node';
import { type CommandDefinition, outFileOption } from '../command';
import { CliError, formatMs, UsageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { presented, table } from '../output';
import { searchFromOptions } from '../sip-filters';
import { parseDuration, parsePathId } from '../validate';
import { assertWritableTarget } from '../write-output-file';
import { pcapSearchOptions } from './pcap-request';

const NAME = 'pcap download';

/** Progress on a terminal's stderr: one line, redrawn in place. */
export function createProgress(
  stream: NodeJS.WritableStream,
  enabled: boolean,
): {
  update(progress: PcapProgress): void;
  done(): void;
} {
  let drawn = false;
  const draw = (line: string) => {
    if (!enabled) return;
    stream.write(`\r\u001b[K${line}`);
    drawn = true;
  };
  return {
    update(progress) {
      switch (progress.phase) {
        case 'requested':
          draw(`PCAP ${progress.downloadId} requested; waiting for it to be prepared…`);
          break;
        case 'waiting':
          draw(
            `PCAP ${progress.downloadId} is being prepared (check ${progress.attempt}, next in ${formatMs(progress.waitMs)})…`,
          );
          break;
        case 'ready':
          draw(`PCAP ${progress.downloadId} is ready; downloading…`);
          break;
        case 'downloading': {
          const { bytes, totalBytes } = progress;
          if (totalBytes) {
            const share = Math.min(1, bytes / totalBytes);
            const filled = Math.round(share * 30);
            draw(
              `Downloading [${'█'.repeat(filled)}${'░'.repeat(30 - filled)}] ${Math.floor(share * 100)}% ${formatBytes(bytes)} / ${formatBytes(totalBytes)}`,
            );
          } else draw(`Downloading ${formatBytes(bytes)}`);
          break;
        }
        case 'done':
          break;
      }
    },
    done() {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Passes the bytes through once the first four are a capture's magic number. Only for `-o -`:
 * exportPcap streams the file unchecked, while exportPcapToFile checks it itself.
 */
function captureCheck(): Transform & { format(): CaptureFormat } {
  let head = Buffer.alloc(0);
  let format: CaptureFormat | undefined;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (format) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < 4) return done();
      format = captureFormat(head.subarray(0, 4));
      if (!format) {
        return done(
          new CliError(
            `The downloaded file is not a capture (it starts with ${JSON.stringify(head.subarray(0, 16).toString('latin1'))}). Retry the download; if it persists, the storage answered something else than the PCAP.`,
          ),
        );
      }
      done(null, head);
    },
    flush(done) {
      if (!format) {
        done(
          new CliError(
            `The downloaded file is empty or too short (${head.length} bytes) to be a capture.`,
          ),
        );
      } else done();
    },
  });
  return Object.assign(check, { format: () => format as CaptureFormat });
}

/** Streams `body` to stdout with backpressure; a reader that quits early (EPIPE) is not an error. */
async function toStdout(body: Readable, check: Transform, stdout: NodeJS.WritableStream) {
  try {
    await pipeline(body, check, stdout as Writable, { end: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'EPIPE') throw error;
  }
}

export const command: CommandDefinition = {
  summary: 'Wait for the PCAP of a SIP search and download it (to a file, or to stdout with -o -)',
  usage:
    'pcap download (--since 2h | --from <date> --to <date>) [filters] -o <file.pcap|->\n       telephony pcap download --download-id <downloadId> -o <file.pcap|->',
  description:
    'Requests the PCAP (or takes an existing --download-id), waits until the platform has prepared it, and downloads it from its signed URL (which never receives the API token). A file is written atomically and only when it is a valid capture; `-o -` streams it to stdout: telephony pcap download … -o - | tshark -r -. The progress bar is shown on stderr, and only on a terminal.',
  operationId: 'postTelephonySiptracesDownload',
  options: {
    ...pcapSearchOptions,
    'download-id': {
      type: 'string',
      valueName: 'id',
      description: 'Download an already requested PCAP instead of requesting one',
    },
    ...outFileOption,
    wait: {
      type: 'string',
      valueName: 'duration',
      description: 'How long to wait for the PCAP to be prepared (default 10m)',
    },
  },
  examples: [
    'telephony pcap download --since 2h --call-id a84b4c76e66710@pbx -o call.pcap',
    'telephony pcap download --download-id 9f3c2b1a-7e6d-4c5b-8a9f-0e1d2c3b4a59 -o call.pcap',
    'telephony pcap download --since 1h --conversation 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f -o - | tshark -r -',
  ],
  needsClient: true,
  async run(ctx, { options }) {
    const out = options.out as string | undefined;
    if (out === undefined || out === '') {
      throw new UsageError('Say where the PCAP goes: -o call.pcap, or -o - for stdout.', {
        command: NAME,
      });
    }
    if (out === '-' && ctx.isTTY.stdout) {
      throw new UsageError(
        'Refusing to write a binary capture to the terminal: pipe it (-o - | tshark -r -) or give a file (-o call.pcap).',
        { command: NAME },
      );
    }
    const waitMs =
      options.wait === undefined ? 600_000 : parseDuration(options.wait as string, '--wait', NAME);
    const downloadId =
      options['download-id'] === undefined
        ? undefined
        : parsePathId(options['download-id'] as string, '--download-id', NAME);
    const filters = Object.keys(pcapSearchOptions).filter((key) => options[key] !== undefined);
    if (downloadId !== undefined && filters.length > 0) {
      throw new UsageError(
        `--download-id downloads an existing PCAP: leave out --${filters.join(', --')}.`,
        { command: NAME },
      );
    }
    const search =
      downloadId === undefined
        ? searchFromOptions(options, NAME, {
            ...(options.participant !== undefined
              ? { participantId: options.participant as string }
              : {}),
          })
        : undefined;
    // Fail before the request when the file cannot be written there.
    if (out !== '-') await assertWritableTarget(out, NAME);

    const client = await ctx.client();
    const progress = createProgress(ctx.stderr, ctx.isTTY.stderr && !ctx.verbose);
    const onProgress = (p: PcapProgress) => {
      if (p.phase === 'requested') ctx.log(`PCAP requested: downloadId ${p.downloadId}`);
      if (p.phase === 'waiting') {
        ctx.log(
          `PCAP ${p.downloadId} not ready (${p.status}); checking again in ${formatMs(p.waitMs)}`,
        );
      }
      progress.update(p);
    };
    // The client requests (unless --download-id), polls, refreshes an expired signed URL and, for a
    // file, checks the capture and writes it atomically.
    const source: PcapSource = downloadId !== undefined ? { downloadId } : (search as SipSearch);
    const pcapOptions = { signal: ctx.signal, timeoutMs: waitMs, onProgress };
    try {
      if (out === '-') {
        const download = await exportPcap(client, source, pcapOptions);
        const check = captureCheck();
        await toStdout(
          Readable.fromWeb(download.body as NodeReadableStream<Uint8Array>),
          check,
          ctx.stdout,
        );
        progress.done();
        ctx.log(`PCAP ${download.downloadId} written to stdout (${check.format()})`);
        return undefined;
      }
      const result = await exportPcapToFile(client, source, out, pcapOptions);
      progress.done();
      ctx.warn(`Saved ${result.file} (${formatBytes(result.bytes)}, ${result.format}).`);
      return presented(
        result,
        table(
          ['file', 'bytes', 'format', 'downloadId'],
          [[result.file, result.bytes, result.format, result.downloadId]],
        ),
      );
    } catch (error) {
      progress.done();
      if (error instanceof TimeoutError) {
        throw new CliError(
          error.message
            .replace(/\(timeoutMs \d+\)/g, `(--wait ${formatMs(waitMs)})`)
            .replace(/raise timeoutMs/g, 'raise --wait'),
          ExitCode.failure,
        );
      }
      // The client's check of the capture (an empty file, an error page): a plain failure.
      if (error instanceof TelephonyError && error.code === 'pcap.invalid') {
        throw new CliError(error.message, ExitCode.failure);
      }
      throw error;
    }
  },
};
