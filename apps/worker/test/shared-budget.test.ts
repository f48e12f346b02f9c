// Three `telephony-worker start` processes on one PostgreSQL database share 300 exports and one
// requests-per-minute budget: the emulator's request log never holds more API requests than the
// budget in any minute, and every job finishes exactly once, although one of the workers is
// killed with SIGKILL twice mid-run (and restarted).
import { createEmulator, type Emulator } from '@telephony-kit/emulator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JobView } from '../src/queue';
import {
  checkPcap,
  createDatabase,
  emulatorEnv,
  exportsOf,
  filesUnder,
  type SpawnedWorker,
  spawnWorker,
  tempDir,
  waitFor,
} from './helpers';

const postgres = inject('postgres');
// 300 exports make about 600 API requests: more than a minute of budget, less than two, so the
// test lasts a little over one minute.
const BUDGET = 360;

/** The most entries inside any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= windowMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

describe.skipIf(!postgres.ok)('three workers on PostgreSQL', () => {
  let emulator: Emulator;
  const workers: SpawnedWorker[] = [];
  const killed: SpawnedWorker[] = [];

  beforeAll(async () => {
    // Ready at once: each export is one POST, one poll and the download.
    emulator = await createEmulator({ rateLimit: false, pcapReadyAfterMs: 0 });
  });

  afterAll(async () => {
    for (const worker of [...workers, ...killed]) worker.child.kill('SIGKILL');
    await emulator?.close();
  });

  it('share 300 jobs and one budget', async () => {
    if (!postgres.ok) return;
    const databaseUrl = await createDatabase(postgres.url, 'shared');
    const outputDir = tempDir('shared-out');
    const start = () =>
      spawnWorker(
        [
          '--base-url',
          emulator.url,
          '--port',
          '0',
          '--output-dir',
          outputDir,
          '--data-dir',
          tempDir('shared-data'),
          '--concurrency',
          '4',
          '--requests-per-minute',
          String(BUDGET),
          '--pcap-poll-interval',
          '100ms',
          '--retry-delay',
          '1s',
          // A killed worker's jobs are handed back by the others 10 s after its last heartbeat.
          '--heartbeat-timeout',
          '10s',
          '--archive-cron',
          'off',
        ],
        { ...emulatorEnv(emulator), DATABASE_URL: databaseUrl },
      );
    for (let i = 0; i < 3; i++) workers.push(start());
    const urls = await Promise.all(workers.map((w) => w.url));
    // 300 distinct exports: the data set's 200 calls, 100 of them twice with a wider range.
    const calls = exportsOf(emulator, 200);
    const requests = [
      ...calls,
      ...calls
        .slice(0, 100)
        .map((c) => ({ ...c, dateEnd: new Date(Date.parse(c.dateEnd) + 60_000).toISOString() })),
    ];
    const response = await fetch(`${urls[0]}/jobs/pcap-export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(requests),
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { created: number }).created).toBe(300);

    // SIGKILL the third worker mid-run twice, restarting it each time.
    const completed = async () =>
      (
        (await (
          await fetch(`${urls[0]}/jobs?name=pcap-export&state=completed&limit=1000`)
        ).json()) as { jobs: JobView[] }
      ).jobs.length;
    for (const target of [40, 120]) {
      await waitFor(`${target} completed exports`, async () => (await completed()) >= target);
      const victim = workers[2] as SpawnedWorker;
      victim.child.kill('SIGKILL');
      expect((await victim.exited).signal).toBe('SIGKILL');
      workers[2] = start();
      killed.push(victim);
      await workers[2].url;
    }

    const jobs = await waitFor(
      '300 completed exports',
      async () => {
        const list = (await (
          await fetch(`${urls[1]}/jobs?name=pcap-export&state=completed&limit=1000`)
        ).json()) as { jobs: JobView[] };
        return list.jobs.length === 300 ? list.jobs : undefined;
      },
      140_000,
      1_000,
    ).catch(async (error) => {
      const all = (await (await fetch(`${urls[0]}/jobs?name=pcap-export&limit=1000`)).json()) as {
        jobs: JobView[];
      };
      const open = all.jobs.filter((j) => j.state !== 'completed');
      const api = emulator.requests.filter((r) => r.path.startsWith('/api/')).length;
      throw new Error(
        `${(error as Error).message}; ${api} API requests; not completed: ${JSON.stringify(open.slice(0, 5))} (${open.length})`,
      );
    });
    // Exactly once in the output: one valid file per job, nothing else, no partial files.
    const results = jobs.map((j) => j.output as { path: string; bytes: number; sha256: string });
    for (const result of results) checkPcap(result);
    const files = filesUnder(outputDir);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(files.sort()).toEqual(results.map((r) => r.path).sort());
    // The killed worker's jobs were handed back by the others.
    const handedBack = [...workers, ...killed]
      .map((w) =>
        Number(
          /"jobs":(\d+),"msg":"handed back the jobs of a vanished worker"/.exec(w.output())?.[1] ??
            0,
        ),
      )
      .reduce((a, b) => a + b, 0);
    expect(handedBack).toBeGreaterThan(0);

    // The work was shared: the first two workers and at least one incarnation of the third.
    const completers = [...workers, ...killed].filter((w) =>
      w.output().includes('"msg":"job completed"'),
    );
    expect(completers.length).toBeGreaterThanOrEqual(3);
    // The API saw no more than the budget in any minute, and the budget did hold the work back.
    const api = emulator.requests.filter((r) => r.path.startsWith('/api/'));
    const times = api.map((r) => Date.parse(r.time));
    expect(api.length).toBeGreaterThan(BUDGET);
    expect(busiestWindow(times, 60_000)).toBeLessThanOrEqual(BUDGET);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(60_000);

    for (const worker of workers) worker.child.kill('SIGTERM');
    for (const worker of workers) expect((await worker.exited).code).toBe(0);
  }, 170_000);
});
