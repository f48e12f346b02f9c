// The example code of the official SDK's TelephonyApi documentation, copied verbatim into
// test/fixtures/official-TelephonyApi.md, runs against the emulator with exactly two changes: its
// require lines load @telephony-kit/client/compat, and one line points ApiClient at the emulator.
import { readFileSync } from 'node:fs';
import { createEmulator, type Emulator } from '@telephony-kit/emulator';
import { operationIds } from '@telephony-kit/models';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as compat from '../src/compat/index';
import { ApiError } from '../src/compat/index';

const doc = readFileSync(new URL('./fixtures/official-TelephonyApi.md', import.meta.url), 'utf8');
const examples = [
  ...doc.matchAll(/<a name="(\w+)"><\/a>[\s\S]*?```\{"language":"javascript"\}\n([\s\S]*?)```/g),
].map(([, operationId, code]) => ({ operationId: operationId as string, code: code as string }));

function adapt(code: string): string {
  const lines = code.split('\n');
  const browserRequire = "const platformClient = require('platformClient');";
  const nodeRequire = "const platformClient = require('purecloud-platform-client-v2');";
  expect(lines).toContain(browserRequire);
  expect(lines).toContain(nodeRequire);
  return lines
    .filter((line) => line !== browserRequire)
    .map((line) =>
      line === nodeRequire
        ? "const platformClient = require('@telephony-kit/client/compat'); platformClient.ApiClient.instance.setEnvironment(environment);"
        : line,
    )
    .join('\n');
}

let emulator: Emulator;
let token = '';
// The examples' require() gets the compat module under test.
const requireCompat = (name: string) => {
  if (name !== '@telephony-kit/client/compat') throw new Error(`unexpected require(${name})`);
  return compat;
};

beforeAll(async () => {
  emulator = await createEmulator({ rateLimit: false, dataset: { calls: 5 } });
  const { clientId, clientSecret } = emulator.credentials.demo;
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(() => emulator?.close());

describe('the official TelephonyApi examples, against the emulator', () => {
  it('covers all nine operations', () => {
    expect(examples.map((e) => e.operationId).sort()).toEqual([...operationIds].sort());
  });

  it.each(examples.map((e) => [e.operationId, e.code] as const))(
    '%s runs unchanged and reaches the emulator',
    async (operationId, code) => {
      const logged: unknown[][] = [];
      const errors: unknown[] = [];
      const console = {
        log: (...args: unknown[]) => logged.push(args),
        error: (error: unknown) => errors.push(error),
      };
      const before = emulator.requests.length;
      new Function('require', 'console', 'environment', 'yourAccessToken', adapt(code))(
        requireCompat,
        console,
        emulator.url,
        token,
      );
      await vi.waitFor(() => expect(logged.length).toBeGreaterThan(0), { timeout: 10_000 });

      const calls = emulator.requests.slice(before).filter((r) => r.operationId === operationId);
      expect(calls).toHaveLength(1);
      const status = calls[0]?.status ?? 0;
      const line = String(logged[0]?.[0]);
      if (status < 300) {
        expect(line).toMatch(new RegExp(`^${operationId} success!`));
        expect(errors).toEqual([]);
      } else {
        // The examples use placeholder ids ("phoneId_example") and dateStart == dateEnd, which the
        // emulator rejects as the platform does; the rejection is our ApiError with the official
        // SDK's fields.
        expect(line).toBe(`There was a failure calling ${operationId}`);
        expect(errors[0]).toBeInstanceOf(ApiError);
        expect(errors[0]).toMatchObject({ status, body: { status } });
      }
      if (operationId === 'getTelephonyMediaregions') {
        expect(line).toContain(JSON.stringify(emulator.dataset.mediaRegions, null, 2));
      }
    },
  );
});
