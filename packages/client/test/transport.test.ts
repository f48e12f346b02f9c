// Retries, timeouts, aborts and rate limiting over real HTTP (node:http on 127.0.0.1, port 0).
import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createTelephonyClient,
  NetworkError,
  RateLimitError,
  type TelephonyClientOptions,
  TimeoutError,
} from '../src/index';
import { fastRetry, memoryLogger, recordingSleep, recordWaits, watchTimers } from './helpers/fast';
import {
  closedPort,
  errorBody,
  type Handler,
  sendJson,
  startServer,
  type TestServer,
} from './helpers/http-server';

const REGIONS = '/api/v2/telephony/mediaregions';
const DOWNLOAD = '/api/v2/telephony/siptraces/download';
const search = { dateStart: '2026-11-26T10:00:00.000Z', dateEnd: '2026-11-26T11:00:00.000Z' };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering each request to a path with the next of `script` (the last one repeats). */
async function scripted(script: Handler[]) {
  let n = 0;
  server = await startServer((req, res, raw) => {
    const step = script[Math.min(n++, script.length - 1)] as Handler;
    return step(req, res, raw);
  });
  return server;
}

function client(url: string, extra: Partial<TelephonyClientOptions> = {}) {
  const { waits, sleep } = recordingSleep();
  const { events, onWait } = recordWaits();
  const c = createTelephonyClient({
    baseUrl: url,
    auth: 'tok-1',
    retry: fastRetry,
    sleep,
    onWait,
    ...extra,
  } as TelephonyClientOptions);
  return { client: c, waits, events };
}

const ok: Handler = (_req, res) => sendJson(res, 200, { awsHomeRegion: 'us-east-1' });
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    sendJson(
      res,
      code,
      errorBody(code, code === 429 ? 'too.many.requests' : 'service.unavailable', 'try later'),
      headers,
    );
const reset: Handler = (_req, _res, raw) => {
  raw.socket.destroy();
};

