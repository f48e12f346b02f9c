// Output conventions of the thin commands, in-process (a spawned bin is never a TTY): tables and
// colours on a terminal, JSON when piped, NO_COLOR and --no-color, and --output checked.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, runCli } from '../src/cli';
import { type HttpServer, startHttpServer } from '../src/http';
import { chooseFormat, render, useColour } from '../src/output';
import { createFakeWorker, type FakeWorker } from './fake-worker';

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      stream.text += chunk.toString();
      callback();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

describe('output', () => {
  it('chooses table on a TTY, JSON when piped, and what --output/--json ask for', () => {
    expect(chooseFormat({ isTTY: true })).toBe('table');
    expect(chooseFormat({ isTTY: false })).toBe('json');
    expect(chooseFormat({ isTTY: true, json: true })).toBe('json');
    expect(chooseFormat({ isTTY: false, output: 'yaml' })).toBe('yaml');
    expect(() => chooseFormat({ isTTY: false, output: 'xml' })).toThrow(
      /use json, yaml, table, ndjson/,
    );
  });

  it('colours only a TTY without NO_COLOR or --no-color', () => {
    expect(useColour({}, false, true)).toBe(true);
    expect(useColour({ NO_COLOR: '' }, false, true)).toBe(false);
    expect(useColour({}, true, true)).toBe(false);
    expect(useColour({}, false, false)).toBe(false);
  });

  it('renders aligned tables, coloured states, and one JSON object per ndjson line', () => {
    const output = {
      data: [
        { id: 'a', state: 'completed' },
        { id: 'bbbb', state: 'failed' },
      ],
      columns: [
        { header: 'ID', value: (row: Record<string, unknown>) => row.id },
        { header: 'STATE', value: (row: Record<string, unknown>) => row.state, colour: true },
      ],
    };
    expect(render(output, 'table', false)).toBe('ID    STATE\na     completed\nbbbb  failed\n');
    const coloured = render(output, 'table', true);
    expect(coloured).toContain('\u001b[32mcompleted\u001b[39m');
    expect(coloured).toContain('\u001b[31mfailed\u001b[39m');
    expect(render(output, 'ndjson', false)).toBe(
      '{"id":"a","state":"completed"}\n{"id":"bbbb","state":"failed"}\n',
    );
    expect(render({ data: { id: 'x', n: 1 } }, 'yaml', false)).toBe('id: x\nn: 1\n');
  });
});

describe('runCli on a terminal', () => {
  let server: HttpServer;
  let worker: FakeWorker;

  beforeAll(async () => {
    worker = createFakeWorker();
    server = await startHttpServer({ worker, port: 0 });
    await worker.queue.enqueue('pcap-export', {
      callId: 'x',
      dateStart: '2026-11-26T08:00:00Z',
      dateEnd: '2026-11-26T09:00:00Z',
    });
  });
  afterAll(() => server.close());

  async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
    const stdout = sink();
    const stderr = sink();
    const io: CliIo = {
      argv,
      env: { TELEPHONY_WORKER_URL: server.url, ...env },
      stdout,
      stderr,
      isTTY: { stdout: true, stderr: true },
      signal: new AbortController().signal,
    };
    const code = await runCli(io);
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('prints a coloured table, and plain text with NO_COLOR or --no-color', async () => {
    const coloured = await cli(['jobs']);
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toMatch(/ID.*NAME.*STATE/);
    expect(coloured.stdout).toContain('\u001b[36mcreated\u001b[39m');
    const plain = await cli(['jobs'], { NO_COLOR: '1' });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout).toMatch(/pcap-export\s+created\s+0/);
    expect((await cli(['jobs', '--no-color'])).stdout).not.toContain('\u001b[');
  });

  it('refuses an unknown --output before any request', async () => {
    const result = await cli(['jobs', '--output', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /--output "xml" is not a format[\s\S]*telephony-worker jobs --help/,
    );
  });

  it('logs each exchange with --verbose on stderr, never the token', async () => {
    const result = await cli(['jobs', '--verbose', '--json'], {
      TELEPHONY_WORKER_TOKEN: 'verbose-secret-token',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
    expect(result.stderr).toMatch(/→ GET \/jobs\n← 200 GET \/jobs/);
    expect(result.stderr).not.toContain('verbose-secret-token');
  });
});
