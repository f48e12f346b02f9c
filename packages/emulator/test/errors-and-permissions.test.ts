// The platform's error behaviour: ErrorBody, correlation ids, 401/403/404/405/413/415.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { bearer, clientCredentialsToken, datasetRange, startEmulator } from './support/helpers';

let emulator: Emulator;
let demo: string;
let viewer: string;
const BASE = '/api/v2/telephony';

beforeAll(async () => {
  emulator = await startEmulator();
  demo = await clientCredentialsToken(emulator, 'demo');
  viewer = await clientCredentialsToken(emulator, 'viewer');
});
afterAll(() => emulator.close());

const call = (path: string, init: RequestInit = {}) => fetch(`${emulator.url}${path}`, init);

function expectErrorBody(
  body: unknown,
  status: number,
  code: string,
  correlationId: string | null,
) {
  expect(body).toMatchObject({
    status,
    code,
    message: expect.any(String),
    messageWithParams: expect.any(String),
    messageParams: expect.any(Object),
    contextId: correlationId,
    details: expect.any(Array),
    errors: [],
  });
}

describe('authentication', () => {
  it('answers 401 authentication.required without a token, bad.credentials for an unknown one', async () => {
    const none = await call(`${BASE}/mediaregions`);
    expect(none.status).toBe(401);
    expectErrorBody(
      await none.json(),
      401,
      'authentication.required',
      none.headers.get('inin-correlation-id'),
    );

    const unknown = await call(`${BASE}/mediaregions`, { headers: bearer('not-a-token') });
    expect(unknown.status).toBe(401);
    expectErrorBody(
      await unknown.json(),
      401,
      'bad.credentials',
      unknown.headers.get('inin-correlation-id'),
    );
  });

  it('echoes the ININ-Correlation-Id of the request', async () => {
    const res = await call(`${BASE}/mediaregions`, {
      headers: { ...bearer(demo), 'ININ-Correlation-Id': 'my-trace-42' },
    });
    expect(res.headers.get('inin-correlation-id')).toBe('my-trace-42');
  });
});

