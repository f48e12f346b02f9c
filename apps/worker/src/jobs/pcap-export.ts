// pcap-export: request the PCAP of a SIP search, record its downloadId before polling (a retry
// resumes the same download instead of requesting another), poll until it is ready, stream it
// atomically into `<output>/<date>/<conversationId or key>/<downloadId>.pcap`, verify the capture
// and record path, bytes and sha256 as the job's result.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ApiError, captureFormat, sipSearch, type TelephonyClient } from '@telephony-kit/client';
import { z } from 'zod';
import { canonicalJson } from '../queue';
import { defineJob, PermanentJobError } from './define-job';

const text = z.string().trim().min(1).max(256);

export const pcapExportSchema = z
  .object({
    conversationId: text.optional(),
    callId: text.optional(),
    toUser: text.optional(),
    fromUser: text.optional(),
    dateStart: z.string().datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
    dateEnd: z.string().datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.conversationId && !value.callId && !value.toUser && !value.fromUser) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'give at least one of conversationId, callId, toUser and fromUser (a PCAP of every call in a range is not what you want)',
      });
      return;
    }
    try {
      sipSearch(value);
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
    }
  })
  // Normalised so that the same export written differently has the same key.
  .transform((value) => ({ ...value, ...sipSearch(value) }));

export type PcapExportData = z.infer<typeof pcapExportSchema>;

export interface PcapExportResult {
  path: string;
  bytes: number;
  sha256: string;
  downloadId: string;
  format: string;
}

interface PcapProgress {
  downloadId: string;
  /** Epoch ms of the request: the readiness deadline counts from here, across retries. */
  requestedAt: number;
}

/** The idempotency key of an export: a hash of its normalised search. */
export function pcapExportKey(data: PcapExportData): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 32);
}

/** `<output>/<YYYY-MM-DD of dateStart>/<conversationId or key>/<downloadId>.pcap`. */
export function pcapPath(outputDir: string, data: PcapExportData, downloadId: string): string {
  const day = data.dateStart.slice(0, 10);
  const folder = data.conversationId ?? pcapExportKey(data);
  if (!/^[\w.-]+$/.test(downloadId) || downloadId.startsWith('.')) {
    throw new PermanentJobError(
      `The platform answered a downloadId that cannot be a file name: ${JSON.stringify(downloadId).slice(0, 80)}.`,
    );
  }
  return join(outputDir, day, folder, `${downloadId}.pcap`);
}

const DOWNLOAD = '/api/v2/telephony/siptraces/download/{downloadId}';
/** A 404 this soon after the request means "not ready yet" (DESIGN.md). */
const NOT_FOUND_GRACE_MS = 30_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/**
 * Polls the download until its signed URL is ready. Undefined when the platform does not know
 * the download (any more): the caller requests a new one.
 */
async function waitForUrl(
  client: TelephonyClient,
  progress: PcapProgress,
  options: { deadlineMs: number; pollIntervalMs: number; signal: AbortSignal },
): Promise<string | undefined> {
  const { downloadId, requestedAt } = progress;
  let interval = options.pollIntervalMs;
  for (;;) {
    const result = await client.GET(DOWNLOAD, {
      params: { path: { downloadId } },
      signal: options.signal,
    });
    const { response } = result;
    const url = response.status === 200 ? result.data?.url : undefined;
    if (url) return url;
    const age = Date.now() - requestedAt;
    if (response.status === 404 && age >= NOT_FOUND_GRACE_MS) return undefined;
    if (response.status !== 202 && response.status !== 200 && response.status !== 404) {
      await client.unwrap(result); // throws the platform's error
    }
    if (age >= options.deadlineMs) {
      throw new PermanentJobError(
        `The PCAP of download ${downloadId} was not ready ${Math.round(age / 1000)} s after it was requested (--pcap-ready-timeout ${Math.round(options.deadlineMs / 1000)} s). Narrow the search or raise the timeout, then enqueue it again.`,
        { code: 'pcap.not.ready' },
      );
    }
    const wait = Math.min(
      Math.max(retryAfterMs(response.headers.get('retry-after')) ?? 0, interval),
      Math.max(15_000, interval),
      Math.max(options.deadlineMs - age, 0) + 10,
    );
    await sleep(wait, options.signal);
    interval = Math.min(interval * 1.5, 15_000);
  }
}

