// `pnpm bench`: every budget of telephony-kit measured side by side with the official SDK or bare
// fetch in the same run, reported as ratios. Nothing here is asserted as a wall-clock threshold.
import { fileURLToPath } from 'node:url';
import { measureBundle } from './bundle-size';
import { startProcess } from './child';
import { measureCpuPerRequest } from './cpu-per-request';
import { measureEmulatorThroughput } from './emulator-throughput';
import { type LoadCase, measureModuleLoad } from './module-load';
import { measurePcapRss } from './pcap-rss';
import { formatWorkerThroughput, measureWorkerThroughput } from './worker-throughput';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const budgets = {
  staticToken: 6_000,
  pkce: 8_000,
  cpuRatio: 1.1,
  loadRatio: 1.15,
  cliVersionRatio: 1.3,
  pcapRssMb: 100,
  emulatorRps: 5_000,
};
const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');

async function bundles() {
  console.log('\n## Browser bundle (esbuild, minified, gzip -9)\n');
  const rows = [
    ['telephony-kit, static token', 'static-token.ts', budgets.staticToken],
    ['telephony-kit, PKCE', 'pkce.ts', budgets.pkce],
    ['openapi-fetch alone', 'openapi-fetch-only.ts', undefined],
    ['official SDK', 'official-sdk.js', undefined],
  ] as const;
  for (const [name, file, budget] of rows) {
    const { gzipped, minified } = await measureBundle(fixture(file));
    const note = budget ? ` (budget ${budget}: ${verdict(gzipped <= budget)})` : '';
    console.log(
      `${name.padEnd(30)} ${String(gzipped).padStart(8)} B gz ${String(minified).padStart(9)} B min${note}`,
    );
  }
}

async function cpu() {
  console.log('\n## Client CPU per request (median of interleaved rounds, same server)\n');
  const server = await startProcess([
    fileURLToPath(new URL('./fixture-server.ts', import.meta.url)),
  ]);
  try {
    for (const r of await measureCpuPerRequest(server.url)) {
      const note =
        r.name === 'telephony-kit'
          ? ` (budget ${budgets.cpuRatio}x: ${verdict(r.ratioToFetch <= budgets.cpuRatio)})`
          : '';
      console.log(
        `${r.name.padEnd(16)} concurrency ${String(r.concurrency).padStart(2)}  ${r.microsPerRequest.toFixed(1).padStart(7)} µs  ${r.ratioToFetch.toFixed(2)}x fetch${note}`,
      );
    }
  } finally {
    await server.stop();
  }
}

function load() {
  console.log('\n## Module load (median wall time of node + import)\n');
  for (const r of measureModuleLoad()) {
    const note = r.name.startsWith('telephony-kit')
      ? ` (budget ${budgets.loadRatio}x: ${verdict(r.ratioToNode <= budgets.loadRatio)})`
      : '';
    console.log(
      `${r.name.padEnd(36)} ${r.medianMs.toFixed(1).padStart(7)} ms  ${r.ratioToNode.toFixed(2)}x${note}`,
    );
  }
}

function cli() {
  console.log('\n## `telephony --version` (median wall time of node + the built CLI)\n');
  const bin = fileURLToPath(
    new URL('../node_modules/@telephony-kit/cli/dist/bin.js', import.meta.url),
  );
  const cases: LoadCase[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'telephony --version', args: [bin, '--version'] },
    { name: 'telephony --help', args: [bin, '--help'] },
  ];
  for (const r of measureModuleLoad(cases)) {
    const note =
      r.name === 'telephony --version'
        ? ` (budget ${budgets.cliVersionRatio}x: ${verdict(r.ratioToNode <= budgets.cliVersionRatio)})`
        : '';
    console.log(
      `${r.name.padEnd(36)} ${r.medianMs.toFixed(1).padStart(7)} ms  ${r.ratioToNode.toFixed(2)}x${note}`,
    );
  }
}

async function emulator() {
  console.log('\n## Emulator: GET mediaregions on loopback (autocannon, 32 connections)\n');
  const results = await measureEmulatorThroughput();
  const bare = results.find((r) => r.name === 'bare node:http')?.requestsPerSecond ?? 1;
  for (const r of results) {
    const note = r.name.includes('emulator')
      ? ` (budget ≥ ${budgets.emulatorRps}: ${verdict(r.requestsPerSecond >= budgets.emulatorRps)})`
      : '';
    console.log(
      `${r.name.padEnd(24)} ${Math.round(r.requestsPerSecond).toString().padStart(7)} req/s  ${(r.requestsPerSecond / bare).toFixed(2)}x bare  errors ${r.errors}${note}`,
    );
  }
}

async function pcap() {
  const gib = Number(process.env.BENCH_PCAP_BYTES ?? 1024 ** 3);
  console.log(
    `\n## PCAP download of ${(gib / 1024 ** 3).toFixed(2)} GiB to disk: peak RSS of the downloading process\n`,
  );
  for (const r of await measurePcapRss(gib)) {
    const note = r.mode.startsWith('telephony-kit')
      ? ` (budget ${budgets.pcapRssMb} MB: ${verdict(r.maxRssMb <= budgets.pcapRssMb)})`
      : '';
    console.log(
      `${r.mode.padEnd(26)} ${r.maxRssMb.toFixed(1).padStart(7)} MB peak RSS  ${(r.bytes / 1024 ** 2).toFixed(0)} MiB in ${r.seconds.toFixed(1)} s${note}`,
    );
  }
}

async function worker() {
  console.log(
    '\n## telephony-worker: PCAP export jobs per minute against the emulator, and its peak RSS\n',
  );
  console.log(formatWorkerThroughput(await measureWorkerThroughput()));
}

const only = process.argv.slice(2);
const sections: Record<string, () => unknown> = { bundles, cpu, load, cli, emulator, pcap, worker };
for (const [name, run] of Object.entries(sections)) {
  if (only.length === 0 || only.includes(name)) await run();
}
