// Client secrets are compared in constant time: timingSafeEqual over SHA-256 digests, so neither
// the position of the first wrong character nor the length of the secret shows in the timing.
import * as crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Emulator } from '../src/index';
import { basic, startEmulator } from './support/helpers';

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

it('compares client secrets with timingSafeEqual over equal-length digests', async () => {
  const { clientId, clientSecret } = emulator.credentials.demo;
  const compare = vi.mocked(crypto.timingSafeEqual);
  for (const [secret, status] of [
    [clientSecret, 200],
    [`${clientSecret.slice(0, -1)}X`, 401],
    ['short', 401],
  ] as const) {
    compare.mockClear();
    const res = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: basic(clientId, secret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status, secret).toBe(status);
    expect(compare).toHaveBeenCalledTimes(1);
    const [a, b] = compare.mock.calls[0] as [Buffer, Buffer];
    expect([a.length, b.length]).toEqual([32, 32]);
  }
});
