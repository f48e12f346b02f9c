// PCAP jobs and the signed URLs of the emulator's storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { pcapSize } from '../src/pcap/pcap-stream';
import { bearer, clientCredentialsToken, datasetRange, startEmulator } from './support/helpers';

let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: false, pcapReadyAfterMs: 2_000 });
  token = await clientCredentialsToken(emulator);
});
afterAll(() => emulator.close());

async function createJob(search: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${emulator.url}/api/v2/telephony/siptraces/download`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json', ...headers },
    body: JSON.stringify(search),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { downloadId: string; documentId: string };
}

const poll = (downloadId: string) =>
  fetch(`${emulator.url}/api/v2/telephony/siptraces/download/${downloadId}`, {
    headers: bearer(token),
  });

async function readyUrl(downloadId: string): Promise<string> {
  emulator.clock.advance(2_000);
  const res = await poll(downloadId);
  expect(res.status).toBe(200);
  return ((await res.json()) as { url: string }).url;
}

describe('PCAP jobs', () => {
  it('answers 202 with Retry-After until ready on the clock, then a signed URL to a real pcap', async () => {
    const conversation = emulator.dataset.conversations[0];
    const search = {
      ...datasetRange(emulator),
      conversationId: conversation?.conversationId ?? '',
    };
    const job = await createJob(search);
    expect(job.downloadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.documentId).not.toBe(job.downloadId);

    const pending = await poll(job.downloadId);
    expect(pending.status).toBe(202);
    expect(pending.headers.get('retry-after')).toBe('2');
    expect(await pending.text()).toBe('');

    emulator.clock.advance(2_000);
    const ready = await poll(job.downloadId);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { id: string; name: string; url: string; selfUri: string };
    expect(body).toMatchObject({ id: job.downloadId, name: `${job.downloadId}.pcap` });
    const url = new URL(body.url);
    expect(`${url.origin}`).toBe(emulator.url);
    expect(url.pathname).toBe(`/__storage/pcap/${job.downloadId}.pcap`);
    expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);

    const file = await fetch(body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.tcpdump.pcap');
    const bytes = Buffer.from(await file.arrayBuffer());
    const records = emulator.dataset.records.filter(
      (r) => r.conversationId === conversation?.conversationId,
    );
    expect(Number(file.headers.get('content-length'))).toBe(pcapSize(records));
    expect(bytes.length).toBe(pcapSize(records));
    expect(['d4c3b2a1', '4d3cb2a1', 'a1b2c3d4', 'a1b23c4d']).toContain(
      bytes.subarray(0, 4).toString('hex'),
    );
  });

  it('pads the capture when asked per job', async () => {
    const conversationId = emulator.dataset.conversations[0]?.conversationId ?? '';
    const job = await createJob(
      { ...datasetRange(emulator), conversationId },
      { 'x-emulator-pcap-pad-to-bytes': '300000' },
    );
    const file = await fetch(await readyUrl(job.downloadId));
    expect(file.status).toBe(200);
    const length = (await file.arrayBuffer()).byteLength;
    // Padding appends whole RTP packets: the capture ends at the size or just under it.
    expect(length).toBeGreaterThan(299_000);
    expect(length).toBeLessThanOrEqual(300_000);
    expect(Number(file.headers.get('content-length'))).toBe(length);
  });

  it('answers 404 not.found for an unknown download id', async () => {
    const res = await poll('00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not.found' });
  });

  it('gives the same ids for the same seed', async () => {
    const twin = await startEmulator({ rateLimit: false });
    try {
      const search = JSON.stringify(datasetRange(twin));
      const ids = await Promise.all(
        [emulator, twin].map(async (e) => {
          e.reset();
          const t = await clientCredentialsToken(e);
          const res = await fetch(`${e.url}/api/v2/telephony/siptraces/download`, {
            method: 'POST',
            headers: { ...bearer(t), 'content-type': 'application/json' },
            body: search,
          });
          return ((await res.json()) as { downloadId: string }).downloadId;
        }),
      );
      expect(ids[0]).toBe(ids[1]);
    } finally {
      await twin.close();
    }
  });
});

describe('signed URLs', () => {
  let url: string;
  beforeAll(async () => {
    url = await readyUrl((await createJob(datasetRange(emulator))).downloadId);
  });

  it('refuses a request that also carries Authorization with 400, as object stores do', async () => {
    const res = await fetch(url, { headers: bearer(token) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidArgument</Code>');
  });

  it('refuses a tampered signature or path with 403', async () => {
    const tampered = new URL(url);
    const signature = tampered.searchParams.get('signature') ?? '';
    tampered.searchParams.set(
      'signature',
      `${signature[0] === 'a' ? 'b' : 'a'}${signature.slice(1)}`,
    );
    expect((await fetch(tampered)).status).toBe(403);

    const otherPath = new URL(url);
    otherPath.pathname = '/__storage/pcap/00000000-0000-4000-8000-000000000000.pcap';
    expect((await fetch(otherPath)).status).toBe(403);

    const later = new URL(url);
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 3600));
    expect((await fetch(later)).status).toBe(403);
  });

  it('refuses an expired URL with 403', async () => {
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
    emulator.clock.advance(301_000);
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
  });
});
