// The proof of fidelity for captures: a PCAP downloaded through the API, the way a user gets it,
// decodes in Wireshark's tshark as SIP with exactly the Call-IDs that the same search returns.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Emulator } from '../src/index';
import { bearer, clientCredentialsToken, startEmulator } from './support/helpers';

const tshark = inject('tshark');
let emulator: Emulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: false, pcapReadyAfterMs: 0 });
  token = await clientCredentialsToken(emulator);
});
afterAll(() => emulator?.close());

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { ...bearer(token), 'content-type': 'application/json', ...init.headers },
  });
  expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(200);
  return res.json();
}

describe('a downloaded capture, read by tshark', () => {
  it.skipIf(!tshark.ok)(
    `lists the same Call-IDs as the search${tshark.ok ? '' : ` (skipped: ${tshark.reason})`}`,
    async () => {
      // A busy hour of the data set, without filters, so that many calls and both transports are in it.
      const records = emulator.dataset.records;
      const middle = records[Math.floor(records.length / 2)];
      const start = new Date(Number(middle?.milliTs) - 30 * 60_000).toISOString();
      const end = new Date(Number(middle?.milliTs) + 30 * 60_000).toISOString();
      const query = new URLSearchParams({ dateStart: start, dateEnd: end });
      const search = await api(`/api/v2/telephony/siptraces?${query}`);
      const expected = new Set<string>(search.data.map((r: { callid: string }) => r.callid));
      expect(expected.size).toBeGreaterThan(3);

      const job = await api('/api/v2/telephony/siptraces/download', {
        method: 'POST',
        body: JSON.stringify({ dateStart: start, dateEnd: end }),
      });
      const { url } = await api(`/api/v2/telephony/siptraces/download/${job.downloadId}`);
      const file = await fetch(url); // a signed URL: no Authorization header
      expect(file.status).toBe(200);

      const dir = mkdtempSync(join(tmpdir(), 'tshark-'));
      try {
        const path = join(dir, 'capture.pcap');
        writeFileSync(path, Buffer.from(await file.arrayBuffer()));
        const output = execFileSync(
          '/usr/bin/tshark',
          [
            '-r',
            path,
            '-d',
            'tcp.port==5061,sip',
            '-Y',
            'sip',
            '-T',
            'fields',
            '-e',
            'sip.Call-ID',
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
        );
        const decoded = output.trim().split('\n');
        expect(decoded).toHaveLength(search.data.length);
        expect(new Set(decoded)).toEqual(expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
