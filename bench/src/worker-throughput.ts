// The worker against the emulator, each in its own process: PCAP export jobs per minute with the
// shared rate budget off and on (embedded PGlite), and the worker's peak RSS while it downloads
// 1 GiB captures. Reported, not asserted: the budget run is bounded by the budget on purpose.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './emulator';

const bin = fileURLToPath(
  new URL('../node_modules/@telephony-kit/worker/dist/bin.js', import.meta.url),
);

export interface WorkerThroughputResult {
  mode: string;
  jobs: number;
  requestsPerMinute: number;
  seconds: number;
  jobsPerMinute: number;
  /** The worker's resident set once started, before the jobs, in MiB. */
  idleRssMb: number;
  /** The worker's largest resident set sampled while the jobs ran, in MiB. */
  peakRssMb: number;
  /** Bytes written by the jobs. */
  bytes: number;
}

export interface WorkerThroughputOptions {
  /** Export jobs per throughput run (distinct calls of the emulator's data set). Default 200. */
  jobs?: number;
  /** The budget of the second run. Default 300, the platform's limit. */
  requestsPerMinute?: number;
  concurrency?: number;
  /** Size of each padded capture of the RSS run. Default 1 GiB. */
  captureBytes?: number;
  /** Captures downloaded at once in the RSS run. Default 2. */
  captures?: number;
}

interface RunningWorker {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function startWorker(flags: string[], emulatorUrl: string): Promise<RunningWorker> {
  const child = spawn(
    process.execPath,
    [bin, 'start', '--base-url', emulatorUrl, '--port', '0', '--archive-cron', 'off', ...flags],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GENESYSCLOUD_OAUTHCLIENT_ID: 'telephony-kit-demo',
        GENESYSCLOUD_OAUTHCLIENT_SECRET: 'telephony-kit-demo-secret',
      },
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = /"url":"(http:[^"]+)","msg":"HTTP API listening"/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout?.off('data', read);
      child.stdout?.resume();
      resolve({
        child,
        url,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${output}`)));
  });
}

/**
 * The resident set of a live process, in MiB (Linux). Sampled rather than VmHWM: PGlite's first
 * start (its initdb) peaks far above what the worker uses afterwards.
 */
function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    return Number.NaN;
  }
}

async function json<T>(response: Response | Promise<Response>): Promise<T> {
  const answer = await response;
  if (!answer.ok)
    throw new Error(`${answer.url} answered ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as T;
}

/** Exports of distinct calls of the emulator's data set, found through its siptraces search. */
async function exportsOf(emulatorUrl: string, token: string, count: number) {
  const dateEnd = new Date();
  const dateStart = new Date(dateEnd.getTime() - 6 * 86_400_000);
  const search = await json<{ data: { conversationId?: string; date?: string }[] }>(
    fetch(
      `${emulatorUrl}/api/v2/telephony/siptraces?dateStart=${dateStart.toISOString()}&dateEnd=${dateEnd.toISOString()}`,
      { headers: { authorization: `Bearer ${token}` } },
    ),
  );
  const ids = [...new Set(search.data.map((r) => r.conversationId).filter(Boolean))] as string[];
  const requests = [];
  // More jobs than calls: the same calls again with other ranges (distinct keys, distinct jobs).
  for (let i = 0; requests.length < count; i++) {
    const conversationId = ids[i % ids.length] as string;
    const round = Math.floor(i / ids.length);
    requests.push({
      conversationId,
      dateStart: new Date(dateStart.getTime() - round * 60_000).toISOString(),
      dateEnd: dateEnd.toISOString(),
    });
  }
  return requests;
}

async function runJobs(
  worker: RunningWorker,
  requests: unknown[],
): Promise<{ seconds: number; bytes: number; idleRssMb: number; peakRssMb: number }> {
  const idleRssMb = rssMb(worker.child.pid);
  let peakRssMb = idleRssMb;
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, rssMb(worker.child.pid));
  }, 50);
  try {
    const { seconds, bytes } = await waitForJobs(worker, requests);
    return { seconds, bytes, idleRssMb, peakRssMb };
  } finally {
    clearInterval(sampler);
  }
}

