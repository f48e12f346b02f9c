// The jobs in one embedded worker against the emulator: rollouts (window, maxParallel, stop at the
// first failure), the SIP archive (overlap, dedup, search), permanent failures (4xx, readiness
// deadline) and a graceful stop that aborts and hands back a running job.
import { createEmulator, type Emulator } from '@telephony-kit/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RolloutView } from '../src/jobs/site-reboot';
import type { JobView } from '../src/queue';
import { startWorker, type WorkerHandle } from '../src/worker';
import { exportsOf, filesUnder, settingsFor, tempDir, waitFor } from './helpers';

const REBOOT = 'postTelephonyProvidersEdgesSiteSchedulereboot';

describe('jobs on an embedded worker', () => {
  let emulator: Emulator;
  let worker: WorkerHandle;
  const outputDir = tempDir('jobs-out');

  beforeAll(async () => {
    emulator = await createEmulator({ rateLimit: false, pcapReadyAfterMs: 200 });
    worker = await startWorker(
      settingsFor(emulator, [
        '--data-dir',
        tempDir('jobs-data'),
        '--output-dir',
        outputDir,
        '--requests-per-minute',
        '0',
        '--pcap-poll-interval',
        '100ms',
        '--pcap-ready-timeout',
        '1500ms',
        '--retry-delay',
        '1s',
        '--archive-cron',
        'off',
      ]),
      { pollIntervalMs: 100 },
    );
  });

  beforeEach(() => emulator.reset());

  afterAll(async () => {
    await worker?.stop({ timeoutMs: 1_000 });
    await emulator?.close();
  });

  const rolloutEnd = (id: string) =>
    waitFor(`rollout ${id} to end`, async () => {
      const view = await worker.rollouts.get(id);
      return view && ['completed', 'failed', 'stopped'].includes(view.state) ? view : undefined;
    });

  const now = () => Date.now();
  const openWindow = () => ({
    start: new Date(now() - 3_600_000).toISOString(),
    end: new Date(now() + 3_600_000).toISOString(),
    timezone: 'America/New_York',
  });

  it('reboots every site once, maxParallel at a time', async () => {
    const sites = emulator.dataset.sites.map((s) => s.siteId);
    const { id } = await worker.rollouts.create({
      siteIds: sites,
      window: openWindow(),
      maxParallel: 2,
      pauseBetween: 0.3,
    });
    const rollout: RolloutView = await rolloutEnd(id);
    expect(rollout.state).toBe('completed');
    expect(rollout.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done']);
    expect(emulator.reboots.map((r) => r.siteId).sort()).toEqual([...sites].sort());
    // Two batches of two: the second pair was requested after the first pair's pause.
    const times = emulator.requests
      .filter((r) => r.operationId === REBOOT)
      .map((r) => Date.parse(r.time));
    expect(times).toHaveLength(4);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(300);
    expect((await worker.rollouts.list()).map((r) => r.id)).toContain(id);
  });

  it('stops at the first failure and reboots nothing after it', async () => {
    const [first, second] = emulator.dataset.sites.map((s) => s.siteId);
    const { id } = await worker.rollouts.create({
      siteIds: [first, 'no-such-site', second],
      window: openWindow(),
    });
    const rollout = await rolloutEnd(id);
    expect(rollout.state).toBe('failed');
    expect(rollout.steps.map((s) => s.state)).toEqual(['done', 'failed', 'pending']);
    expect(rollout.steps[1]?.error).toMatch(/404|not found/i);
    expect(rollout.error).toMatch(/no-such-site/);
    expect(emulator.reboots.map((r) => r.siteId)).toEqual([first]);
  });

  it('waits for the window: nothing is rebooted outside it', async () => {
    const { id } = await worker.rollouts.create({
      siteIds: [emulator.dataset.sites[0]?.siteId],
      window: {
        start: new Date(now() + 3_600_000).toISOString(),
        end: new Date(now() + 7_200_000).toISOString(),
        timezone: 'UTC',
      },
    });
    const waiting = await waitFor('the first batch to defer', async () => {
      const jobs = await worker.queue.list({ name: 'site-reboot', limit: 1000 });
      return jobs.find(
        (j) =>
          (j.data as { rolloutId: string }).rolloutId === id &&
          j.state === 'completed' &&
          (j.output as { state: string }).state === 'waiting',
      );
    });
    const next = Date.parse((waiting.output as { nextBatchAt: string }).nextBatchAt);
    expect(Math.abs(next - (now() + 3_600_000))).toBeLessThan(60_000);
    const view = await worker.rollouts.get(id);
    expect(view?.state).toBe('scheduled');
    expect(view?.steps[0]?.state).toBe('pending');
    expect(emulator.reboots).toHaveLength(0);
  });

  it('refuses a rollout with a clear message', async () => {
    await expect(
      worker.rollouts.create({
        siteIds: ['a'],
        window: { start: '02:00', end: '04:00', timezone: 'Mars/Olympus' },
      }),
    ).rejects.toThrow(/not an IANA time zone/);
    await expect(
      worker.rollouts.create({
        siteIds: ['a', 'a'],
        window: { start: '02:00', end: '04:00', timezone: 'UTC' },
      }),
    ).rejects.toThrow(/must not repeat/);
    await expect(
      worker.rollouts.create({
        siteIds: ['a'],
        window: { start: '2026-11-28T04:00', end: '2026-11-28T02:00', timezone: 'UTC' },
      }),
    ).rejects.toThrow(/end must be after/);
  });

  it('archives SIP records with overlap, without duplicates, and finds them', async () => {
    const end = new Date(now() + 60_000);
    const middle = new Date(end.getTime() - 36 * 3_600_000);
    const start = new Date(end.getTime() - 4 * 86_400_000);
    // Two runs whose ranges overlap by an hour.
    const first = await worker.queue.enqueue('sip-archive', {
      dateStart: start.toISOString(),
      dateEnd: new Date(middle.getTime() + 3_600_000).toISOString(),
    });
    const firstJob = await waitFor('the first archive run', async () => {
      const job = await worker.queue.get(first.id);
      return job?.state === 'completed' ? job : undefined;
    });
    const second = await worker.queue.enqueue('sip-archive', {
      dateStart: middle.toISOString(),
      dateEnd: end.toISOString(),
    });
    const secondJob = await waitFor('the second archive run', async () => {
      const job = await worker.queue.get(second.id);
      return job?.state === 'completed' ? job : undefined;
    });
    const a = firstJob.output as { fetched: number; inserted: number };
    const b = secondJob.output as { fetched: number; inserted: number };
    const total = emulator.dataset.records.length;
    // The overlap was fetched twice and stored once.
    expect(a.inserted + b.inserted).toBe(total);
    expect(a.fetched + b.fetched).toBeGreaterThan(total);
    expect(b.inserted).toBeLessThan(b.fetched);

    const conversation = emulator.dataset.conversations[5];
    const found = await worker.archive.search({ conversationId: conversation?.conversationId });
    const expected = emulator.dataset.records.filter(
      (r) => r.conversationId === conversation?.conversationId,
    );
    expect(found.length).toBe(expected.length);
    expect(found.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const limited = await worker.archive.search({ limit: 3, from: start, to: end });
    expect(limited).toHaveLength(3);
  });

  it('fails an export whose capture never becomes ready after the deadline, without retrying', async () => {
    emulator.setFaults([{ pcap: 'never-ready' }]);
    const [data] = exportsOf(emulator, 1);
    const { id } = await worker.queue.enqueue('pcap-export', data);
    const job: JobView = await waitFor('the export to fail', async () => {
      const view = await worker.queue.get(id);
      return view?.state === 'failed' ? view : undefined;
    });
    expect(job.retryCount).toBe(0);
    expect((job.output as { message: string }).message).toMatch(
      /not ready .* after it was requested/,
    );
  });

  it('validates jobs with clear messages', async () => {
    await expect(
      worker.queue.enqueue('pcap-export', {
        dateStart: '2026-11-26T00:00:00Z',
        dateEnd: '2026-11-26T01:00:00Z',
      }),
    ).rejects.toThrow(/at least one of conversationId, callId, toUser and fromUser/);
    await expect(
      worker.queue.enqueue('pcap-export', {
        conversationId: 'not-a-uuid',
        dateStart: '2026-11-26T00:00:00Z',
        dateEnd: '2026-11-26T01:00:00Z',
      }),
    ).rejects.toThrow(/not a UUID/);
    await expect(
      worker.queue.enqueue('pcap-export', {
        toUser: '+3212345678',
        dateStart: '2026-11-26T02:00:00Z',
        dateEnd: '2026-11-26T01:00:00Z',
      }),
    ).rejects.toThrow(/must be after dateStart/);
    await expect(worker.queue.enqueue('nope' as 'pcap-export', {})).rejects.toThrow(
      /Unknown job type/,
    );
    // Written differently, the same export is the same job.
    const [data] = exportsOf(emulator, 1);
    emulator.setFaults([{ pcap: 'never-ready' }]);
    const a = await worker.queue.enqueue('pcap-export', { ...data, callId: 'x' });
    const b = await worker.queue.enqueue('pcap-export', {
      ...data,
      callId: ' x ',
      dateStart: data?.dateStart.replace('Z', '+00:00'),
    });
    expect(b).toEqual({ id: a.id, duplicate: true });
    expect(await worker.queue.cancel(a.id)).toBe(true);
    expect((await worker.queue.get(a.id))?.state).toBe('cancelled');
  });

  it('stops gracefully: aborts a running job after the timeout and hands it back', async () => {
    emulator.setFaults([{ pcap: 'never-ready' }]);
    const [, data] = exportsOf(emulator, 2);
    const { id } = await worker.queue.enqueue('pcap-export', {
      ...data,
      dateEnd: new Date(Date.parse(data?.dateEnd as string) + 1_000).toISOString(),
    });
    await waitFor(
      'the export to run',
      async () => (await worker.queue.get(id))?.state === 'active',
    );
    const first = worker.stop({ timeoutMs: 200 });
    const second = worker.stop({ timeoutMs: 200 });
    await Promise.all([first, second]);
    expect(worker.ready()).toBe(false);
    expect(filesUnder(outputDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});

describe('an export refused by the platform', () => {
  it('fails at once with the platform message (403, no retry)', async () => {
    const emulator = await createEmulator({ rateLimit: false });
    const worker = await startWorker(
      settingsFor(
        emulator,
        ['--data-dir', tempDir('viewer'), '--requests-per-minute', '0', '--archive-cron', 'off'],
        {
          GENESYSCLOUD_OAUTHCLIENT_ID: emulator.credentials.viewer.clientId,
          GENESYSCLOUD_OAUTHCLIENT_SECRET: emulator.credentials.viewer.clientSecret,
        },
      ),
      { pollIntervalMs: 100 },
    );
    try {
      const [data] = exportsOf(emulator, 1);
      const { id } = await worker.queue.enqueue('pcap-export', data);
      const job = await waitFor('the export to fail', async () => {
        const view = await worker.queue.get(id);
        return view?.state === 'failed' ? view : undefined;
      });
      const output = job.output as { status: number; message: string; permanent: boolean };
      expect(output.status).toBe(403);
      expect(output.permanent).toBe(true);
      expect(output.message).toMatch(/telephony:pcap:add/);
      expect(job.retryCount).toBe(0);
      const posts = emulator.requests.filter(
        (r) => r.operationId === 'postTelephonySiptracesDownload',
      );
      expect(posts).toHaveLength(1);
    } finally {
      await worker.stop({ timeoutMs: 1_000 });
      await emulator.close();
    }
  });
});
