// The control endpoint under /__emulator/ (enabled with `control: true`).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { bearer, clientCredentialsToken, FIXED_NOW, startEmulator } from './support/helpers';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ control: true, rateLimit: false });
  token = await clientCredentialsToken(emulator);
});
afterAll(() => emulator.close());

const control = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${emulator.url}/__emulator${path}`, {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });

it('puts and gets faults, and rejects bad rules', async () => {
  const put = await control('/faults', 'PUT', {
    faults: [{ operationId: 'getTelephonyMediaregions', sequence: [{ status: 504 }] }],
  });
  expect(put.status).toBe(200);
  expect(await (await control('/faults')).json()).toMatchObject({
    faults: [{ sequence: [{ status: 504 }] }],
  });
  const res = await fetch(`${emulator.url}/api/v2/telephony/mediaregions`, {
    headers: bearer(token),
  });
  expect(res.status).toBe(504);
  expect(await res.json()).toMatchObject({ code: 'gateway.timeout' });

  const bad = await control('/faults', 'PUT', [{ status: 418 }]);
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ error: expect.stringContaining('status') });

  for (const rule of [
    { sequence: [{ status: 429, retryAfter: 'soon' }] },
    { rate: 0.5, status: 429, retryAfter: -3 },
  ]) {
    const refused = await control('/faults', 'PUT', [rule]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: expect.stringMatching(/^retryAfter must be a whole number of seconds >= 0/),
    });
  }
  // A refused PUT leaves the active rules alone.
  expect(await (await control('/faults')).json()).toMatchObject({ faults: [{ sequence: [] }] });
});

it('advances and sets the clock', async () => {
  expect(await (await control('/clock')).json()).toMatchObject({ epochMs: FIXED_NOW });
  expect(await (await control('/clock', 'PUT', { advanceMs: 1_000 })).json()).toMatchObject({
    epochMs: FIXED_NOW + 1_000,
  });
  const set = await control('/clock', 'PUT', { set: '2024-11-27T00:00:00.000Z' });
  expect(await set.json()).toMatchObject({ now: '2024-11-27T00:00:00.000Z' });
  expect(emulator.clock.now()).toBe(Date.parse('2024-11-27T00:00:00.000Z'));
  expect((await control('/clock', 'PUT', { advanceMs: 'soon' })).status).toBe(400);
});

it('refuses to move the clock where a Date cannot follow, and keeps answering', async () => {
  const before = emulator.clock.now();
  for (const body of [
    { set: 9e15 },
    { set: -9e15 },
    { set: '+275760-09-13T00:00:00.001Z' },
    { advanceMs: 1e300 },
    { advanceMs: 8.64e15 },
    { advanceMs: -1 },
  ]) {
    const res = await control('/clock', 'PUT', body);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(await res.json()).toMatchObject({ error: expect.stringContaining('advanceMs') });
    expect(emulator.clock.now()).toBe(before);
  }
  // The edge of the range is fine, and the emulator still answers there.
  expect((await control('/clock', 'PUT', { set: 8.64e15 })).status).toBe(200);
  expect((await fetch(`${emulator.url}/api/v2/telephony/mediaregions`)).status).toBe(401);
  expect((await control('/clock', 'PUT', { set: before })).status).toBe(200);
  expect(emulator.clock.now()).toBe(before);
});

it('keeps answering when the clock is moved out of range in code', async () => {
  const before = emulator.clock.now();
  emulator.clock.set(9e15); // the handle does not check: the log and the routes must cope
  try {
    const res = await fetch(`${emulator.url}/api/v2/telephony/mediaregions`, {
      headers: { 'ININ-Correlation-Id': 'far-future' },
    });
    expect(res.status).toBe(401);
    expect(emulator.requests.find((r) => r.correlationId === 'far-future')).toMatchObject({
      status: 401,
      time: '9000000000000000',
    });
    expect(await (await control('/clock')).json()).toEqual({
      now: '9000000000000000',
      epochMs: 9e15,
    });
  } finally {
    emulator.clock.set(before);
  }
});

/** A request with a Host header of our choosing (fetch does not let one set it). */
function rawRequest(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { port } = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('who may drive it', () => {
  it('answers only a loopback Host, so that DNS rebinding cannot reach it', async () => {
    const { port } = new URL(emulator.url);
    for (const host of [
      '127.0.0.1',
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      'LOCALHOST',
      '[::1]',
      `[::1]:${port}`,
    ]) {
      expect((await rawRequest('/__emulator/clock', { host })).status, host).toBe(200);
    }
    for (const host of [
      `evil.example:${port}`,
      'localhost.evil.example',
      '127.0.0.2',
      '0.0.0.0',
      `[::2]:${port}`,
      '127.0.0.1:80:1',
    ]) {
      const res = await rawRequest('/__emulator/reset', { host }, 'POST');
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ error: expect.stringContaining('127.0.0.1') });
    }
    // The API itself answers any Host.
    const api = await rawRequest('/api/v2/telephony/mediaregions', {
      host: 'api.example',
      authorization: `Bearer ${token}`,
    });
    expect(api.status).toBe(200);
  });

  it('sends no CORS headers, refuses preflights and other origins', async () => {
    const preflight = await control('/faults', 'OPTIONS');
    expect(preflight.status).toBe(404); // not a preflight: no such endpoint
    for (const origin of ['https://evil.example', 'http://localhost:5173']) {
      const res = await fetch(`${emulator.url}/__emulator/faults`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-methods')).toBeNull();
    }
    // A cross-site page can send a simple POST without a preflight: it is refused too.
    for (const origin of ['https://evil.example', 'null']) {
      const reset = await fetch(`${emulator.url}/__emulator/reset`, {
        method: 'POST',
        headers: { origin },
      });
      expect(reset.status, origin).toBe(403);
      expect(reset.headers.get('access-control-allow-origin')).toBeNull();
    }
    // A loopback page may send it, but gets no CORS headers, so it cannot read the answer.
    const local = await fetch(`${emulator.url}/__emulator/requests`, {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(local.status).toBe(200);
    expect(local.headers.get('access-control-allow-origin')).toBeNull();
    expect(local.headers.get('access-control-expose-headers')).toBeNull();
    // The API keeps its CORS on the same emulator.
    const api = await fetch(`${emulator.url}/api/v2/telephony/mediaregions`, {
      headers: { ...bearer(token), origin: 'https://app.example' },
    });
    expect(api.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });
});

it('lists requests and reboots, and resets', async () => {
  const site = emulator.dataset.sites[0];
  await fetch(
    `${emulator.url}/api/v2/telephony/providers/edges/sites/${site?.siteId}/schedulereboot`,
    {
      method: 'POST',
      headers: bearer(token),
    },
  );
  const reboots = (await (await control('/reboots')).json()) as { reboots: unknown[] };
  expect(reboots.reboots).toEqual([expect.objectContaining({ siteId: site?.siteId })]);
  const requests = (await (await control('/requests')).json()) as {
    requests: { operationId: string; status: number }[];
  };
  expect(requests.requests).toContainEqual(
    expect.objectContaining({
      operationId: 'postTelephonyProvidersEdgesSiteSchedulereboot',
      status: 202,
      hasAuthorization: true,
    }),
  );
  expect(JSON.stringify(requests)).not.toContain(token);

  expect((await control('/reset', 'POST')).status).toBe(204);
  expect(await (await control('/reboots')).json()).toEqual({ reboots: [] });
  expect(await (await control('/faults')).json()).toEqual({ faults: [] });
  // Tokens survive a reset.
  expect(
    (await fetch(`${emulator.url}/api/v2/telephony/mediaregions`, { headers: bearer(token) }))
      .status,
  ).toBe(200);
});
