// The HTTP API over a real worker: startWorker on embedded PGlite in a temp dir, the emulator as
// the Telephony API. Enqueued exports complete, duplicates run once, cancel, rollouts reboot the
// emulator's sites, the archive answers what sip-archive stored, and /metrics counts all of it.
import { existsSync } from 'node:fs';
import { createEmulator, type Emulator } from '@telephony-kit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpServer, startHttpServer } from '../src/http';
import { createWorkerMetrics, metricNames } from '../src/metrics';
import type { JobView } from '../src/queue';
import { startWorker, type WorkerHandle } from '../src/worker';
import { checkPcap, exportsOf, settingsFor, tempDir, waitFor } from './helpers';
import { parsePrometheusText } from './prometheus-text';

const TOKEN = 'worker-http-test-token-0123456789';

describe('the HTTP API over a real worker (PGlite + emulator)', () => {
  let emulator: Emulator;
  let worker: WorkerHandle;
  let server: HttpServer;

  beforeAll(async () => {
    emulator = await createEmulator({ rateLimit: false, pcapReadyAfterMs: 300 });
    const metrics = createWorkerMetrics();
    worker = await startWorker(
      settingsFor(emulator, [
        '--data-dir',
        tempDir('http-data'),
        '--output-dir',
        tempDir('http-out'),
        '--requests-per-minute',
        '0',
        '--pcap-poll-interval',
        '100ms',
        '--retry-delay',
        '1s',
        '--archive-cron',
        'off',
      ]),
      { metrics, pollIntervalMs: 200 },
    );
    server = await startHttpServer({ worker, port: 0, token: TOKEN, metrics });
  });

  afterAll(async () => {
    await server?.close();
    await worker?.stop({ timeoutMs: 5_000 });
    await emulator?.close();
  });

  async function call(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(server.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      json: text.startsWith('{') ? JSON.parse(text) : undefined,
    };
  }

  const jobState = async (id: string) => ((await call('GET', `/jobs/${id}`)).json as JobView).state;

  it('answers 401 without the token, also on a real worker', async () => {
    const response = await fetch(`${server.url}/jobs`);
    expect(response.status).toBe(401);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('runs an enqueued export to completion, once, and a batch after it', async () => {
    const [first, second, third] = exportsOf(emulator, 3) as [any, any, any];
    const created = await call('POST', '/jobs/pcap-export', first);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'pcap-export', duplicate: false });
    const { id } = created.json;

    await waitFor('the export to complete', async () => (await jobState(id)) === 'completed');
    const job = (await call('GET', `/jobs/${id}`)).json;
    expect(job).toMatchObject({ id, name: 'pcap-export', state: 'completed' });
    expect(existsSync(job.output.path)).toBe(true);
    checkPcap(job.output);

    const again = await call('POST', '/jobs/pcap-export', first);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id, name: 'pcap-export', duplicate: true });

    const batch = await call('POST', '/jobs/pcap-export', [first, second, third]);
    expect(batch.status).toBe(201);
    expect(batch.json).toMatchObject({ created: 2, duplicates: 1 });
    expect(batch.json.jobs[0]).toEqual({ id, duplicate: true });
    for (const { id: batchId } of batch.json.jobs) {
      await waitFor(
        `job ${batchId} to complete`,
        async () => (await jobState(batchId)) === 'completed',
      );
    }
    const downloads = emulator.requests.filter(
      (r) => r.operationId === 'postTelephonySiptracesDownload',
    );
    expect(downloads).toHaveLength(3);

    const listed = await call('GET', '/jobs?state=completed&name=pcap-export');
    expect(listed.json.jobs.map((j: JobView) => j.id).sort()).toEqual(
      batch.json.jobs.map((j: { id: string }) => j.id).sort(),
    );
  });

  it('refuses what the job itself refuses, with a 400', async () => {
    const [call1] = exportsOf(emulator, 1) as [any];
    const response = await call('POST', '/jobs/pcap-export', {
      ...call1,
      dateStart: '2026-13-45T00:00:00Z',
    });
    expect(response.status).toBe(400);
    expect(response.json.details[0].field).toBe('dateStart');
  });

  it('cancels a running export', async () => {
    emulator.setFaults([{ pcap: 'never-ready' }]);
    try {
      const [, , , fourth] = exportsOf(emulator, 4) as [any, any, any, any];
      const { json } = await call('POST', '/jobs/pcap-export', fourth);
      await waitFor('the export to start', async () => (await jobState(json.id)) === 'active');
      const cancelled = await call('DELETE', `/jobs/${json.id}`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.json).toMatchObject({
        id: json.id,
        cancelled: true,
        job: { state: 'cancelled' },
      });
      expect(await jobState(json.id)).toBe('cancelled');
      expect((await call('DELETE', `/jobs/${json.id}`)).status).toBe(409);
    } finally {
      emulator.setFaults([]);
    }
  });

  it('creates a rollout that reboots the sites, and shows it', async () => {
    const siteIds = emulator.dataset.sites.slice(0, 2).map((site) => site.siteId);
    const now = Date.now();
    const created = await call('POST', '/rollouts', {
      siteIds,
      window: {
        start: new Date(now - 60_000).toISOString(),
        end: new Date(now + 3_600_000).toISOString(),
        timezone: 'UTC',
      },
      pauseBetween: 0,
    });
    expect(created.status).toBe(201);
    const { id } = created.json;
    const done = await waitFor('the rollout to complete', async () => {
      const rollout = (await call('GET', `/rollouts/${id}`)).json;
      return rollout.state === 'completed' ? rollout : undefined;
    });
    expect(done.steps).toEqual(
      siteIds.map((siteId) => expect.objectContaining({ siteId, state: 'done' })),
    );
    expect(emulator.reboots.map((r) => r.siteId).sort()).toEqual([...siteIds].sort());
    expect(
      (await call('GET', '/rollouts')).json.rollouts.map((r: { id: string }) => r.id),
    ).toContain(id);

    const refused = await call('POST', '/rollouts', {
      siteIds,
      window: { start: '02:00', end: '2026-11-28T05:00', timezone: 'UTC' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.details[0]).toMatchObject({
      field: 'window.end',
      message: expect.stringMatching(/both be times of day/),
    });
  });

  it('searches the SIP records that sip-archive stored', async () => {
    const now = Date.now();
    const { id } = await worker.queue.enqueue('sip-archive', {
      dateStart: new Date(now - 4 * 86_400_000).toISOString(),
      dateEnd: new Date(now).toISOString(),
    });
    await waitFor('the archive run', async () => (await jobState(id)) === 'completed');
    const conversation = emulator.dataset.conversations[0] as { conversationId: string };
    const expected = emulator.dataset.records.filter(
      (r) => r.conversationId === conversation.conversationId,
    );
    expect(expected.length).toBeGreaterThan(0);
    const found = await call(
      'GET',
      `/archive/siptraces?conversationId=${conversation.conversationId}`,
    );
    expect(found.status).toBe(200);
    expect(found.json.count).toBe(expected.length);
    expect(found.json.records.map((r: { id: string }) => r.id).sort()).toEqual(
      expected.map((r) => r.id).sort(),
    );
    const limited = await call(
      'GET',
      `/archive/siptraces?conversationId=${conversation.conversationId}&limit=1`,
    );
    expect(limited.json.count).toBe(1);
  });

  it('exposes the jobs, durations, API requests and bytes as Prometheus metrics', async () => {
    const { status, text } = await call('GET', '/metrics');
    expect(status).toBe(200);
    const samples = parsePrometheusText(text);
    const value = (name: string, labels: Record<string, string> = {}) =>
      samples
        .filter(
          (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
        )
        .reduce((sum, s) => sum + s.value, 0);
    expect(value(metricNames.jobs, { name: 'pcap-export', state: 'completed' })).toBe(3);
    expect(value(metricNames.jobs, { name: 'pcap-export', state: 'cancelled' })).toBe(1);
    expect(
      value(`${metricNames.jobDuration}_count`, { name: 'pcap-export', state: 'completed' }),
    ).toBe(3);
    expect(value(metricNames.apiRequests, { status: '200' })).toBeGreaterThan(0);
    expect(value(metricNames.bytesDownloaded)).toBeGreaterThan(0);
    expect(
      value(metricNames.httpRequests, { route: '/jobs/pcap-export', status: '201' }),
    ).toBeGreaterThan(0);
  });

  it('is not ready once the worker stops', async () => {
    await worker.stop({ timeoutMs: 5_000 });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await call('GET', '/jobs')).status).toBe(503);
    // Metrics stay available, without the job counts the closed database cannot give.
    const metrics = await call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    const samples = parsePrometheusText(metrics.text);
    expect(samples.some((s) => s.name === metricNames.jobs)).toBe(false);
    expect(samples.some((s) => s.name === metricNames.bytesDownloaded && s.value > 0)).toBe(true);
  });
});
