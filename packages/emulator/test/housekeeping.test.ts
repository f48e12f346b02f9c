// A long-running emulator does not grow: expired tokens, authorization codes and rate windows
// are swept every 1,000 requests (and on reset), and PCAP jobs are capped at 10,000.
import { afterEach, expect, it } from 'vitest';
import { MAX_PCAP_JOBS, SWEEP_EVERY_REQUESTS } from '../src/housekeeping';
import type { Emulator } from '../src/index';
import { bearer, clientCredentialsToken, datasetRange, startEmulator } from './support/helpers';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

interface Stats {
  tokens: number;
  authorizationCodes: number;
  jobs: number;
  rateLimitWindows: number;
  requests: number;
}

async function stats(e: Emulator): Promise<Stats> {
  return (await (await fetch(`${e.url}/__emulator/stats`)).json()) as Stats;
}

/** Holds expired tokens, an expired code and finished rate windows. */
async function ageState(e: Emulator): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const token = await clientCredentialsToken(e);
    await fetch(`${e.url}/api/v2/telephony/mediaregions`, { headers: bearer(token) });
  }
  const query = new URLSearchParams({
    client_id: e.credentials.demo.clientId,
    redirect_uri: 'http://127.0.0.1:8080/callback',
    response_type: 'code',
    state: 's',
  });
  await fetch(`${e.url}/oauth/authorize?${query}`, { redirect: 'manual' });
  expect(await stats(e)).toMatchObject({ tokens: 3, authorizationCodes: 1, rateLimitWindows: 3 });
  e.clock.advance(10 * 60_000); // past the token lifetime, the code's 5 minutes and every window
}

it('sweeps expired tokens, codes and rate windows every 1,000 requests', async () => {
  const e = await startEmulator({ control: true, tokenLifetimeSeconds: 60 });
  emulator = e;
  await ageState(e);
  expect(await stats(e)).toMatchObject({ tokens: 3, authorizationCodes: 1, rateLimitWindows: 3 });
  // Requests outside /api/ open no rate window; 1,000 of them are sure to include a sweep.
  for (let i = 0; i < SWEEP_EVERY_REQUESTS; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, async () => (await fetch(`${e.url}/__emulator/clock`)).text()),
    );
  }
  expect(await stats(e)).toMatchObject({ tokens: 0, authorizationCodes: 0, rateLimitWindows: 0 });
});

it('sweeps expired tokens on reset, and keeps the live ones', async () => {
  const e = await startEmulator({ control: true, tokenLifetimeSeconds: 60 });
  emulator = e;
  await ageState(e);
  const live = await clientCredentialsToken(e);
  e.reset();
  expect(await stats(e)).toMatchObject({ tokens: 1, authorizationCodes: 0, rateLimitWindows: 0 });
  const res = await fetch(`${e.url}/api/v2/telephony/mediaregions`, { headers: bearer(live) });
  expect(res.status).toBe(200);
});

it('forgets the oldest PCAP jobs past 10,000', async () => {
  const e = await startEmulator({ control: true, rateLimit: false });
  emulator = e;
  const token = await clientCredentialsToken(e);
  const body = JSON.stringify(datasetRange(e));
  const create = async () => {
    const res = await fetch(`${e.url}/api/v2/telephony/siptraces/download`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body,
    });
    return ((await res.json()) as { downloadId: string }).downloadId;
  };
  const first = await create();
  const second = await create();
  for (let made = 2; made < MAX_PCAP_JOBS + 1; made += 100) {
    const batch = Math.min(100, MAX_PCAP_JOBS + 1 - made);
    await Promise.all(Array.from({ length: batch }, create));
  }
  expect((await stats(e)).jobs).toBe(MAX_PCAP_JOBS);
  const poll = (id: string) =>
    fetch(`${e.url}/api/v2/telephony/siptraces/download/${id}`, { headers: bearer(token) });
  expect((await poll(first)).status).toBe(404);
  expect((await poll(second)).status).toBe(202);
}, 60_000);
