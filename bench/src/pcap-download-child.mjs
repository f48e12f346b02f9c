// One PCAP download in a fresh process, so that its peak RSS is its own (plain JavaScript: no
// TypeScript loader in the measured process). `telephony-kit` streams it with exportPcapToFile
// (request, poll, signed URL, atomic write, magic check), `telephony-kit, own fetch` the same
// through a client created with its own fetch; `bare fetch` only streams an already signed URL to
// a file. Prints one JSON line.
import { createWriteStream, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createTelephonyClient } from '@telephony-kit/client';
import { exportPcapToFile } from '@telephony-kit/client/node';

const [mode, baseUrl, token, file] = process.argv.slice(2);
const dateEnd = new Date();
const dateStart = new Date(dateEnd.getTime() - 6 * 86_400_000);
const started = performance.now();
let bytes = 0;

const client = createTelephonyClient({
  baseUrl,
  auth: token,
  // A client given its own fetch (a proxy, custom TLS) downloads with it instead of node:http.
  ...(mode === 'telephony-kit, own fetch' ? { fetch: (request) => fetch(request) } : {}),
});
if (mode.startsWith('telephony-kit')) {
  const result = await exportPcapToFile(client, { dateStart, dateEnd }, file, {
    pollIntervalMs: 50,
  });
  bytes = result.bytes;
} else {
  const body = { dateStart: dateStart.toISOString(), dateEnd: dateEnd.toISOString() };
  const job = await client.unwrap(client.POST('/api/v2/telephony/siptraces/download', { body }));
  const signed = await client.unwrap(
    client.GET('/api/v2/telephony/siptraces/download/{downloadId}', {
      params: { path: { downloadId: job.downloadId } },
    }),
  );
  const response = await fetch(signed.url); // ready at once: the emulator runs with no delay
  const counted = Readable.fromWeb(response.body).on('data', (chunk) => {
    bytes += chunk.length;
  });
  await pipeline(counted, createWriteStream(file));
}
rmSync(file, { force: true });
console.log(
  JSON.stringify({
    mode,
    bytes,
    seconds: (performance.now() - started) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
