// `telephony pcap download (filters | --download-id X) -o file.pcap`: waits until the PCAP is
// prepared and downloads it — atomically into a file, or streamed to stdout with `-o -`. Progress
// goes to stderr, and only when it is a terminal.
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
  ApiError,
  type CaptureFormat,
  captureFormat,
  exportPcap,
  type PcapProgress,
  type TelephonyClient,
  TimeoutError,
} from '@telephony-kit/client';
import { exportPcapToFile } from '@telephony-kit/client/node';
import { type CommandDefinition, type Context, outFileOption } from '../command';
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

/** Passes the bytes through once the first four are a capture's magic number. */
function captureCheck(onBytes: (bytes: number) => void): Transform & { format(): CaptureFormat } {
  let head = Buffer.alloc(0);
  let format: CaptureFormat | undefined;
  let bytes = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onBytes(bytes);
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
            `The downloaded file is empty or too short (${bytes} bytes) to be a capture.`,
          ),
        );
      } else done();
    },
  });
  return Object.assign(check, { format: () => format as CaptureFormat });
}

/** Writes `body` to `file` through `<dir>/.<name>.<pid>.part`, fsynced, then renamed. */
async function writeAtomically(body: Readable, file: string, check: Transform): Promise<void> {
  const part = join(dirname(file), `.${basename(file)}.${process.pid}.part`);
  try {
    await pipeline(body, check, createWriteStream(part, { mode: 0o644 }));
    const handle = await open(part, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(part, file);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

/** Streams `body` to stdout with backpressure; a reader that quits early (EPIPE) is not an error. */
async function toStdout(body: Readable, check: Transform, stdout: NodeJS.WritableStream) {
  try {
    await pipeline(body, check, stdout as Writable, { end: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'EPIPE') throw error;
  }
}

/** Polls GET …/download/{id} until it has a signed URL (202 or a URL-less 200 mean "not yet"). */
async function waitForUrl(
  client: TelephonyClient,
  downloadId: string,
  waitMs: number,
  ctx: Context,
  onProgress: (progress: PcapProgress) => void,
): Promise<string> {
  const started = client.now();
  let interval = 2000;
  for (let attempt = 1; ; attempt++) {
    const result = await client.GET('/api/v2/telephony/siptraces/download/{downloadId}', {
      params: { path: { downloadId } },
      signal: ctx.signal,
    });
    const { status, headers } = result.response;
    if (status === 200 && result.data?.url) return result.data.url;
    if (status !== 202 && status !== 200) await client.unwrap(result);
    const asked = Number(headers.get('retry-after')) * 1000;
    const next = Math.min(Math.max(Number.isFinite(asked) ? asked : 0, interval), 15_000);
    if (client.now() - started + next > waitMs) {
      throw new TimeoutError(
        `The PCAP file of download ${downloadId} was not ready after ${formatMs(client.now() - started)} (--wait ${formatMs(waitMs)}). Large searches take longer: raise --wait, or narrow the search.`,
        {
          method: 'GET',
          url: `${client.baseUrl}/api/v2/telephony/siptraces/download/${downloadId}`,
          timeoutMs: waitMs,
        },
      );
    }
    onProgress({ phase: 'waiting', downloadId, attempt, waitMs: next, status });
    await client.sleep(next, ctx.signal);
    interval = Math.min(interval * 1.5, 15_000);
  }
}

/** The download of an existing job: its signed URL, fetched without the API token. */
async function openExisting(
  client: TelephonyClient,
  downloadId: string,
  waitMs: number,
  ctx: Context,
  onProgress: (progress: PcapProgress) => void,
): Promise<{ body: Readable; totalBytes: number | undefined }> {
  const url = await waitForUrl(client, downloadId, waitMs, ctx, onProgress);
  onProgress({ phase: 'ready', downloadId });
  // The signed URL is a credential of its own: the raw fetch sends no token.
  const response = await client.rawFetch(new Request(url, { signal: ctx.signal }));
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new ApiError({
      status: response.status,
      statusText: response.statusText,
      method: 'GET',
      url: url.replace(/\?.*$/s, '?[REDACTED]'),
      code: response.status === 403 ? 'signed.url.expired' : 'pcap.download.failed',
      message:
        response.status === 403
          ? `The signed URL of PCAP ${downloadId} was refused (403): it may have expired. Run the download again for a fresh one.`
          : `Downloading PCAP ${downloadId} from storage failed with ${response.status} ${response.statusText}. Retry later.`,
    });
  }
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  return {
    body: Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
    totalBytes: Number.isFinite(length) ? length : undefined,
  };
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
    let id = downloadId;
    const onProgress = (p: PcapProgress) => {
      id = p.downloadId;
      if (p.phase === 'requested') ctx.log(`PCAP requested: downloadId ${p.downloadId}`);
      if (p.phase === 'waiting') {
        ctx.log(
          `PCAP ${p.downloadId} not ready (${p.status}); checking again in ${formatMs(p.waitMs)}`,
        );
      }
      progress.update(p);
    };
    const onBytes = (totalBytes: number | undefined) => (bytes: number) =>
      progress.update({ phase: 'downloading', downloadId: id ?? '', bytes, totalBytes });
    const pcapOptions = { signal: ctx.signal, timeoutMs: waitMs, onProgress };
    try {
      if (out === '-') {
        const opened =
          search !== undefined
            ? await exportPcap(client, search, pcapOptions).then((d) => ({
                body: Readable.fromWeb(d.body as NodeReadableStream<Uint8Array>),
                totalBytes: d.contentLength,
              }))
            : await openExisting(client, downloadId as string, waitMs, ctx, onProgress);
        const check = captureCheck(onBytes(opened.totalBytes));
        await toStdout(opened.body, check, ctx.stdout);
        progress.done();
        ctx.log(`PCAP ${id} written to stdout (${check.format()})`);
        return undefined;
      }
      let result: { file: string; bytes: number; downloadId: string; format: CaptureFormat };
      if (search !== undefined) {
        result = await exportPcapToFile(client, search, out, pcapOptions);
      } else {
        const opened = await openExisting(client, downloadId as string, waitMs, ctx, onProgress);
        let bytes = 0;
        const check = captureCheck((n) => {
          bytes = n;
          onBytes(opened.totalBytes)(n);
        });
        await writeAtomically(opened.body, out, check);
        result = { file: out, bytes, downloadId: downloadId as string, format: check.format() };
      }
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
      if (error instanceof TimeoutError && !error.message.includes('--wait')) {
        throw new CliError(
          `${error.message.replace(/raise timeoutMs/g, 'raise --wait')}`,
          ExitCode.failure,
        );
      }
      throw error;
    }
  },
};