async function waitForJobs(
  worker: RunningWorker,
  requests: unknown[],
): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  await json(
    fetch(`${worker.url}/jobs/pcap-export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(requests),
    }),
  );
  for (;;) {
    const { jobs } = await json<{ jobs: { state: string; output: { bytes?: number } }[] }>(
      fetch(`${worker.url}/jobs?name=pcap-export&limit=1000`),
    );
    const finished = jobs.filter((j) => j.state === 'completed' || j.state === 'failed');
    if (finished.length >= requests.length) {
      const failed = jobs.filter((j) => j.state === 'failed');
      if (failed.length) throw new Error(`${failed.length} export jobs failed`);
      return {
        seconds: (performance.now() - started) / 1000,
        bytes: jobs.reduce((sum, j) => sum + (j.output?.bytes ?? 0), 0),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function measureWorkerThroughput(
  options: WorkerThroughputOptions = {},
): Promise<WorkerThroughputResult[]> {
  const jobs = options.jobs ?? 200;
  const budget = options.requestsPerMinute ?? 300;
  const captureBytes = options.captureBytes ?? 1024 ** 3;
  const captures = options.captures ?? 2;
  const results: WorkerThroughputResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'worker-bench-'));
  /** One worker in its own data and output directories, running `requests` to the end. */
  async function measure(
    emulatorUrl: string,
    mode: string,
    requests: Awaited<ReturnType<typeof exportsOf>>,
    requestsPerMinute: number,
    flags: string[],
  ): Promise<void> {
    const count = requests.length;
    const runDir = mkdtempSync(join(dir, 'run-'));
    const worker = await startWorker(
      [
        '--data-dir',
        join(runDir, 'data'),
        '--output-dir',
        join(runDir, 'out'),
        '--requests-per-minute',
        String(requestsPerMinute),
        ...flags,
      ],
      emulatorUrl,
    );
    try {
      const run = await runJobs(worker, requests);
      results.push({
        mode,
        jobs: count,
        requestsPerMinute,
        seconds: run.seconds,
        jobsPerMinute: (count / run.seconds) * 60,
        idleRssMb: run.idleRssMb,
        peakRssMb: run.peakRssMb,
        bytes: run.bytes,
      });
    } finally {
      await worker.stop();
    }
  }
  const emulatorFlags = ['--rate-limit', 'off', '--calls', '200', '--pcap-ready-after', '0'];
  try {
    const emulator = await startEmulator(emulatorFlags);
    try {
      const flags = [
        '--concurrency',
        String(options.concurrency ?? 8),
        '--pcap-poll-interval',
        '100ms',
      ];
      const requests = await exportsOf(emulator.url, emulator.token, jobs);
      await measure(emulator.url, 'budget off', requests, 0, flags);
      await measure(emulator.url, `budget ${budget}/min`, requests, budget, flags);
    } finally {
      await emulator.stop();
    }
    const padded = await startEmulator([
      ...emulatorFlags,
      '--pcap-pad-bytes',
      String(captureBytes),
    ]);
    try {
      const mode = `${captures} × ${(captureBytes / 1024 ** 3).toFixed(1)} GiB captures`;
      const requests = await exportsOf(padded.url, padded.token, captures);
      await measure(padded.url, mode, requests, 0, ['--concurrency', String(captures)]);
    } finally {
      await padded.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** The section `pnpm bench` prints. */
export function formatWorkerThroughput(results: WorkerThroughputResult[]): string {
  return results
    .map(
      (r) =>
        `${r.mode.padEnd(26)} ${String(r.jobs).padStart(4)} jobs ${r.seconds.toFixed(1).padStart(7)} s ${r.jobsPerMinute.toFixed(0).padStart(6)} jobs/min  RSS ${r.idleRssMb.toFixed(0).padStart(4)} MiB idle, ${r.peakRssMb.toFixed(0).padStart(4)} MiB peak  ${(r.bytes / 1024 ** 2).toFixed(0).padStart(6)} MiB written`,
    )
    .join('\n');
}

// `node --import tsx src/worker-throughput.ts` runs it alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await measureWorkerThroughput();
  console.log(formatWorkerThroughput(results));
}
