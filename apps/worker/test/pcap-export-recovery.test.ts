// The recovery paths of pcap-export, against the real emulator and a real embedded worker:
// - a download the platform forgot (its poll answers 404 after the client's 30 s grace, counted
//   from the recorded requestedAt): the job clears the recorded downloadId and requests a new one;
// - storage errors on the signed URL (5xx and a cut-off body, or URLs that keep expiring until the
//   client's refreshes are exhausted): the job retries, resumes the same download and completes.
// Everything is checked in the emulator's request log, the job's result and the output directory.
// The worker's client runs on the real clock and cannot be given another, so the first test waits
// out the real 30 s grace (about 32 s); the others take a few seconds.
import { basename, dirname } from 'node:path';
import { clientCredentials, createTelephonyClient, requestPcap } from '@telephony-kit/client';
import { createEmulator, type Emulator, type RequestLogEntry } from '@telephony-kit/emulator';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PcapExportResult } from '../src/jobs/pcap-export';
import type { JobView } from '../src/queue';
import { startWorker, type WorkerHandle } from '../src/worker';
import { checkPcap, exportsOf, filesUnder, settingsFor, tempDir, waitFor } from './helpers';

const POST = 'postTelephonySiptracesDownload';
const POLL = 'getTelephonySiptracesDownloadDownloadId';
const STORAGE = 'storage.pcap';
/** The client's default `notFoundGraceMs`. */
const GRACE_MS = 30_000;
/**
 * Signed URLs live 6 s here: a storage request held 6.1 s always finds its URL expired, and an
 * unheld one has 6 s to arrive after its poll on a busy machine.
 */
const URL_LIFETIME_S = 6;
/** A client of the test's own, so that its requests are not counted as the worker's. */
const TESTER = {
  clientId: 'recovery-test',
  clientSecret: 'recovery-test-secret',
  permissions: ['telephony:pcap:add', 'telephony:pcap:view'],
};

interface LogLine {
  msg: string;
  jobId?: string;
  err?: { message?: string; code?: string };
}

