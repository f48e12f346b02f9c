// The last-resort 500, when the request pipeline itself fails (here: reading the body throws),
// still answers an ErrorBody, with the rate-limit headers on /api/ paths.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Emulator } from '../src/index';
import { bearer, clientCredentialsToken, startEmulator } from './support/helpers';

vi.mock('../src/http', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/http')>();
  return {
    ...original,
    readBody: vi.fn(async (req: import('node:http').IncomingMessage) => {
      if (req.headers['x-test-fail'] !== undefined) throw new Error('the body could not be read');
      return original.readBody(req);
    }),
  };
});

let emulator: Emulator;
let token: string;
beforeAll(async () => {
  emulator = await startEmulator();
  token = await clientCredentialsToken(emulator);
});
afterAll(() => emulator.close());

it('answers 500 internal.server.error with the rate-limit headers of the caller', async () => {
  const first = await fetch(`${emulator.url}/api/v2/telephony/mediaregions`, {
    headers: bearer(token),
  });
  const res = await fetch(`${emulator.url}/api/v2/telephony/siptraces/download`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json', 'x-test-fail': '1' },
    body: '{}',
  });
  expect(res.status).toBe(500);
  expect(await res.json()).toMatchObject({
    code: 'internal.server.error',
    contextId: res.headers.get('inin-correlation-id'),
  });
  // Peeked, not counted: the request may already have been.
  expect(res.headers.get('inin-ratelimit-count')).toBe(first.headers.get('inin-ratelimit-count'));
  expect(res.headers.get('inin-ratelimit-allowed')).toBe('300');
  expect(Number(res.headers.get('inin-ratelimit-reset'))).toBeGreaterThan(0);

  // Outside /api/ there are none.
  const token500 = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-fail': '1' },
    body: 'grant_type=client_credentials',
  });
  expect(token500.status).toBe(500);
  expect(token500.headers.get('inin-ratelimit-count')).toBeNull();
});
