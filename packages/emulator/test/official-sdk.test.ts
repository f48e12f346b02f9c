// The official Genesys Cloud JavaScript SDK (purecloud-platform-client-v2) against the emulator:
// its client-credentials login and the six public operations of its TelephonyApi work unchanged,
// pointed at the emulator through the SDK's own gateway setting. (The SDK has no methods for the
// three internal operations: phone settings, phonehome, schedulereboot.)
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { datasetRange, startEmulator } from './support/helpers';

// The SDK's CommonJS build is untyped here.
type Sdk = any;

const require = createRequire(import.meta.url);
let emulator: Emulator;
let platformClient: Sdk;

beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: false, pcapReadyAfterMs: 1_000 });
  platformClient = require('purecloud-platform-client-v2');
  const client = platformClient.ApiClient.instance;
  const { hostname, port } = new URL(emulator.url);
  client.setGateway({ host: hostname, protocol: 'http', port: Number(port) });
  const { clientId, clientSecret } = emulator.credentials.demo;
  await client.loginClientCredentialsGrant(clientId, clientSecret);
});
afterAll(() => emulator.close());

it('serves the public TelephonyApi methods of the official SDK', async () => {
  const api = new platformClient.TelephonyApi();
  const range = datasetRange(emulator);
  const dateStart = new Date(range.dateStart);
  const dateEnd = new Date(range.dateEnd);
  const conversation = emulator.dataset.conversations.find((c) =>
    emulator.dataset.records.some(
      (r) => r.conversationId === c.conversationId && r.method === 'INVITE',
    ),
  );
  const conversationId = conversation?.conversationId ?? '';

  expect(await api.getTelephonyMediaregions()).toEqual(emulator.dataset.mediaRegions);

  const traces = await api.getTelephonySiptraces(dateStart, dateEnd, { conversationId });
  expect(traces.count).toBeGreaterThan(0);
  expect(
    traces.data.every((r: { conversationId: string }) => r.conversationId === conversationId),
  ).toBe(true);

  const message = await api.getTelephonySipmessagesConversation(conversationId);
  expect(message.message).toMatch(/^INVITE /);
  // The SDK sends keys as repeated parameters (collectionFormat multi).
  const headers = await api.getTelephonySipmessagesConversationHeaders(conversationId, {
    keys: ['ruri', 'to'],
  });
  expect(Object.keys(headers.headers)).toEqual(['ruri', 'to']);

  const job = await api.postTelephonySiptracesDownload({
    dateStart: range.dateStart,
    dateEnd: range.dateEnd,
    conversationId,
  });
  expect(job.downloadId).toEqual(expect.any(String));
  emulator.clock.advance(1_000);
  const signed = await api.getTelephonySiptracesDownloadDownloadId(job.downloadId);
  expect(signed.url).toContain(`/__storage/pcap/${job.downloadId}.pcap?`);

  // The SDK rejects with the ErrorBody itself.
  const notFound = await api
    .getTelephonySipmessagesConversation('nope')
    .catch((error: unknown) => error);
  expect(notFound).toMatchObject({ status: 404, code: 'not.found', entityId: 'nope' });
});