describe('retries', () => {
  it('retries a 429 after Retry-After, and after 3 s when it is absent', async () => {
    const s = await scripted([status(429, { 'retry-after': '2' }), status(429), ok]);
    const { client: c, waits, events } = client(s.url);
    const data = await c.unwrap(c.GET(REGIONS));
    expect(data.awsHomeRegion).toBe('us-east-1');
    expect(s.requests).toHaveLength(3);
    expect(waits).toEqual([2000, 3000]);
    expect(events.map((e) => [e.reason, e.status, e.attempt])).toEqual([
      ['retry-after', 429, 1],
      ['retry-after', 429, 2],
    ]);
  });

  it('reports every wait to the logger too, without the token', async () => {
    const s = await scripted([status(503), status(429, { 'retry-after': '1' }), ok]);
    const { lines, logger } = memoryLogger();
    const { client: c } = client(s.url, { logger, auth: 'secret-token-123' });
    await c.unwrap(c.GET(REGIONS));
    const waits = lines.filter((line) => line.startsWith('warn'));
    expect(waits).toHaveLength(2);
    expect(waits[0]).toMatch(
      /GET \/api\/v2\/telephony\/mediaregions: waiting \d+ ms \(backoff after 503, attempt 1\)/,
    );
    expect(waits[1]).toMatch(/waiting 1000 ms \(retry-after after 429, attempt 2\)/);
    expect(lines.join('\n')).not.toContain('secret-token-123');
  });

  it('gives up with a RateLimitError when Retry-After exceeds maxRetryAfterMs', async () => {
    const s = await scripted([status(429, { 'retry-after': '600' })]);
    const { client: c, waits } = client(s.url, {
      retry: { ...fastRetry, maxRetryAfterMs: 60_000 },
    });
    const error = await c.unwrap(c.GET(REGIONS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 600_000, code: 'too.many.requests' });
    expect(s.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('rides out a 503 storm with backoff, bounded by maxRetries', async () => {
    const s = await scripted([status(503)]);
    const {
      client: c,
      waits,
      events,
    } = client(s.url, {
      retry: { ...fastRetry, baseDelayMs: 100, maxDelayMs: 300, maxRetries: 4 },
    });
    const error = await c.unwrap(c.GET(REGIONS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, retryable: true, code: 'service.unavailable' });
    expect(s.requests).toHaveLength(5);
    // base·2^n capped at 300, with jitter 0.5 → three quarters of it
    expect(waits).toEqual([75, 150, 225, 225]);
    expect(events.every((e) => e.reason === 'backoff' && e.status === 503)).toBe(true);
  });

  it('recovers from a few 502/504s', async () => {
    const s = await scripted([status(502), status(504), ok]);
    const { client: c } = client(s.url);
    await expect(c.unwrap(c.GET(REGIONS))).resolves.toMatchObject({ awsHomeRegion: 'us-east-1' });
    expect(s.requests).toHaveLength(3);
  });

  it('stops retrying when maxElapsedMs would be exceeded', async () => {
    const s = await scripted([status(429, { 'retry-after': '5' })]);
    const { client: c } = client(s.url, { retry: { ...fastRetry, maxElapsedMs: 4_000 } });
    await expect(c.unwrap(c.GET(REGIONS))).rejects.toBeInstanceOf(RateLimitError);
    expect(s.requests).toHaveLength(1);
  });

  it('does not retry a POST on 503 (it may have been processed), but does on 429', async () => {
    const s = await scripted([status(503)]);
    const { client: c } = client(s.url);
    const result = await c.POST(DOWNLOAD, { body: search });
    expect(result.response.status).toBe(503);
    expect(s.requests).toHaveLength(1);
    await s.close();

    const again = await scripted([
      status(429, { 'retry-after': '1' }),
      (_q, res) => sendJson(res, 202, { downloadId: 'd-1' }),
    ]);
    const second = client(again.url);
    await expect(
      second.client.unwrap(second.client.POST(DOWNLOAD, { body: search })),
    ).resolves.toEqual({
      downloadId: 'd-1',
    });
    expect(again.hits(DOWNLOAD).map((r) => JSON.parse(r.body))).toEqual([search, search]);
  });

  it('retries a GET after the server resets the connection', async () => {
    const s = await scripted([reset, reset, ok]);
    const { client: c, events } = client(s.url);
    await expect(c.unwrap(c.GET(REGIONS))).resolves.toMatchObject({ awsHomeRegion: 'us-east-1' });
    expect(s.requests).toHaveLength(3);
    expect(events.map((e) => e.reason)).toEqual(['backoff', 'backoff']);
  });

  it('does not retry a POST whose connection was reset, and says so with a NetworkError', async () => {
    const s = await scripted([reset, ok]);
    const { client: c } = client(s.url);
    const error = await c.POST(DOWNLOAD, { body: search }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ method: 'POST' });
    expect((error as Error).message).toMatch(/got no HTTP answer/);
    expect(s.requests).toHaveLength(1);
  });

  it('retries a POST whose connection was refused (ECONNREFUSED: never sent)', async () => {
    const port = await closedPort();
    const { client: c, events } = client(`http://127.0.0.1:${port}`, {
      retry: { ...fastRetry, maxRetries: 2 },
    });
    const error = await c.POST(DOWNLOAD, { body: search }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ systemCode: 'ECONNREFUSED' });
    expect(events).toHaveLength(2);
  });

  it('never retries with retry: false', async () => {
    const s = await scripted([status(503)]);
    const { client: c } = client(s.url, { retry: false });
    expect((await c.GET(REGIONS)).response.status).toBe(503);
    expect(s.requests).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  const hang: Handler = () => {}; // never answers

  it('throws a TimeoutError when an attempt takes longer than timeoutMs', async () => {
    const s = await scripted([hang]);
    const { client: c } = client(s.url, { timeoutMs: 50, retry: false });
    const error = await c.GET(REGIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50, method: 'GET', code: 'timeout' });
  });

  it('covers reading the body: a body that stalls after the headers is a TimeoutError', async () => {
    const stall: Handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"awsHomeRegion":'); // then nothing more
    };
    const s = await scripted([stall]);
    const { client: c } = client(s.url, { timeoutMs: 100, retry: false });
    const error = await c.GET(REGIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, method: 'GET', code: 'timeout' });
  });

  it('retries a GET that timed out, and succeeds', async () => {
    const s = await scripted([hang, ok]);
    const { client: c, events } = client(s.url, { timeoutMs: 200 });
    await expect(c.unwrap(c.GET(REGIONS))).resolves.toMatchObject({ awsHomeRegion: 'us-east-1' });
    expect(s.requests.length).toBeGreaterThanOrEqual(2);
    expect(events[0]?.reason).toBe('backoff');
  });

  it('stops the attempt’s timer of a response without a body (204, HEAD, Content-Length: 0)', async () => {
    server = await startServer((req, res) => {
      if (req.method === 'GET') res.writeHead(204);
      else res.writeHead(req.method === 'POST' ? 202 : 200, { 'content-length': '0' });
      res.end();
    });
    const timers = watchTimers(43_210);
    try {
      const { client: c } = client(server.url, { timeoutMs: 43_210 });
      const reboot = '/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot';
      const path = { siteId: 's-1' };
      await c.unwrap(c.POST(reboot, { params: { path } }));
      await c.GET(REGIONS);
      await c.HEAD(REGIONS as never);
      expect(server.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'HEAD']);
      // openapi-fetch reads none of these bodies: the transport must stop the timers itself.
      expect(timers.created).toBe(3);
      expect(timers.pending.size).toBe(0);
    } finally {
      timers.restore();
    }
  });

  it('rejects with the AbortSignal’s reason, without retrying', async () => {
    let arrived: () => void = () => {};
    const received = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const s = await scripted([() => arrived()]); // receives, never answers
    const { client: c } = client(s.url);
    const controller = new AbortController();
    const pending = c.GET(REGIONS, { signal: controller.signal });
    await received;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.requests).toHaveLength(1);
  });

  it('cuts a retry wait short when aborted', async () => {
    const s = await scripted([status(429, { 'retry-after': '5' })]);
    const controller = new AbortController();
    const c = createTelephonyClient({
      baseUrl: s.url,
      auth: 'tok-1',
      retry: fastRetry,
      onWait: () => controller.abort(new Error('user cancelled')),
    });
    await expect(c.GET(REGIONS, { signal: controller.signal })).rejects.toThrow('user cancelled');
  });
});

