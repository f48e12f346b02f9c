// The thin commands end to end: the BUILT `telephony-worker` (dist/bin.js) spawned against a real
// worker (PGlite + the emulator) serving its HTTP API with a token.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createEmulator, type Emulator } from '@telephony-kit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { version } from '../package.json';
import { type HttpServer, startHttpServer } from '../src/http';
import { createWorkerMetrics } from '../src/metrics';
import type { JobView } from '../src/queue';
import { startWorker, type WorkerHandle } from '../src/worker';
import { BIN, exportsOf, settingsFor, tempDir, waitFor } from './helpers';

const TOKEN = 'cli-test-token-0123456789abcdef';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built bin with `args`; `env` replaces the worker URL/token variables. */
function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('telephony-worker commands (built bin) against a running worker', () => {
  let emulator: Emulator;
  let worker: WorkerHandle;
  let server: HttpServer;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  beforeAll(async () => {
    emulator = await createEmulator({ rateLimit: false, pcapReadyAfterMs: 300 });
    const metrics = createWorkerMetrics();
    worker = await startWorker(
      settingsFor(emulator, [
        '--data-dir',
        tempDir('cli-data'),
        '--output-dir',
        tempDir('cli-out'),
        '--requests-per-minute',
        '0',
        '--pcap-poll-interval',
        '100ms',
        '--archive-cron',
        'off',
      ]),
      { metrics, pollIntervalMs: 200 },
    );
    server = await startHttpServer({ worker, port: 0, token: TOKEN, metrics });
    env = { TELEPHONY_WORKER_URL: server.url, TELEPHONY_WORKER_TOKEN: TOKEN };
    dir = tempDir('cli-files');
  });

  afterAll(async () => {
    await server?.close();
    await worker?.stop({ timeoutMs: 5_000 });
    await emulator?.close();
  });

  const jobCount = async () => (await worker.queue.list({ limit: 1000 })).length;
  const stateOf = async (id: string) => (await worker.queue.get(id))?.state;

  it('prints its version and help without a worker', async () => {
    const versionRun = await run(['--version'], {});
    expect(versionRun).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await run(['--help'], {});
    expect(help.code).toBe(0);
    for (const name of ['start', 'enqueue pcap-export', 'jobs cancel', 'rollout create']) {
      expect(help.stdout).toContain(name);
    }
    const enqueueHelp = await run(['enqueue', 'pcap-export', '--help'], {});
    expect(enqueueHelp.code).toBe(0);
    expect(enqueueHelp.stdout).toMatch(/--file <calls\.csv>[\s\S]*Examples:/);
    expect((await run([], {})).code).toBe(2);
    const unknown = await run(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    const family = await run(['rollout'], {});
    expect(family.code).toBe(2);
    expect(family.stderr).toMatch(
      /rollout is not a command: use `telephony-worker rollout create`/,
    );
    const badFlag = await run(['jobs', '--colour'], env);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/Unknown option '--colour'[\s\S]*telephony-worker jobs --help/);
  });

  it('enqueues one export from flags (JSON when piped), and reports the duplicate', async () => {
    const [call] = exportsOf(emulator, 1) as [
      { conversationId: string; dateStart: string; dateEnd: string },
    ];
    const args = [
      'enqueue',
      'pcap-export',
      '--conversation',
      call.conversationId,
      '--from',
      call.dateStart,
      '--to',
      call.dateEnd,
    ];
    const first = await run(args, env);
    expect(first.code).toBe(0);
    const answer = JSON.parse(first.stdout);
    expect(answer).toEqual({ id: expect.any(String), name: 'pcap-export', duplicate: false });
    expect(first.stderr).toMatch(/Enqueued job/);
    await waitFor('the export to complete', async () => (await stateOf(answer.id)) === 'completed');
    const again = await run(args, env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ ...answer, duplicate: true });

    const got = await run(['jobs', 'get', answer.id], env);
    expect(got.code).toBe(0);
    const job = JSON.parse(got.stdout) as JobView;
    expect(job).toMatchObject({
      id: answer.id,
      state: 'completed',
      output: { bytes: expect.any(Number) },
    });
  });

  it('refuses bad flags before sending anything (exit 2)', async () => {
    const before = await jobCount();
    const noFilter = await run(['enqueue', 'pcap-export', '--since', '2h'], env);
    expect(noFilter.code).toBe(2);
    expect(noFilter.stderr).toMatch(/at least one of --conversation/);
    const badId = await run(
      ['enqueue', 'pcap-export', '--conversation', 'nope', '--since', '2h'],
      env,
    );
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/--conversation: conversationId must be a UUID/);
    const badDate = await run(
      ['enqueue', 'pcap-export', '--call-id', 'x', '--since', 'yesterday'],
      env,
    );
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--since "yesterday" is not a date/);
    const both = await run(
      [
        'enqueue',
        'pcap-export',
        '--call-id',
        'x',
        '--since',
        '2h',
        '--from',
        '2026-11-26T00:00:00Z',
      ],
      env,
    );
    expect(both.code).toBe(2);
    expect((await run(['enqueue', 'pcap-export', '--call-id', 'x'], env)).stderr).toMatch(
      /--since 2h, or --from/,
    );
    expect((await run(['enqueue', 'site-reboot'], env)).code).toBe(2);
    expect(await jobCount()).toBe(before);
  });

  it('enqueues a CSV file, and refuses one with bad rows naming their lines', async () => {
    const calls = exportsOf(emulator, 4).slice(1) as {
      conversationId: string;
      dateStart: string;
      dateEnd: string;
    }[];
    const good = join(dir, 'calls.csv');
    writeFileSync(
      good,
      [
        'conversationId,from,to',
        ...calls.map((c) => `${c.conversationId},${c.dateStart},${c.dateEnd}`),
        `${calls[0]?.conversationId},${calls[0]?.dateStart},${calls[0]?.dateEnd}`,
      ].join('\n'),
    );
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        'conversation,call-id,dateStart,dateEnd',
        `${calls[0]?.conversationId},,${calls[0]?.dateStart},${calls[0]?.dateEnd}`,
        `not-a-uuid,,${calls[0]?.dateStart},${calls[0]?.dateEnd}`,
        `,"abc,def@10.0.0.1",,`,
        `,,${calls[0]?.dateStart},${calls[0]?.dateEnd}`,
      ].join('\r\n'),
    );
    const before = await jobCount();
    const refused = await run(['enqueue', 'pcap-export', '--file', bad], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/3 problems; nothing was enqueued/);
    expect(refused.stderr).toMatch(/line 3: conversationId: conversationId must be a UUID/);
    expect(refused.stderr).toMatch(
      /line 4: dateStart is missing: add a dateStart column or give --since\/--from/,
    );
    expect(refused.stderr).toMatch(/line 5: give at least one of conversationId/);
    expect(await jobCount()).toBe(before);

    const header = join(dir, 'header.csv');
    writeFileSync(header, 'conversationId,colour\n');
    const badHeader = await run(['enqueue', 'pcap-export', '--file', header], env);
    expect(badHeader.code).toBe(2);
    expect(badHeader.stderr).toMatch(/line 1: unknown column "colour"/);

    const accepted = await run(
      ['enqueue', 'pcap-export', '--file', good, '--output', 'ndjson'],
      env,
    );
    expect(accepted.code).toBe(0);
    const lines = accepted.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.line, l.duplicate])).toEqual([
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
    expect(lines[3].id).toBe(lines[0].id);
    expect(accepted.stderr).toMatch(/Enqueued 3 exports; 1 already enqueued/);
    for (const { id } of lines) {
      await waitFor(`job ${id}`, async () => (await stateOf(id)) === 'completed');
    }
  });

  it('lists jobs as JSON, ndjson, YAML and a table, and filters them', async () => {
    const json = await run(['jobs', '--state', 'completed'], env);
    expect(json.code).toBe(0);
    const jobs = JSON.parse(json.stdout) as JobView[];
    expect(jobs.length).toBe(4);
    expect(jobs.every((job) => job.state === 'completed')).toBe(true);
    const ndjson = await run(['jobs', '--state', 'completed', '-o', 'ndjson'], env);
    expect(
      ndjson.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(jobs.map((j) => j.id));
    const yaml = await run(['jobs', '--state', 'completed', '--output', 'yaml'], env);
    expect((parseYaml(yaml.stdout) as JobView[]).map((j) => j.id)).toEqual(jobs.map((j) => j.id));
    const table = await run(['jobs', '--output', 'table', '--limit', '2'], {
      ...env,
      NO_COLOR: '1',
    });
    const rows = table.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ID\s+NAME\s+STATE\s+RETRIES\s+CREATED\s+SUBJECT$/);
    expect(rows).toHaveLength(3);
    expect(table.stdout).not.toContain('\u001b[');
    expect(rows[1]).toMatch(/pcap-export\s+completed/);
    const failed = await run(['jobs', '--state', 'failed', '--json'], env);
    expect(JSON.parse(failed.stdout)).toEqual([]);
    const bogus = await run(['jobs', '--state', 'done'], env);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/--state "done" is not a state: use created, retry/);
  });

  it('cancels a running job, and says when there is nothing to cancel', async () => {
    emulator.setFaults([{ pcap: 'never-ready' }]);
    try {
      const [, , , , fifth] = exportsOf(emulator, 5) as {
        conversationId: string;
        dateStart: string;
        dateEnd: string;
      }[];
      const { id } = await worker.queue.enqueue('pcap-export', fifth);
      await waitFor('the export to start', async () => (await stateOf(id)) === 'active');
      const cancelled = await run(['jobs', 'cancel', id], env);
      expect(cancelled.code).toBe(0);
      expect(JSON.parse(cancelled.stdout)).toMatchObject({ id, state: 'cancelled' });
      expect(cancelled.stderr).toMatch(/Cancelled job/);
      const again = await run(['jobs', 'cancel', id], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(
        /is cancelled: only created, retry or active jobs can be cancelled/,
      );
    } finally {
      emulator.setFaults([]);
    }
  });

  it('exits 4 for an unknown job, 2 for a malformed id', async () => {
    const missing = await run(['jobs', 'get', '00000000-0000-4000-8000-000000000000'], env);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/No job 00000000/);
    expect((await run(['jobs', 'get', 'abc'], env)).code).toBe(2);
    expect((await run(['jobs', 'get'], env)).code).toBe(2);
  });

  it('exits 3 without the token or with a wrong one, and 1 when the worker cannot be reached', async () => {
    const none = await run(['jobs'], { TELEPHONY_WORKER_URL: server.url });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/TELEPHONY_WORKER_TOKEN/);
    const wrong = await run(['jobs'], { ...env, TELEPHONY_WORKER_TOKEN: 'nope' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).not.toContain(TOKEN);

    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const down = await run(['jobs'], { TELEPHONY_WORKER_URL: `http://127.0.0.1:${port}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /Cannot reach the worker at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*telephony-worker start/,
    );
    const badUrl = await run(['jobs'], { TELEPHONY_WORKER_URL: 'not a url' });
    expect(badUrl.code).toBe(2);
  });

  it('creates, lists and shows a rollout', async () => {
    const [site] = emulator.dataset.sites;
    const now = Date.now();
    const missing = await run(['rollout', 'create', '--sites', 'a'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing --window-start, --window-end, --timezone/);
    const badZone = await run(
      [
        'rollout',
        'create',
        '--sites',
        'a',
        '--window-start',
        '02:00',
        '--window-end',
        '04:00',
        '--timezone',
        'Mars/Base',
      ],
      env,
    );
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toMatch(/--timezone: window.timezone must be an IANA time zone/);

    const created = await run(
      [
        'rollout',
        'create',
        '--sites',
        site?.siteId as string,
        '--window-start',
        new Date(now - 60_000).toISOString(),
        '--window-end',
        new Date(now + 3_600_000).toISOString(),
        '--timezone',
        'UTC',
        '--max-parallel',
        '1',
        '--pause-between',
        '0s',
      ],
      env,
    );
    expect(created.code).toBe(0);
    const rollout = JSON.parse(created.stdout);
    expect(rollout.steps).toEqual([expect.objectContaining({ siteId: site?.siteId })]);
    await waitFor(
      'the rollout',
      async () => (await worker.rollouts.get(rollout.id))?.state === 'completed',
    );
    const listed = await run(['rollout', 'list'], env);
    expect(JSON.parse(listed.stdout).map((r: { id: string }) => r.id)).toContain(rollout.id);
    const shown = await run(['rollout', 'get', rollout.id, '--output', 'table'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^SITE\s+STATE\s+AT\s+ERROR\n/);
    expect(shown.stdout).toMatch(new RegExp(`${site?.siteId}\\s+done`));
    expect(shown.stderr).toMatch(/completed/);
    expect((await run(['rollout', 'get', '00000000-0000-4000-8000-000000000000'], env)).code).toBe(
      4,
    );
  });

  it('watches jobs as JSON lines until interrupted (exit 130)', async () => {
    const calls = exportsOf(emulator, 7) as {
      conversationId: string;
      dateStart: string;
      dateEnd: string;
    }[];
    const { id: before } = await worker.queue.enqueue('pcap-export', calls[5]);
    let later: Promise<{ id: string }> | undefined;
    let laterId: string | undefined;
    const watched = await run(['jobs', '--watch', '--interval', '200ms'], env, (stdout, child) => {
      // The first poll prints every job; then a new job shows up as a line of its own.
      if (!later && stdout.includes(before)) {
        later = worker.queue.enqueue('pcap-export', calls[6]);
        later.then(({ id }) => {
          laterId = id;
        });
      }
      if (laterId && stdout.includes(laterId)) child.kill('SIGINT');
    });
    expect(watched.code).toBe(130);
    const lines = watched.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JobView);
    expect(lines.map((job) => job.id)).toContain(before);
    expect(lines.map((job) => job.id)).toContain(laterId);
    expect(watched.stderr).toMatch(/Stopped watching/);
  });
});