describe('pcap-export recovery', () => {
  let emulator: Emulator;
  let worker: WorkerHandle;
  const outputDir = tempDir('recovery-out');
  const lines: LogLine[] = [];

  beforeAll(async () => {
    emulator = await createEmulator({
      rateLimit: false,
      // Ready at once, unless a test says otherwise with a `pcap: 'never-ready'` fault.
      pcapReadyAfterMs: 0,
      signedUrlLifetimeSeconds: URL_LIFETIME_S,
      clients: [TESTER],
    });
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
    );
    worker = await startWorker(
      settingsFor(emulator, [
        '--data-dir',
        tempDir('recovery-data'),
        '--output-dir',
        outputDir,
        '--requests-per-minute',
        '0',
        // Polls 1.5, 3.75, 7.1, 12.2, 19.8 and 31.2 s after the first one (the wait grows by half
        // each time): the 7th poll is the first past the 30 s grace, well before the 15 s cap.
        '--pcap-poll-interval',
        '1500ms',
        '--retry-delay',
        '1s',
        '--retry-limit',
        '5',
        '--archive-cron',
        'off',
      ]),
      { pollIntervalMs: 100, logger },
    );
  });

  beforeEach(() => emulator.reset());

  afterAll(async () => {
    await worker?.stop({ timeoutMs: 5_000 });
    await emulator?.close();
  });

  const finished = (id: string, timeoutMs = 80_000): Promise<JobView> =>
    waitFor(
      `job ${id} to finish`,
      async () => {
        const view = await worker.queue.get(id);
        return view?.state === 'completed' || view?.state === 'failed' ? view : undefined;
      },
      timeoutMs,
    );

  const byWorker = (log: readonly RequestLogEntry[], operationId: string) =>
    log.filter(
      (r) => r.operationId === operationId && r.clientId === emulator.credentials.demo.clientId,
    );
  const pollsOf = (log: readonly RequestLogEntry[], downloadId: string) =>
    byWorker(log, POLL).filter((r) => r.path.endsWith(`/${downloadId}`));
  const storageGetsOf = (log: readonly RequestLogEntry[], downloadId: string) =>
    log.filter((r) => r.operationId === STORAGE && r.path.endsWith(`/${downloadId}.pcap`));
  const jobLog = (id: string) => lines.filter((l) => l.jobId === id);

  /** The result is a valid capture named after its download, alone in its folder, no `.part`. */
  function checkOutput(job: JobView, conversationId: string): PcapExportResult {
    expect(job.state, JSON.stringify(job.output)).toBe('completed');
    const result = job.output as PcapExportResult;
    checkPcap(result);
    expect(basename(result.path)).toBe(`${result.downloadId}.pcap`);
    expect(basename(dirname(result.path))).toBe(conversationId);
    expect(filesUnder(dirname(result.path))).toEqual([result.path]);
    expect(filesUnder(outputDir).filter((f) => f.endsWith('.part'))).toEqual([]);
    return result;
  }

  it('requests a new download when the platform forgot the recorded one (404 past the grace)', async () => {
    const [data] = exportsOf(emulator, 3);
    if (!data) throw new Error('no call in the data set');
    // reset() replays the seeded ids: a download requested by another client first means that the
    // job's first download and the one it requests after the reset have different ids.
    const tester = createTelephonyClient({
      baseUrl: emulator.url,
      auth: clientCredentials({ clientId: TESTER.clientId, clientSecret: TESTER.clientSecret }),
    });
    await requestPcap(tester, data);
    // The platform keeps the first download pending...
    emulator.setFaults([{ pcap: 'never-ready' }]);
    const { id } = await worker.queue.enqueue('pcap-export', data);
    const first = await waitFor(
      'the job to record its download and poll it',
      async () => {
        const view = await worker.queue.get(id);
        const progress = (
          view?.output as { progress?: { downloadId: string; requestedAt: number } }
        )?.progress;
        if (!progress || view?.state !== 'active') return undefined;
        const polled = pollsOf(emulator.requests, progress.downloadId).some(
          (r) => r.status === 202,
        );
        return polled ? progress : undefined;
      },
      30_000,
      50,
    );
    // ...then forgets it: reset() drops every PCAP job (GET …/download/{id} answers 404) and the
    // never-ready fault, so a new download is ready at once. It also empties the request log.
    const before = [...emulator.requests];
    emulator.reset();

    const job = await finished(id);
    const log = [...before, ...emulator.requests];
    const result = checkOutput(job, data.conversationId);
    expect(result.downloadId).not.toBe(first.downloadId);

    // Two download requests: the first one, and one after the platform forgot it.
    const posts = byWorker(log, POST);
    expect(posts.map((r) => r.status)).toEqual([200, 200]);
    const [, second] = posts as [RequestLogEntry, RequestLogEntry];
    // The forgotten download was polled (202, then 404 within the grace: "not ready yet") until a
    // 404 came past the grace; the new request came only then, and the old id was left alone.
    const old = pollsOf(log, first.downloadId);
    expect(old.filter((r) => r.status === 202).length).toBeGreaterThan(0);
    expect(old.filter((r) => r.status === 404).length).toBeGreaterThanOrEqual(2);
    expect(old.every((r) => r.status === 202 || r.status === 404)).toBe(true);
    expect(log.indexOf(old.at(-1) as RequestLogEntry)).toBeLessThan(log.indexOf(second));
    expect(Date.parse(second.time) - first.requestedAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect(storageGetsOf(log, first.downloadId)).toEqual([]);
    // The new download was polled until ready and fetched once.
    expect(pollsOf(log, result.downloadId).at(-1)?.status).toBe(200);
    expect(storageGetsOf(log, result.downloadId).map((r) => r.status)).toEqual([200]);
    expect(
      jobLog(id).filter((l) => /no longer knows the download; requesting a new one/.test(l.msg)),
    ).toHaveLength(1);
  }, 100_000);

  it('retries 5xx answers and a cut-off body from storage, resuming the same download', async () => {
    const [, data] = exportsOf(emulator, 3);
    if (!data) throw new Error('no call in the data set');
    emulator.setFaults([
      {
        operationId: STORAGE,
        sequence: [{ status: 503 }, { truncate: true }, { status: 502 }],
      },
    ]);
    const { id } = await worker.queue.enqueue('pcap-export', data);
    const job = await finished(id);
    const log = [...emulator.requests];
    const result = checkOutput(job, data.conversationId);

    // One attempt per storage failure, then one that completes.
    expect(job.retryCount).toBe(3);
    expect(byWorker(log, POST).map((r) => r.status)).toEqual([200]);
    const gets = storageGetsOf(log, result.downloadId);
    expect(gets.map((r) => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [200, 'truncate'],
      [502, 'status'],
      [200, undefined],
    ]);
    expect(log.filter((r) => r.operationId === STORAGE)).toHaveLength(4);
    // Every attempt asked the platform for a fresh signed URL of the same download.
    expect(pollsOf(log, result.downloadId).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const failures = jobLog(id).filter((l) => /will be retried/.test(l.msg));
    expect(failures.map((l) => l.err?.message)).toEqual([
      expect.stringMatching(/from storage failed with 503 .*Retrying later\.$/),
      expect.stringMatching(/^Downloading the PCAP file from .* failed/),
      expect.stringMatching(/from storage failed with 502 .*Retrying later\.$/),
    ]);
  }, 100_000);

  it('retries when signed URLs keep expiring past the client refreshes, then completes', async () => {
    const [, , data] = exportsOf(emulator, 3);
    if (!data) throw new Error('no call in the data set');
    // The first three storage requests are held past the URL's lifetime: all three answer 403
    // "Request has expired", which exhausts the client's two refreshes (signed.url.expired).
    const held = { latencyMs: URL_LIFETIME_S * 1000 + 100 };
    emulator.setFaults([{ operationId: STORAGE, sequence: [held, held, held] }]);
    const { id } = await worker.queue.enqueue('pcap-export', data);
    const job = await finished(id);
    const log = [...emulator.requests];
    const result = checkOutput(job, data.conversationId);

    // Retried (a 403 is otherwise a permanent failure), on the same download. The three held
    // requests expire; on a stalled machine an unheld one may expire too, and cost one more retry.
    expect(job.retryCount).toBeGreaterThanOrEqual(1);
    expect(byWorker(log, POST).map((r) => r.status)).toEqual([200]);
    const statuses = storageGetsOf(log, result.downloadId).map((r) => r.status);
    expect(statuses.slice(0, 3)).toEqual([403, 403, 403]);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(0, -1).every((status) => status === 403)).toBe(true);
    expect(log.filter((r) => r.operationId === STORAGE)).toHaveLength(statuses.length);
    // A fresh URL for each refresh, and one more on each retry.
    expect(pollsOf(log, result.downloadId).map((r) => r.status)).toEqual(statuses.map(() => 200));
    const failures = jobLog(id).filter((l) => /will be retried/.test(l.msg));
    expect(failures).toHaveLength(job.retryCount);
    for (const failure of failures) {
      expect(failure.err?.message).toMatch(
        /signed URL of PCAP .* was refused \(403\) \d+ time\(s\).*Retrying later\.$/,
      );
    }
  }, 100_000);
});