describe('rate limit headers', () => {
  it('slows down before the window is exhausted instead of waiting for a 429', async () => {
    let count = 0;
    server = await startServer((_req, res) => {
      count += 1;
      sendJson(
        res,
        200,
        {},
        {
          'inin-ratelimit-count': String(count + 7),
          'inin-ratelimit-allowed': '10',
          'inin-ratelimit-reset': '30',
        },
      );
    });
    let time = 1_000_000;
    const { events, onWait } = recordWaits();
    const c = createTelephonyClient({
      baseUrl: server.url,
      auth: 'tok-1',
      now: () => time,
      sleep: async (ms) => {
        time += ms; // a clock that the waits move
      },
      onWait,
    });
    await c.GET(REGIONS); // answers: 8 of 10 used, the window resets in 30 s
    await c.GET(REGIONS); // 2 left for 30 s: one every 15 s
    await c.GET(REGIONS); // 1 left for 30 s
    await c.GET(REGIONS); // none left: wait for the reset
    expect(events.map((e) => [e.reason, e.ms])).toEqual([
      ['rate-limit', 15_000],
      ['rate-limit', 30_000],
      ['rate-limit', 30_000],
    ]);
    expect(count).toBe(4);
    time += 31_000; // a new window
    events.length = 0;
    await c.GET(REGIONS);
    expect(events).toEqual([]);
  });

  it('can be turned off', async () => {
    server = await startServer((_req, res) =>
      sendJson(
        res,
        200,
        {},
        {
          'inin-ratelimit-count': '300',
          'inin-ratelimit-allowed': '300',
          'inin-ratelimit-reset': '60',
        },
      ),
    );
    const { client: c, events } = client(server.url, { rateLimit: false });
    await c.GET(REGIONS);
    await c.GET(REGIONS);
    expect(events).toEqual([]);
  });
});

