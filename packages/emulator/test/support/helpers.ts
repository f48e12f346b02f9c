// Shared helpers for tests that talk to a started emulator over real HTTP.
import {
  createEmulator,
  createManualClock,
  type Emulator,
  type EmulatorOptions,
} from '../../src/index';

/** 2024-11-26T12:00:00Z: a fixed now, so the seeded data set is the same on every run. */
export const FIXED_NOW = Date.UTC(2024, 10, 26, 12, 0, 0);

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return createEmulator({
    clock: createManualClock(FIXED_NOW),
    dataset: { calls: 40, days: 1 },
    ...options,
  });
}

export function basic(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}

export async function clientCredentialsToken(
  emulator: Emulator,
  who: 'demo' | 'viewer' = 'demo',
): Promise<string> {
  const { clientId, clientSecret } = emulator.credentials[who];
  const res = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: basic(clientId, clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200)
    throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** The [dateStart, dateEnd] of the whole data set, as ISO strings. */
export function datasetRange(emulator: Emulator): { dateStart: string; dateEnd: string } {
  const records = emulator.dataset.records;
  const first = Number(records[0]?.milliTs);
  const last = Number(records[records.length - 1]?.milliTs);
  return {
    dateStart: new Date(first - 1000).toISOString(),
    dateEnd: new Date(last + 1000).toISOString(),
  };
}
