// 200 PCAP exports through the real queue against the emulator with scripted faults, on embedded
// PGlite and on PostgreSQL: every job completes once, every file is a valid, checksummed capture,
// and no download is requested twice.
import { existsSync } from 'node:fs';
import { createEmulator, type Emulator } from '@telephony-kit/emulator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JobView } from '../src/queue';
import { startWorker, type WorkerHandle } from '../src/worker';
import {
  checkPcap,
  createDatabase,
  exportsOf,
  filesUnder,
  settingsFor,
  tempDir,
  waitFor,
} from './helpers';

const postgres = inject('postgres');

const backends = [
  ['embedded PGlite', false],
  ['PostgreSQL', true],
] as const;

for (const [label, onPostgres] of backends) {
  describe.skipIf(onPostgres && !postgres.ok)(`pcap-export on ${label}`, () => {
    let emulator: Emulator;
    let worker: WorkerHandle | undefined;
    let outputDir: string;

    beforeAll(async () => {
      emulator = await createEmulator({
        rateLimit: false,
        // Ready at once: the polling is exercised by the other tests; this one is about volume.
        pcapReadyAfterMs: 0,
        // 10% of API requests fail with 503; 5% of downloads are cut off half-way.
        faults: [
          { rate: 0.1, status: 503 },
          { operationId: 'storage.pcap', rate: 0.05, truncate: true },
        ],
      });
      outputDir = tempDir('out');
      const env =
        onPostgres && postgres.ok
          ? { DATABASE_URL: await createDatabase(postgres.url, 'exports') }
          : {};
      worker = await startWorker(
        settingsFor(
          emulator,
          [
            '--data-dir',
            tempDir('data'),
            '--output-dir',
            outputDir,
            '--concurrency',
            '8',
            '--requests-per-minute',
            '0',
            '--pcap-poll-interval',
            '100ms',
            '--retry-delay',
            '1s',
            '--archive-cron',
            'off',
          ],
          env,
        ),
        { pollIntervalMs: 200 },
      );
    });

    afterAll(async () => {
      await worker?.stop({ timeoutMs: 5_000 });
      await emulator?.close();
    });

    it('completes 200 exports with faults: valid, checksummed files and no duplicate downloads', async () => {
      if (!worker) return;
      const requests = exportsOf(emulator, 200);
      const ids = new Set<string>();
      for (const data of requests) ids.add((await worker.queue.enqueue('pcap-export', data)).id);
      expect(ids.size).toBe(200);
      // The same export enqueued again is the same job.
      const again = await worker.queue.enqueue('pcap-export', requests[0]);
      expect(again.duplicate).toBe(true);

      const handle = worker;
      const done = await waitFor(
        'all exports to finish',
        async () => {
          const jobs = await handle.queue.list({ name: 'pcap-export', limit: 1000 });
          const finished = jobs.filter((j) => j.state === 'completed' || j.state === 'failed');
          return finished.length === 200 ? jobs : undefined;
        },
        110_000,
        500,
      );
      const failed = done.filter((j: JobView) => j.state !== 'completed');
      expect(failed.map((j) => j.output)).toEqual([]);

      const results = done.map(
        (j) => j.output as { path: string; bytes: number; sha256: string; downloadId: string },
      );
      for (const result of results) checkPcap(result);
      const downloadIds = new Set(results.map((r) => r.downloadId));
      expect(downloadIds.size).toBe(200);
      // Exactly one successful download request per job, and one file each; no partial files.
      const posts = emulator.requests.filter(
        (r) => r.operationId === 'postTelephonySiptracesDownload' && r.status < 300,
      );
      expect(posts).toHaveLength(200);
      const files = filesUnder(outputDir);
      expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
      expect(files.sort()).toEqual(results.map((r) => r.path).sort());
      // The faults did happen, and were retried.
      expect(emulator.requests.filter((r) => r.fault).length).toBeGreaterThan(20);
      expect(results.every((r) => existsSync(r.path))).toBe(true);
    });
  });
}
