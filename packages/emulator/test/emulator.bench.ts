// Benchmarks of the emulator's hot paths over a 100,000-record data set: the search index alone,
// searches over HTTP, and streaming a padded PCAP. Run with `pnpm bench` (vitest runs only `*.test.ts` as tests).
import { afterAll, bench, describe } from 'vitest';
import { generateDataset } from '../src/data/generate-dataset';
import { createEmulator, createManualClock, type Emulator } from '../src/index';
import { createSipIndex } from '../src/sip-index';

const NOW = Date.UTC(2024, 10, 26, 12);
const dataset = generateDataset({ now: new Date(NOW), calls: 8_000, days: 7 });
const index = createSipIndex(dataset.records);
const conversationId = dataset.conversations[4_000]?.conversationId ?? '';
const dateStartMs = NOW - 8 * 86_400_000;
const hourStartMs = Number(dataset.records[50_000]?.milliTs);

describe(`search index (${dataset.records.length} records)`, () => {
  bench('one conversation over the whole week', () => {
    index.search({ dateStartMs, dateEndMs: NOW, conversationId });
  });
  bench('one hour, no filter', () => {
    index.search({ dateStartMs: hourStartMs, dateEndMs: hourStartMs + 3_600_000 });
  });
});

// Started at module level: tinybench runs the tasks, and vitest's hooks do not wrap them.
const emulator: Emulator = await createEmulator({
  dataset,
  clock: createManualClock(NOW),
  rateLimit: false,
  pcapReadyAfterMs: 0,
});
const token = await demoToken(emulator);
afterAll(() => emulator.close());

async function demoToken(target: Emulator): Promise<string> {
  const { clientId, clientSecret } = target.credentials.demo;
  const res = await fetch(`${target.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('over HTTP', () => {
  bench('GET siptraces?conversationId over the week', async () => {
    const query = new URLSearchParams({
      dateStart: new Date(dateStartMs).toISOString(),
      dateEnd: new Date(NOW).toISOString(),
      conversationId,
    });
    const res = await fetch(`${emulator.url}/api/v2/telephony/siptraces?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
  });

  bench('POST download, GET url, stream a 10 MB padded PCAP', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const job = await fetch(`${emulator.url}/api/v2/telephony/siptraces/download`, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'x-emulator-pcap-pad-to-bytes': '10000000',
      },
      body: JSON.stringify({
        dateStart: new Date(dateStartMs).toISOString(),
        dateEnd: new Date(NOW).toISOString(),
        conversationId,
      }),
    });
    const { downloadId } = (await job.json()) as { downloadId: string };
    const signed = await fetch(
      `${emulator.url}/api/v2/telephony/siptraces/download/${downloadId}`,
      { headers },
    );
    const { url } = (await signed.json()) as { url: string };
    const file = await fetch(url);
    await file.arrayBuffer();
  });
});
