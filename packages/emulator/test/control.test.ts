// The control endpoint under /__emulator/ (enabled with `control: true`).
import { afterAll, beforeAll, expect, it } from 'vitest';
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
