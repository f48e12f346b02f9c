import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { bearer, clientCredentialsToken, startEmulator } from './support/helpers';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: { requestsPerMinute: 3 } });
});
afterAll(() => emulator.close());

it('sends inin-ratelimit headers, answers 429 too.many.requests with Retry-After, and resets after the window', async () => {
  const token = await clientCredentialsToken(emulator);
  const other = await clientCredentialsToken(emulator);
  const get = (t: string) =>
    fetch(`${emulator.url}/api/v2/telephony/mediaregions`, { headers: bearer(t) });

  for (let i = 1; i <= 3; i++) {
    const res = await get(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('inin-ratelimit-count')).toBe(String(i));
    expect(res.headers.get('inin-ratelimit-allowed')).toBe('3');
    expect(Number(res.headers.get('inin-ratelimit-reset'))).toBeGreaterThan(0);
  }
  const limited = await get(token);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBe(60);
  expect(await limited.json()).toMatchObject({
    code: 'too.many.requests',
    status: 429,
    limit: { key: 'token.rate.per.minute', value: 3 },
  });

  // Limits are per token.
  expect((await get(other)).status).toBe(200);

  emulator.clock.advance(60_000);
  const after = await get(token);
  expect(after.status).toBe(200);
  expect(after.headers.get('inin-ratelimit-count')).toBe('1');
});

it('can be turned off', async () => {
  const unlimited = await startEmulator({ rateLimit: false });
  try {
    const token = await clientCredentialsToken(unlimited);
    const res = await fetch(`${unlimited.url}/api/v2/telephony/mediaregions`, {
      headers: bearer(token),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('inin-ratelimit-allowed')).toBeNull();
  } finally {
    await unlimited.close();
  }
});
