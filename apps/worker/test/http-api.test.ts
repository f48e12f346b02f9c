// The HTTP layer over an in-memory WorkerHandle: auth, validation, limits, routing and errors.
// (test/http-worker.test.ts runs the same API over a real worker, PGlite and the emulator.)
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpServer, startHttpServer } from '../src/http';
import { createWorkerMetrics, metricNames } from '../src/metrics';
import { createFakeWorker, type FakeWorker } from './fake-worker';
import { parsePrometheusText } from './prometheus-text';

const TOKEN = 'test-token-0123456789abcdef';
const CONVERSATION = '3f2c8a1e-5b7d-4e9f-a0c1-2d3e4f5a6b7c';
const EXPORT = {
  conversationId: CONVERSATION,
  dateStart: '2026-11-26T08:00:00Z',
  dateEnd: '2026-11-26T10:00:00Z',
};

const servers: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(
  options: { token?: string; maxBodyBytes?: number; worker?: FakeWorker } = {},
): Promise<{ server: HttpServer; worker: FakeWorker }> {
  const worker = options.worker ?? createFakeWorker({ metrics: createWorkerMetrics() });
  const server = await startHttpServer({
    worker,
    port: 0,
    token: options.token,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
  servers.push(server);
  return { server, worker };
}

async function call(
  server: HttpServer,
  method: string,
  path: string,
  init: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(server.url + path, { method, headers, body });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A request through node:http, which may set Host and stream a body of unknown length. */
function raw(
  server: HttpServer,
  options: { method: string; path: string; headers?: Record<string, string>; chunks?: Buffer[] },
): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('binding and authentication', () => {
  it('refuses a non-loopback address without a token, and with a short one', async () => {
    const worker = createFakeWorker();
    await expect(startHttpServer({ worker, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /without a token.*TELEPHONY_WORKER_TOKEN/s,
    );
    await expect(
      startHttpServer({ worker, host: '0.0.0.0', port: 0, token: 'short' }),
    ).rejects.toThrow(/too short.*at least 16 characters/);
  });

  it('listens on 127.0.0.1 by default', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 401 without a token and with a wrong one, and serves the right one', async () => {
    const { server } = await start({ token: TOKEN });
    const missing = await call(server, 'GET', '/jobs');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.json).toMatchObject({
      error: 'unauthorized',
      message: expect.stringMatching(/Authorization: Bearer/),
    });
    const wrong = await call(server, 'GET', '/jobs', { token: `${TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain(TOKEN);
    expect((await call(server, 'GET', '/jobs', { headers: { authorization: TOKEN } })).status).toBe(
      401,
    );
    expect((await call(server, 'GET', '/metrics')).status).toBe(401);
    const right = await call(server, 'GET', '/jobs', { token: TOKEN });
    expect(right.status).toBe(200);
    expect(right.json).toEqual({ jobs: [] });
    // The scheme is case-insensitive.
    expect(
      (await call(server, 'GET', '/jobs', { headers: { authorization: `bearer ${TOKEN}` } }))
        .status,
    ).toBe(200);
  });

  it('trims the configured token as the commands trim theirs (a file ends with a newline)', async () => {
    const { server } = await start({ token: `${TOKEN}\n` });
    expect((await call(server, 'GET', '/jobs', { token: TOKEN })).status).toBe(200);
  });

  it('keeps the probes open', async () => {
    const { server, worker } = await start({ token: TOKEN });
    expect(await call(server, 'GET', '/healthz')).toMatchObject({
      status: 200,
      json: { status: 'ok' },
    });
    expect(await call(server, 'GET', '/readyz')).toMatchObject({
      status: 200,
      json: { ready: true },
    });
    worker.setReady(false);
    const notReady = await call(server, 'GET', '/readyz');
    expect(notReady).toMatchObject({ status: 503, json: { ready: false } });
  });

  it('without a token, answers only loopback Host names and same-machine origins', async () => {
    const { server } = await start();
    expect((await call(server, 'GET', '/jobs')).status).toBe(200);
    const port = new URL(server.url).port;
    const rebinding = await raw(server, {
      method: 'GET',
      path: '/jobs',
      headers: { host: `evil.example:${port}` },
    });
    expect(rebinding.status).toBe(403);
    expect(JSON.parse(rebinding.body)).toMatchObject({
      error: 'forbidden',
      message: expect.stringMatching(/TELEPHONY_WORKER_TOKEN/),
    });
    const localhost = await raw(server, {
      method: 'GET',
      path: '/jobs',
      headers: { host: `localhost:${port}` },
    });
    expect(localhost.status).toBe(200);
    const crossSite = await call(server, 'GET', '/jobs', {
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('requests', () => {
  it('validates a pcap-export body and names every field that is wrong', async () => {
    const { server } = await start();
    const empty = await call(server, 'POST', '/jobs/pcap-export', { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.error).toBe('validation_failed');
    expect(empty.json.details.map((d: any) => d.field)).toEqual(['dateStart', 'dateEnd']);
    expect(empty.json.message).toMatch(/dateStart.*ISO-8601/);

    const bad = await call(server, 'POST', '/jobs/pcap-export', {
      body: { ...EXPORT, conversationId: 'abc', colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.details).toEqual(
      expect.arrayContaining([
        { field: 'conversationId', message: expect.stringMatching(/must be a UUID/) },
        { field: '(body)', message: expect.stringMatching(/unknown field colour/) },
      ]),
    );

    const reversed = await call(server, 'POST', '/jobs/pcap-export', {
      body: { ...EXPORT, dateStart: EXPORT.dateEnd, dateEnd: EXPORT.dateStart },
    });
    expect(reversed.json.details).toEqual([
      { field: 'dateEnd', message: expect.stringMatching(/after dateStart/) },
    ]);

    const noFilter = await call(server, 'POST', '/jobs/pcap-export', {
      body: { dateStart: EXPORT.dateStart, dateEnd: EXPORT.dateEnd },
    });
    expect(noFilter.json.details[0].message).toMatch(
      /at least one of conversationId, callId, toUser, fromUser/,
    );

    const batch = await call(server, 'POST', '/jobs/pcap-export', {
      body: [EXPORT, { ...EXPORT, dateStart: 'yesterday' }],
    });
    expect(batch.status).toBe(400);
    expect(batch.json.details).toEqual([
      { field: '[1].dateStart', message: expect.stringMatching(/ISO-8601/) },
    ]);

    const scalar = await call(server, 'POST', '/jobs/pcap-export', { body: '"hello"' });
    expect(scalar.json.details[0].message).toMatch(/an object \(one export\) or an array of them/);
  });

  it('enqueues one export or a batch and reports duplicates', async () => {
    const { server, worker } = await start();
    const first = await call(server, 'POST', '/jobs/pcap-export', { body: EXPORT });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ id: expect.any(String), name: 'pcap-export', duplicate: false });
    const again = await call(server, 'POST', '/jobs/pcap-export', { body: EXPORT });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: first.json.id, name: 'pcap-export', duplicate: true });

    const other = { callId: 'abc@10.0.0.1', dateStart: EXPORT.dateStart, dateEnd: EXPORT.dateEnd };
    const batch = await call(server, 'POST', '/jobs/pcap-export', { body: [EXPORT, other] });
    expect(batch.status).toBe(201);
    expect(batch.json).toMatchObject({ created: 1, duplicates: 1 });
    expect(batch.json.jobs).toEqual([
      { id: first.json.id, duplicate: true },
      { id: expect.any(String), duplicate: false },
    ]);
    expect(worker.jobs.size).toBe(2);
    const allDuplicates = await call(server, 'POST', '/jobs/pcap-export', {
      body: [EXPORT, other],
    });
    expect(allDuplicates.status).toBe(200);
  });

  it("passes on the engine's own validation errors as 400s", async () => {
    const { server } = await start();
    const refused = await call(server, 'POST', '/jobs/pcap-export', {
      body: [
        EXPORT,
        { toUser: 'engine-refuses', dateStart: EXPORT.dateStart, dateEnd: EXPORT.dateEnd },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/Request 1 was refused.*the 1 before it were enqueued/);
    expect(refused.json.details).toEqual([
      { field: '[1].toUser', message: expect.stringMatching(/refused/) },
    ]);
  });

  it('answers 415 for a body that is not JSON, 400 for broken JSON, 413 for a large body', async () => {
    const { server } = await start({ maxBodyBytes: 1000 });
    const text = await call(server, 'POST', '/jobs/pcap-export', {
      body: 'conversationId=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    expect(text.json).toMatchObject({
      error: 'unsupported_media_type',
      message: expect.stringMatching(/application\/json/),
    });
    const untyped = await raw(server, {
      method: 'POST',
      path: '/jobs/pcap-export',
      chunks: [Buffer.from('{}')],
    });
    expect(untyped.status).toBe(415);

    const broken = await call(server, 'POST', '/jobs/pcap-export', { body: '{"conversationId": ' });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toBe('invalid_json');

    const big = [EXPORT, EXPORT, EXPORT, EXPORT, EXPORT, EXPORT, EXPORT, EXPORT, EXPORT, EXPORT];
    const declared = await call(server, 'POST', '/jobs/pcap-export', { body: big });
    expect(declared.status).toBe(413);
    expect(declared.json.error).toBe('payload_too_large');
    // Streamed without a Content-Length: counted as it arrives.
    const streamed = await raw(server, {
      method: 'POST',
      path: '/jobs/pcap-export',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks: Array.from({ length: 10 }, () =>
        Buffer.from(JSON.stringify(EXPORT).padEnd(200, ' ')),
      ),
    });
    expect(streamed.status).toBe(413);
  });

  it('answers 404 for unknown routes and ids, 405 with Allow for a wrong method', async () => {
    const { server } = await start();
    const unknown = await call(server, 'GET', '/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('not_found');
    const method = await call(server, 'DELETE', '/jobs');
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET');
    expect(method.json.error).toBe('method_not_allowed');
    expect(
      (await call(server, 'PUT', '/jobs/pcap-export', { body: EXPORT })).headers.get('allow'),
    ).toBe('POST');
    expect((await call(server, 'GET', '/jobs/not-a-uuid')).status).toBe(400);
    const missing = await call(server, 'GET', `/jobs/${CONVERSATION}`);
    expect(missing.status).toBe(404);
    expect(missing.json.message).toMatch(/No job/);
    expect((await call(server, 'DELETE', `/jobs/${CONVERSATION}`)).status).toBe(404);
    expect((await call(server, 'GET', '/rollouts/nope')).status).toBe(404);
  });

  it('validates query strings', async () => {
    const { server } = await start();
    const state = await call(server, 'GET', '/jobs?state=done');
    expect(state.status).toBe(400);
    expect(state.json.details).toEqual([
      { field: 'query.state', message: expect.stringMatching(/created, retry, active/) },
    ]);
    const unknown = await call(server, 'GET', '/jobs?status=failed');
    expect(unknown.json.details[0].message).toMatch(/unknown field status/);
    expect((await call(server, 'GET', '/jobs?limit=0')).json.details[0]).toEqual({
      field: 'query.limit',
      message: expect.stringMatching(/at least 1/),
    });
    expect((await call(server, 'GET', '/jobs?limit=ten')).status).toBe(400);
    expect((await call(server, 'GET', '/jobs?state=failed&state=active')).status).toBe(400);
    expect((await call(server, 'GET', '/jobs?state=failed&name=pcap-export&limit=5')).status).toBe(
      200,
    );
    const archive = await call(
      server,
      'GET',
      '/archive/siptraces?conversationId=x&from=2026-11-26',
    );
    expect(archive.status).toBe(400);
    expect(archive.json.details.map((d: any) => d.field)).toEqual([
      'query.conversationId',
      'query.from',
    ]);
  });

  it('cancels a job once, then answers 409', async () => {
    const { server } = await start();
    const { json } = await call(server, 'POST', '/jobs/pcap-export', { body: EXPORT });
    const cancelled = await call(server, 'DELETE', `/jobs/${json.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({
      id: json.id,
      cancelled: true,
      job: { state: 'cancelled' },
    });
    const again = await call(server, 'DELETE', `/jobs/${json.id}`);
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch(/is cancelled: only created, retry or active jobs/);
    expect((await call(server, 'GET', '/jobs?state=cancelled')).json.jobs).toHaveLength(1);
  });

  it('answers 503 while the worker is not ready, and 500 without details when the engine fails', async () => {
    const { server, worker } = await start();
    worker.setReady(false);
    const notReady = await call(server, 'GET', '/jobs');
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('retry-after')).toBe('1');
    worker.setReady(true);
    worker.failNext(new Error('connection to postgres://admin:hunter2@db failed'));
    const failed = await call(server, 'GET', '/jobs');
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({
      error: 'internal_error',
      message: expect.stringMatching(/see its log for request/),
    });
    expect(failed.text).not.toMatch(/hunter2|postgres|at .*\.ts/);
    expect(failed.json.message).toContain(failed.headers.get('x-request-id'));
  });

  it('creates, lists and shows rollouts, and validates them', async () => {
    const { server } = await start();
    const body = {
      siteIds: ['site-a', 'site-b'],
      window: {
        start: '2026-11-28T01:00:00Z',
        end: '2026-11-28T05:00:00Z',
        timezone: 'Europe/London',
      },
      maxParallel: 1,
      pauseBetween: '5m',
    };
    const created = await call(server, 'POST', '/rollouts', { body });
    expect(created.status).toBe(201);
    expect(created.json.rollout.steps.map((s: any) => s.siteId)).toEqual(['site-a', 'site-b']);
    expect((await call(server, 'GET', '/rollouts')).json.rollouts).toHaveLength(1);
    expect((await call(server, 'GET', `/rollouts/${created.json.id}`)).json.id).toBe(
      created.json.id,
    );
    const bad = await call(server, 'POST', '/rollouts', {
      body: { ...body, siteIds: [], window: { ...body.window, timezone: 'Mars/Olympus' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.details.map((d: any) => d.field)).toEqual(['siteIds', 'window.timezone']);
  });

  it('searches the archive', async () => {
    const worker = createFakeWorker({
      records: [
        { id: 'r1', conversationId: CONVERSATION, method: 'INVITE' } as any,
        { id: 'r2', method: 'BYE' } as any,
      ],
    });
    const { server } = await start({ worker });
    const found = await call(
      server,
      'GET',
      `/archive/siptraces?conversationId=${CONVERSATION}&from=2026-11-26T00:00:00Z&limit=10`,
    );
    expect(found.status).toBe(200);
    expect(found.json).toEqual({ records: [expect.objectContaining({ id: 'r1' })], count: 1 });
  });
});

describe('metrics', () => {
  it('serves Prometheus text with every series', async () => {
    const metrics = createWorkerMetrics();
    const worker = createFakeWorker({ metrics });
    const { server } = await start({ worker });
    metrics.jobFinished('pcap-export', 'completed', 1.5);
    metrics.apiRequest(200);
    metrics.apiRequest(429);
    metrics.rateLimitWait(2500);
    metrics.bytesDownloaded(7123);
    await call(server, 'POST', '/jobs/pcap-export', { body: EXPORT });
    await call(server, 'GET', '/nope');
    const response = await call(server, 'GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(response.text);
    const value = (name: string, labels: Record<string, string> = {}) =>
      samples.find(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      )?.value;
    expect(value(metricNames.jobs, { name: 'pcap-export', state: 'created' })).toBe(1);
    expect(
      value(`${metricNames.jobDuration}_count`, { name: 'pcap-export', state: 'completed' }),
    ).toBe(1);
    expect(
      value(`${metricNames.jobDuration}_sum`, { name: 'pcap-export', state: 'completed' }),
    ).toBe(1.5);
    expect(value(metricNames.apiRequests, { status: '429' })).toBe(1);
    expect(value(metricNames.rateLimitWait)).toBe(2.5);
    expect(value(metricNames.rateLimitWaits)).toBe(1);
    expect(value(metricNames.bytesDownloaded)).toBe(7123);
    expect(
      value(metricNames.httpRequests, {
        method: 'POST',
        route: '/jobs/pcap-export',
        status: '201',
      }),
    ).toBe(1);
    expect(value(metricNames.httpRequests, { route: 'unmatched', status: '404' })).toBe(1);
    expect(value('telephony_worker_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