describe('errors over HTTP', () => {
  const TRACES = '/api/v2/telephony/siptraces';
  const query = { dateStart: '2026-11-26T10:00:00Z', dateEnd: '2026-11-26T11:00:00Z' };

  it('names the missing permissions of a 403 from the body', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 403, {
        status: 403,
        code: 'missing.permissions',
        message: 'You are missing the following permission(s): telephony:pcap:view',
        messageWithParams: 'You are missing the following permission(s): {permissions}',
        messageParams: { permissions: 'telephony:pcap:view' },
        contextId: 'ctx-403',
      }),
    );
    const { client: c } = client(server.url);
    const error = await c.unwrap(c.GET(TRACES, { params: { query } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 403,
      code: 'missing.permissions',
      missingPermissions: ['telephony:pcap:view'],
      contextId: 'ctx-403',
      correlationId: 'corr-1234',
      retryable: false,
    });
    expect((error as Error).message).toMatch(
      /^GET \/api\/v2\/telephony\/siptraces failed \(403 missing\.permissions\): You are missing the following permission\(s\): telephony:pcap:view\. Grant the role/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('falls back to the contract’s permissions when the 403 body does not name them', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 403, errorBody(403, 'forbidden', 'Forbidden')),
    );
    const { client: c } = client(server.url);
    const error = await c
      .unwrap(c.POST('/api/v2/telephony/siptraces/download', { body: query }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ missingPermissions: ['telephony:pcap:add'] });
    expect((error as Error).message).toContain('all of telephony:pcap:add');
  });

  it('says so when a proxy answers an error with HTML', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body><h1>404 Not Found</h1></body></html>');
    });
    const { client: c } = client(server.url);
    const error = await c.unwrap(c.GET(REGIONS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'contract.violation', retryable: false });
    expect((error as Error).message).toMatch(
      /not JSON \(text\/html\): "<html><body><h1>404 Not Found.*Check the baseUrl/,
    );
  });

  it('treats a gateway’s 502 page as an outage, not as a broken contract', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const { client: c } = client(server.url, { retry: { ...fastRetry, maxRetries: 1 } });
    const error = await c.unwrap(c.GET(REGIONS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 502,
      code: 'http.502',
      retryable: true,
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    });
    expect((error as Error).message).toMatch(
      /failed \(502 http\.502\): Bad Gateway\. Try again later/,
    );
    expect((error as Error).message).not.toMatch(/baseUrl/);
    expect(server.requests).toHaveLength(2);
  });

  it('keeps the Retry-After of a 429 whose body is not JSON (a gateway’s text)', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '600' });
      res.end('Rate exceeded');
    });
    const { client: c } = client(server.url);
    const error = await c.unwrap(c.GET(REGIONS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 600_000, body: 'Rate exceeded' });
    expect((error as Error).message).toMatch(/Wait 600 s or raise retry\.maxRetryAfterMs/);
    expect((error as Error).message).not.toMatch(/baseUrl|not JSON/);
    expect(server.requests).toHaveLength(1); // 600 s is over maxRetryAfterMs: no retry
  });

  it('says so when a success body is not JSON', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK');
    });
    const { client: c } = client(server.url);
    await expect(c.GET(REGIONS)).rejects.toMatchObject({ code: 'contract.violation', status: 200 });
  });
});
