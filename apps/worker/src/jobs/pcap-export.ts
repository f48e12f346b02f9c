// pcap-export: request the PCAP of a SIP search, record its downloadId before polling (a retry
// resumes the same download instead of requesting another), then let the client's PCAP helper
// poll until it is ready and write it atomically into
// `<output>/<date>/<conversationId or key>/<downloadId>.pcap` (checking the capture), and record
// path, bytes and sha256 as the job's result. No HTTP of its own: thin apps.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApiError, requestPcap, sipSearch, TimeoutError } from '@telephony-kit/client';
import { exportPcapToFile } from '@telephony-kit/client/node';
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

/** The client's errors of the storage download (not of the platform's polling): retried. */
const STORAGE_ERRORS = new Set(['signed.url.expired', 'pcap.download.failed']);

/** The sha256 of the finished file, streamed. */
async function sha256Of(file: string, signal: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const pcapExportJob = defineJob<PcapExportData, PcapExportResult, PcapProgress>({
  name: 'pcap-export',
  schema: pcapExportSchema,
  key: pcapExportKey,
  expireInSeconds: (settings) => Math.ceil(settings.pcapReadyTimeoutMs / 1000) + 30 * 60,
  async handler(ctx, data, { signal }) {
    const { client, settings } = ctx;
    const deadlineMs = settings.pcapReadyTimeoutMs;
    for (let request = 0; request < 3; request++) {
      let progress = await ctx.progress.get();
      if (!progress?.downloadId) {
        const { dateStart, dateEnd, conversationId, callId, toUser, fromUser } = data;
        const search = { dateStart, dateEnd, conversationId, callId, toUser, fromUser };
        const { downloadId, requestedAt } = await requestPcap(client, search, { signal });
        progress = { downloadId, requestedAt };
        // Before polling: a retry after a crash resumes this download.
        await ctx.progress.set(progress);
        ctx.logger.info({ downloadId }, 'PCAP requested');
      } else {
        ctx.logger.info({ downloadId: progress.downloadId }, 'resuming PCAP download');
      }
      const { downloadId, requestedAt } = progress;
      const file = pcapPath(settings.outputDir, data, downloadId);
      // The readiness deadline counts from the request, across retries.
      const timeoutMs = Math.max(0, deadlineMs - (client.now() - requestedAt));
      let counted = 0;
      try {
        await mkdir(dirname(file), { recursive: true });
        const result = await exportPcapToFile(client, { downloadId, requestedAt }, file, {
          signal,
          pollIntervalMs: settings.pcapPollIntervalMs,
          timeoutMs,
          onProgress: (event) => {
            if (event.phase !== 'downloading') return;
            ctx.metrics.bytesDownloaded(event.bytes - counted);
            counted = event.bytes;
          },
        });
        const sha256 = await sha256Of(file, signal);
        return { path: file, bytes: result.bytes, sha256, downloadId, format: result.format };
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (error instanceof ApiError && STORAGE_ERRORS.has(error.code)) {
          // The storage refused or failed the signed URL: usually transient.
          throw new Error(`${error.message} Retrying later.`, { cause: error });
        }
        if (error instanceof TimeoutError && error.code === 'pcap.not.ready') {
          const age = client.now() - requestedAt;
          throw new PermanentJobError(
            `The PCAP of download ${downloadId} was not ready ${Math.round(age / 1000)} s after it was requested (--pcap-ready-timeout ${Math.round(deadlineMs / 1000)} s). Narrow the search or raise the timeout, then enqueue it again.`,
            { code: 'pcap.not.ready', cause: error },
          );
        }
        // A 404 past the grace period: the platform no longer knows the download.
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
      if (request === 2) break;
      ctx.logger.warn(
        { downloadId },
        'the platform no longer knows the download; requesting a new one',
      );
      await ctx.progress.clear();
    }
    throw new Error('The PCAP download could not be completed; retrying later.');
  },
});
