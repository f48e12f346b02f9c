// The main job of `npm start`: starts the emulator (the embedded default) and walks through the
// product as a user would with the built @telephony-kit/client: media regions, a SIP trace search,
// the raw SIP and headers of one call, and a PCAP export verified as a capture. Then it stops the
// emulator. (Once the `telephony` CLI exists, this walk-through moves to the CLI.)
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './ensure-install.mjs';

const { createEmulator } = await import(join(root, 'packages/emulator/dist/index.js'));
const { clientCredentials, createTelephonyClient, getSipHeaders, getSipMessage, searchSipTraces } =
  await import(join(root, 'packages/client/dist/index.js'));
const { exportPcapToFile } = await import(join(root, 'packages/client/dist/node.js'));

const step = (text) => console.log(`\n▸ ${text}`);
const emulator = await createEmulator({ seed: 42 });
try {
  console.log(
    `Telephony API emulator on ${emulator.url} (seed 42, demo client ${emulator.credentials.demo.clientId})`,
  );
  const client = createTelephonyClient({
    baseUrl: emulator.url,
    auth: clientCredentials(emulator.credentials.demo),
  });

  step('GET /api/v2/telephony/mediaregions');
  const regions = await client.unwrap(client.GET('/api/v2/telephony/mediaregions'));
  console.log(
    `  home ${regions.awsHomeRegion}; core ${regions.awsCoreRegions?.join(', ')}; satellite ${regions.awsSatelliteRegions?.join(', ')}`,
  );

  step('SIP traces of the last 2 hours');
  const traces = await searchSipTraces(client, { dateStart: '2h' });
  const records = traces.data ?? [];
  const calls = new Set(records.map((r) => r.callid));
  console.log(`  ${records.length} SIP messages in ${calls.size} dialogs`);
  const call = records.find((r) => r.conversationId && r.method === 'INVITE');
  if (!call)
    throw new Error('the emulator returned no INVITE with a conversation in the last 2 hours');
  const dialog = records.filter((r) => r.conversationId === call.conversationId);
  for (const r of dialog.slice(0, 8)) {
    const what = /^\d+$/.test(r.method ?? '') ? `${r.method} ${r.replyReason}` : r.method;
    console.log(
      `  ${r.date?.slice(11, 23)}  ${`${r.sourceIp}:${r.sourcePort}`.padEnd(21)} → ${`${r.destinationIp}:${r.destinationPort}`.padEnd(21)} ${what}`,
    );
  }
  if (dialog.length > 8)
    console.log(`  … ${dialog.length - 8} more messages in conversation ${call.conversationId}`);

  step(`SIP headers and raw SIP of conversation ${call.conversationId}`);
  const headers = await getSipHeaders(client, call.conversationId, {
    keys: ['ruri', 'to', 'from'],
  });
  for (const [name, values] of Object.entries(headers.headers ?? {}))
    console.log(`  ${name}: ${values.join(', ')}`);
  const message = await getSipMessage(client, call.conversationId);
  console.log(
    `  ${(message.message ?? '').split('\r\n')[0]}  (${(message.message ?? '').length} characters of raw SIP)`,
  );

  step(`PCAP export of conversation ${call.conversationId}`);
  const outDir = join(root, 'out');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${call.conversationId}.pcap`);
  const pcap = await exportPcapToFile(
    client,
    { dateStart: '2h', conversationId: call.conversationId },
    file,
    {
      pollIntervalMs: 500,
      onProgress: (p) => {
        if (p.phase === 'requested') console.log(`  requested: downloadId ${p.downloadId}`);
        if (p.phase === 'waiting')
          console.log(`  not ready yet (HTTP ${p.status}), waiting ${p.waitMs} ms`);
        if (p.phase === 'ready')
          console.log('  ready: streaming from the signed URL (no API token sent)');
      },
    },
  );
  console.log(`  ${pcap.bytes} bytes, ${pcap.format} capture, written atomically`);

  step('Summary');
  console.log(`  capture: ${relative(process.cwd(), pcap.file)}`);
  console.log(`  read it with: tshark -r ${relative(process.cwd(), pcap.file)} -Y sip`);
  console.log(`  requests the emulator served: ${emulator.requests.length}`);
} finally {
  await emulator.close();
}
