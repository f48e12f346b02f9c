// The built `telephony-worker start` on embedded PGlite, killed with SIGKILL mid-run several times
// and restarted: every export completes exactly once in the output, no `.part` file survives, no
// site is rebooted twice. A second process on the same data directory is refused.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator, type Emulator } from '@telephony-kit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RolloutView } from '../src/jobs/site-reboot';
import type { JobView } from '../src/queue';
import {
  checkPcap,
  emulatorEnv,
  exportsOf,
  filesUnder,
  type SpawnedWorker,
  spawnWorker,
  tempDir,
  waitFor,
} from './helpers';

const REBOOT = 'postTelephonyProvidersEdgesSiteSchedulereboot';

describe('a worker killed mid-run', () => {
  let emulator: Emulator;
  const dataDir = tempDir('kill-data');
  const outputDir = tempDir('kill-out');
  const spawned: SpawnedWorker[] = [];

  beforeAll(async () => {
    emulator = await createEmulator({
      rateLimit: false,
      pcapReadyAfterMs: 400,
      pcapPadToBytes: 512 * 1024,
      // A slow reboot call, so that some kills land while one is in flight.
      faults: [{ operationId: REBOOT, latencyMs: 1_200 }],
    });
  });

  afterAll(async () => {
    for (const worker of spawned) worker.child.kill('SIGKILL');
    await emulator?.close();
  });

  const start = () => {
    const worker = spawnWorker(
      [
        '--base-url',
        emulator.url,
        '--data-dir',
        dataDir,
        '--output-dir',
        outputDir,
        '--port',
        '0',
        '--concurrency',
        '4',
        '--requests-per-minute',
        '0',
        '--pcap-poll-interval',
        '100ms',
        '--retry-delay',
        '1s',
        '--archive-cron',
        'off',
      ],
      emulatorEnv(emulator),
    );
    spawned.push(worker);
    return worker;
  };

  const api = async <T>(url: string, path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json' },
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return body as T;
  };

  const completed = async (url: string) =>
    (await api<{ jobs: JobView[] }>(url, '/jobs?name=pcap-export&state=completed&limit=1000')).jobs;

  it('refuses a second process on the same data directory, naming the owner', async () => {
    const first = start();
    await first.url;
    const second = start();
    const exit = await second.exited;
    expect(exit.code).toBe(1);
    expect(second.output()).toContain(`in use by worker process ${first.child.pid}`);
    expect(second.output()).toContain('DATABASE_URL');
    // The owner still works, and its lock file names it.
    const lock = JSON.parse(readFileSync(join(dataDir, 'worker.lock'), 'utf8'));
    expect(lock.pid).toBe(first.child.pid);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect(existsSync(join(dataDir, 'worker.lock'))).toBe(false);
  });

  it('completes every job exactly once across SIGKILLs and never repeats a reboot', async () => {
    let worker = start();
    let url = await worker.url;
    const requests = exportsOf(emulator, 60);
    const enqueued = await api<{ created: number }>(url, '/jobs/pcap-export', {
      method: 'POST',
      body: JSON.stringify(requests),
    });
    expect(enqueued.created).toBe(60);
    const now = Date.now();
    const sites = emulator.dataset.sites.map((s) => s.siteId);
    const { id: rolloutId } = await api<{ id: string }>(url, '/rollouts', {
      method: 'POST',
      body: JSON.stringify({
        siteIds: sites,
        window: {
          start: new Date(now - 3_600_000).toISOString(),
          end: new Date(now + 3_600_000).toISOString(),
          timezone: 'Europe/Paris',
        },
        maxParallel: 1,
        pauseBetween: '1s',
      }),
    });

    // Kill it three times as work progresses, restarting on the same directory each time: the
    // first time while a reboot request is in flight (its intent recorded, no outcome yet).
    for (const target of ['reboot', 25, 40] as const) {
      const current = url;
      if (target === 'reboot') {
        await waitFor(
          'a reboot in flight',
          async () =>
            (await api<RolloutView>(current, `/rollouts/${rolloutId}`)).steps.some(
              (s) => s.state === 'intent-recorded',
            ),
          90_000,
          20,
        );
      } else {
        await waitFor(
          `${target} completed exports`,
          async () => (await completed(current)).length >= target,
        );
      }
      worker.child.kill('SIGKILL');
      expect((await worker.exited).signal).toBe('SIGKILL');
      worker = start();
      url = await worker.url;
    }

    const final = url;
    const jobs = await waitFor('all 60 exports', async () => {
      const done = await completed(final);
      return done.length === 60 ? done : undefined;
    });
    const rollout = await waitFor('the rollout to end', async () => {
      const view = await api<RolloutView>(final, `/rollouts/${rolloutId}`);
      return ['completed', 'failed', 'stopped'].includes(view.state) ? view : undefined;
    });
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    // The kills did interrupt running jobs, which the restarted workers resumed.
    const interrupted = spawned
      .map((w) => Number(/"interrupted":(\d+)/.exec(w.output())?.[1] ?? 0))
      .reduce((a, b) => a + b, 0);
    expect(interrupted).toBeGreaterThan(0);

    // Exactly once in the output: one valid file per job, nothing else, no partial files.
    const results = jobs.map((j) => j.output as { path: string; bytes: number; sha256: string });
    for (const result of results) checkPcap(result);
    const files = filesUnder(outputDir);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(files.sort()).toEqual(results.map((r) => r.path).sort());
    expect(new Set(jobs.map((j) => j.id)).size).toBe(60);

    // At most once: no site was asked to reboot twice (a repeat would also answer 409).
    const rebootCalls = emulator.requests.filter((r) => r.operationId === REBOOT);
    const rebooted = emulator.reboots.map((r) => r.siteId);
    expect(new Set(rebooted).size).toBe(rebooted.length);
    expect(rebootCalls.every((r) => r.status !== 409)).toBe(true);
    for (const step of rollout.steps) {
      expect(['done', 'unknown', 'pending']).toContain(step.state);
      if (step.state === 'done') expect(rebooted).toContain(step.siteId);
    }
    // Stopped by the kill during a reboot call: that step is unknown (never sent again), and
    // nothing after it ran.
    expect(rollout.state).toBe('stopped');
    const unknown = rollout.steps.findIndex((s) => s.state === 'unknown');
    expect(unknown).toBeGreaterThanOrEqual(0);
    expect(rollout.steps.slice(0, unknown).every((s) => s.state === 'done')).toBe(true);
    expect(rollout.steps.slice(unknown + 1).every((s) => s.state === 'pending')).toBe(true);
    expect(rollout.error).toMatch(/unknown/);
    const unknownSite = sites[unknown] as string;
    expect(rebootCalls.filter((r) => r.path.includes(unknownSite)).length).toBeLessThanOrEqual(1);
  });
});