describe('permissions from the operation table', () => {
  it('gives the view-only client 403 missing.permissions on POST download, naming telephony:pcap:add', async () => {
    const res = await call(`${BASE}/siptraces/download`, {
      method: 'POST',
      headers: { ...bearer(viewer), 'content-type': 'application/json' },
      body: JSON.stringify(datasetRange(emulator)),
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { message: string; messageParams: Record<string, string> };
    expectErrorBody(body, 403, 'missing.permissions', res.headers.get('inin-correlation-id'));
    expect(body.messageParams.permissions).toBe('[telephony:pcap:add]');
    expect(body.message).toContain('telephony:pcap:add');
  });

  it('gives the view-only client 403 missing.any.permissions on schedulereboot', async () => {
    const site = emulator.dataset.sites[0];
    const res = await call(`${BASE}/providers/edges/sites/${site?.siteId}/schedulereboot`, {
      method: 'POST',
      headers: bearer(viewer),
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { messageParams: Record<string, string> };
    expectErrorBody(body, 403, 'missing.any.permissions', res.headers.get('inin-correlation-id'));
    expect(body.messageParams.permissions).toBe('[internal:site:edit]');
  });

  it('lets the view-only client read', async () => {
    const res = await call(`${BASE}/siptraces?${new URLSearchParams(datasetRange(emulator))}`, {
      headers: bearer(viewer),
    });
    expect(res.status).toBe(200);
  });
});

describe('request checks', () => {
  it('answers 415 unsupported.media.type for a non-JSON body on POST download', async () => {
    const res = await call(`${BASE}/siptraces/download`, {
      method: 'POST',
      headers: { ...bearer(demo), 'content-type': 'text/plain' },
      body: JSON.stringify(datasetRange(emulator)),
    });
    expect(res.status).toBe(415);
    expectErrorBody(
      await res.json(),
      415,
      'unsupported.media.type',
      res.headers.get('inin-correlation-id'),
    );
  });

  it('answers 413 for a body over 512,000 bytes, with the rate-limit headers', async () => {
    const before = await call(`${BASE}/mediaregions`, { headers: bearer(demo) });
    const count = Number(before.headers.get('inin-ratelimit-count'));
    const res = await call(`${BASE}/siptraces/download`, {
      method: 'POST',
      headers: { ...bearer(demo), 'content-type': 'application/json' },
      body: JSON.stringify({ ...datasetRange(emulator), name: 'x'.repeat(512_001) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('inin-ratelimit-count')).toBe(String(count + 1));
    expect(res.headers.get('inin-ratelimit-allowed')).toBe('300');
    expect(Number(res.headers.get('inin-ratelimit-reset'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({
      code: 'request.entity.too.large',
      messageParams: { maxBytes: '512000' },
    });
  });

  it('answers 400 bad.request for a request target that is not a path', async () => {
    const { port } = new URL(emulator.url);
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
      );
      let out = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        out += chunk;
      });
      socket.on('end', () => resolve(out));
      socket.on('error', reject);
    });
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    const body = JSON.parse(head.slice(head.indexOf('\r\n\r\n') + 4)) as { code: string };
    expect(body).toMatchObject({ code: 'bad.request', status: 400 });
    expect(emulator.requests.at(-1)).toMatchObject({ path: '//[', status: 400 });
  });

  it('answers 400 for malformed JSON and for missing dates', async () => {
    const post = (body: string) =>
      call(`${BASE}/siptraces/download`, {
        method: 'POST',
        headers: { ...bearer(demo), 'content-type': 'application/json' },
        body,
      });
    const malformed = await post('{"dateStart":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'bad.request' });
    const noDates = await post('{"conversationId":"x"}');
    expect(noDates.status).toBe(400);
    expect(await noDates.json()).toMatchObject({
      code: 'invalid.date',
      messageParams: { field: 'dateStart' },
    });
  });

  it('answers 404 for unknown routes and 405 for a wrong method', async () => {
    const unknown = await call(`${BASE}/nothing-here`, { headers: bearer(demo) });
    expect(unknown.status).toBe(404);
    expectErrorBody(
      await unknown.json(),
      404,
      'not.found',
      unknown.headers.get('inin-correlation-id'),
    );

    const wrong = await call(`${BASE}/mediaregions`, { method: 'DELETE', headers: bearer(demo) });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(await wrong.json()).toMatchObject({ status: 405 });
  });

  it('answers CORS preflights and exposes the platform headers to browsers', async () => {
    const origin = 'http://localhost:5173';
    const preflight = await call(`${BASE}/mediaregions`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
    const res = await call(`${BASE}/mediaregions`, { headers: { ...bearer(demo), origin } });
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-expose-headers')).toContain('inin-ratelimit-count');
  });

  it('keeps the control endpoint off unless enabled', async () => {
    expect((await call('/__emulator/faults')).status).toBe(404);
  });

  it('logs requests without token values', async () => {
    // Its own requests, so that it does not depend on what the other tests ran before it.
    const range = new URLSearchParams(datasetRange(emulator));
    const fromViewer = await call(`${BASE}/siptraces?${range}`, {
      headers: { ...bearer(viewer), 'ININ-Correlation-Id': 'log-viewer' },
    });
    expect(fromViewer.status).toBe(200);
    const fromDemo = await call(`${BASE}/mediaregions?token=${demo}`, {
      headers: { ...bearer(demo), 'ININ-Correlation-Id': 'log-demo' },
    });
    expect(fromDemo.status).toBe(200);

    expect(emulator.requests.find((r) => r.correlationId === 'log-viewer')).toMatchObject({
      method: 'GET',
      path: `${BASE}/siptraces`,
      operationId: 'getTelephonySiptraces',
      status: 200,
      hasAuthorization: true,
      clientId: 'telephony-kit-viewer',
    });
    expect(emulator.requests.find((r) => r.correlationId === 'log-demo')).toMatchObject({
      path: `${BASE}/mediaregions`,
      clientId: 'telephony-kit-demo',
    });
    const log = JSON.stringify(emulator.requests);
    expect(log).not.toContain(demo);
    expect(log).not.toContain(viewer);
  });
});