/** Streams the signed URL into `file` through `<file>.part`, hashing and checking the magic. */
async function download(
  client: TelephonyClient,
  url: string,
  file: string,
  downloadId: string,
  signal: AbortSignal,
  onBytes: (bytes: number) => void,
): Promise<{ status: number } | Omit<PcapExportResult, 'downloadId' | 'path'>> {
  // The signed URL is a credential of its own: the raw fetch sends no API token.
  const response = await client.rawFetch(new Request(url, { method: 'GET', signal }));
  if (response.status < 200 || response.status >= 300 || !response.body) {
    await response.body?.cancel().catch(() => {});
    return { status: response.status };
  }
  await mkdir(dirname(file), { recursive: true });
  const part = `${file}.part`;
  const hash = createHash('sha256');
  let bytes = 0;
  let head = Buffer.alloc(0);
  let format: string | undefined;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (format === undefined) {
        head = Buffer.concat([head, chunk]).subarray(0, 4);
        if (head.byteLength >= 4) {
          format = captureFormat(head);
          if (!format) return done(notACapture(downloadId, head));
        }
      }
      hash.update(chunk);
      bytes += chunk.byteLength;
      onBytes(chunk.byteLength);
      done(null, chunk);
    },
    flush(done) {
      done(format ? null : notACapture(downloadId, head));
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
      check,
      createWriteStream(part),
      { signal },
    );
    const handle = await open(part, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(part, file);
    const directory = await open(dirname(file), 'r').catch(() => undefined);
    await directory?.sync().catch(() => {});
    await directory?.close();
  } catch (error) {
    await rm(part, { force: true });
    throw signal.aborted ? signal.reason : error;
  }
  return { bytes, sha256: hash.digest('hex'), format: format as string };
}

function notACapture(downloadId: string, head: Buffer): Error {
  // Retried: storage error pages and truncated files are usually transient.
  return new Error(
    head.byteLength === 0
      ? `The PCAP file of download ${downloadId} is empty.`
      : `The file of download ${downloadId} is not a pcap/pcapng capture (it starts with ${head.toString('hex')}).`,
  );
}

export const pcapExportJob = defineJob<PcapExportData, PcapExportResult, PcapProgress>({
  name: 'pcap-export',
  schema: pcapExportSchema,
  key: pcapExportKey,
  expireInSeconds: (settings) => Math.ceil(settings.pcapReadyTimeoutMs / 1000) + 30 * 60,
  async handler(ctx, data, { signal }) {
    const { client, settings } = ctx;
    for (let request = 0; request < 3; request++) {
      let progress = await ctx.progress.get();
      if (!progress?.downloadId) {
        const { dateStart, dateEnd, conversationId, callId, toUser, fromUser } = data;
        const body = { dateStart, dateEnd, conversationId, callId, toUser, fromUser };
        const requestedAt = Date.now();
        const answer = await client.unwrap(
          client.POST('/api/v2/telephony/siptraces/download', { body, signal }),
        );
        if (!answer?.downloadId) {
          throw new ApiError({
            status: 200,
            method: 'POST',
            url: `${client.baseUrl}/api/v2/telephony/siptraces/download`,
            code: 'contract.violation',
            message: 'POST …/siptraces/download answered without a downloadId.',
          });
        }
        progress = { downloadId: answer.downloadId, requestedAt };
        // Before polling: a retry after a crash resumes this download.
        await ctx.progress.set(progress);
        ctx.logger.info({ downloadId: progress.downloadId }, 'PCAP requested');
      } else {
        ctx.logger.info({ downloadId: progress.downloadId }, 'resuming PCAP download');
      }
      const file = pcapPath(settings.outputDir, data, progress.downloadId);
      // An expired signed URL (403) is replaced by a fresh one, twice at most.
      for (let refresh = 0; refresh < 3; refresh++) {
        const url = await waitForUrl(client, progress, {
          deadlineMs: settings.pcapReadyTimeoutMs,
          pollIntervalMs: settings.pcapPollIntervalMs,
          signal,
        });
        if (url === undefined) break;
        const result = await download(client, url, file, progress.downloadId, signal, (n) =>
          ctx.metrics.bytesDownloaded(n),
        );
        if ('sha256' in result) return { path: file, downloadId: progress.downloadId, ...result };
        if ((result.status !== 403 && result.status !== 401) || refresh === 2) {
          throw new Error(
            `Downloading PCAP ${progress.downloadId} from storage failed with ${result.status}${result.status === 403 ? ' (the signed URL was refused: check the clock)' : ''}; retrying later.`,
          );
        }
      }
      if (request === 2) break;
      ctx.logger.warn(
        { downloadId: progress.downloadId },
        'the platform no longer knows the download; requesting a new one',
      );
      await ctx.progress.clear();
    }
    throw new Error('The PCAP download could not be completed; retrying later.');
  },
});
