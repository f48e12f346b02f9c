// Faults on demand: scripted sequences, seeded rates, drops, truncation, latency, PCAP fates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type FaultRule } from '../src/index';
import { bearer, clientCredentialsToken, datasetRange, startEmulator } from './support/helpers';

let emulator: Emulator;
let token: string;
const MEDIA = '/api/v2/telephony/mediaregions';

beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: false });
  token = await clientCredentialsToken(emulator);
});
afterAll(() => emulator.close());

const get = (path = MEDIA, init: RequestInit = {}) =>
  fetch(`${emulator.url}${path}`, { ...init, headers: { ...bearer(token), ...init.headers } });

describe('faults', () => {
  it('plays a scripted sequence: 503, 429 with Retry-After, ok, drop, then passes', async () => {
    emulator.setFaults([
      {
        operationId: 'getTelephonyMediaregions',
        sequence: [{ status: 503 }, { status: 429, retryAfter: 1 }, 'ok', { drop: true }],
      },
    ]);
    const first = await get();
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ code: 'service.unavailable', status: 503 });
    const second = await get();
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(await second.json()).toMatchObject({ code: 'too.many.requests' });
    expect((await get()).status).toBe(200);
    await expect(get()).rejects.toThrow();
    expect((await get()).status).toBe(200);
    expect(emulator.requests.filter((r) => r.fault === 'drop')).toHaveLength(1);
  });

  it('uses up one step per request when several scripted rules match', async () => {
    emulator.setFaults([
      { sequence: [{ status: 503 }, 'ok', { status: 502 }] },
      { operationId: 'getTelephonyMediaregions', sequence: [{ status: 500 }, { status: 504 }] },
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get()).status);
    // The first rule answers while it has steps ('ok' included); the second keeps its own.
    expect(statuses).toEqual([503, 200, 502, 500, 504, 200]);
    emulator.setFaults([]);
  });

  it('sends no Retry-After on an injected 429 without retryAfter, and one on any status with it', async () => {
    emulator.setFaults([
      {
        operationId: 'getTelephonyMediaregions',
        sequence: [{ status: 429 }, { status: 503, retryAfter: 7 }, { status: 429, retryAfter: 0 }],
      },
    ]);
    const bare = await get();
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
    const body = (await bare.json()) as { code: string; message: string };
    expect(body.code).toBe('too.many.requests');
    expect(body.message).not.toContain('[');
    const unavailable = await get();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('7');
    const now = await get();
    expect(now.headers.get('retry-after')).toBe('0');
    expect(((await now.json()) as { message: string }).message).toContain('[0] seconds');
  });

  it('refuses a retryAfter that is not a whole number of seconds >= 0', async () => {
    const bad: FaultRule[][] = [
      [{ rate: 1, status: 429, retryAfter: 'soon' as unknown as number }],
      [{ rate: 1, retryAfter: -1 }],
      [{ sequence: [{ status: 429, retryAfter: 1.5 }] }],
      [{ sequence: [{ status: 503, retryAfter: Number.POSITIVE_INFINITY }] }],
    ];
    for (const rules of bad) {
      expect(() => emulator.setFaults(rules)).toThrow(/retryAfter must be a whole number/);
      await expect(createEmulator({ port: 0, faults: rules })).rejects.toThrow(/retryAfter/);
    }
    emulator.setFaults([]);
  });

  it('scopes a rule to its operation', async () => {
    emulator.setFaults([{ operationId: 'getTelephonySiptraces', sequence: [{ status: 500 }] }]);
    expect((await get()).status).toBe(200);
    expect(
      (await get(`/api/v2/telephony/siptraces?${new URLSearchParams(datasetRange(emulator))}`))
        .status,
    ).toBe(500);
  });

  it('truncates bodies: Content-Length promises more than is sent', async () => {
    emulator.setFaults([
      { operationId: 'getTelephonyMediaregions', sequence: [{ truncate: true }] },
    ]);
    const res = await get();
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    await expect(res.text()).rejects.toThrow();
  });

  it('adds latency', async () => {
    emulator.setFaults([{ operationId: 'getTelephonyMediaregions', latencyMs: 5_000 }]);
    // The delayed request cannot beat a short client timeout; an undelayed one can.
    await expect(get(MEDIA, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    const other = await get(
      `/api/v2/telephony/siptraces?${new URLSearchParams(datasetRange(emulator))}`,
      { signal: AbortSignal.timeout(4_000) },
    );
    expect(other.status).toBe(200);
    emulator.setFaults([]);
  });

  it('fails at a seeded rate, the same way for the same seed', async () => {
    const rules: FaultRule[] = [{ rate: 0.5, status: 502 }];
    const twin = await startEmulator({ rateLimit: false, faults: rules });
    try {
      emulator.reset();
      emulator.setFaults(rules);
      const runs = await Promise.all(
        [emulator, twin].map(async (e) => {
          const t = await clientCredentialsToken(e);
          const statuses: number[] = [];
          for (let i = 0; i < 12; i++) {
            statuses.push((await fetch(`${e.url}${MEDIA}`, { headers: bearer(t) })).status);
          }
          return statuses;
        }),
      );
      expect(runs[0]).toEqual(runs[1]);
      expect(runs[0]).toContain(502);
      expect(runs[0]).toContain(200);
    } finally {
      await twin.close();
      emulator.setFaults([]);
    }
  });

  it('keeps a PCAP job at 202 forever, or fails it with 500', async () => {
    const res = await fetch(`${emulator.url}/api/v2/telephony/siptraces/download`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify(datasetRange(emulator)),
    });
    const { downloadId } = (await res.json()) as { downloadId: string };
    const path = `/api/v2/telephony/siptraces/download/${downloadId}`;

    emulator.setFaults([{ pcap: 'never-ready' }]);
    emulator.clock.advance(3_600_000);
    const pending = await get(path);
    expect(pending.status).toBe(202);
    expect(pending.headers.get('retry-after')).toBe('1');

    emulator.setFaults([{ pcap: 'fail' }]);
    const failed = await get(path);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({
      code: 'internal.server.error',
      entityId: downloadId,
    });

    emulator.setFaults([]);
    expect((await get(path)).status).toBe(200);
  });
});
