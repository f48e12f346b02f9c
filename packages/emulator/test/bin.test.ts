// The built `telephony-emulator` bin: starts, prints its URL and credentials, stops on SIGINT and
// SIGTERM.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const children: ChildProcess[] = [];

/** The newest modification time of the bin's sources (src/ and the tsup config). */
function newestSourceMtime(): number {
  const files = readdirSync(join(packageDir, 'src'), { recursive: true, encoding: 'utf8' })
    .map((file) => join(packageDir, 'src', file))
    .concat(join(packageDir, 'tsup.config.ts'));
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

function binMtime(): number {
  try {
    return statSync(binPath).mtimeMs;
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
}

beforeAll(() => {
  // `turbo run test` builds first; a bare `vitest run` builds here when dist/bin.js is missing
  // or older than a source, so the test never runs stale code.
  if (binMtime() < newestSourceMtime())
    execFileSync('node_modules/.bin/tsup', { cwd: packageDir, stdio: 'ignore' });
}, 120_000);

afterAll(() => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined)
      process.kill(child.pid, 'SIGKILL');
  }
});

it.each(['SIGTERM', 'SIGINT'] as const)(
  'prints its URL and the demo credentials, serves, and exits 0 on %s',
  async (signal) => {
    const proc = spawn(
      process.execPath,
      [binPath, '--port', '0', '--seed', '42', '--calls', '20'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(proc);
    let stdout = '';
    let stderr = '';
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout?.setEncoding('utf8');
      proc.stdout?.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match) resolve(match[1] as string);
      });
      proc.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
    });
    expect(stdout).toContain('telephony-kit-demo');
    expect(stdout).toContain('telephony-kit-demo-secret');
    expect(stdout).toContain('telephony-kit-viewer');

    const res = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('telephony-kit-demo:telephony-kit-demo-secret').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    // The control endpoint is off without --control.
    expect((await fetch(`${url}/__emulator/faults`)).status).toBe(404);

    // An idle open connection must not keep it from stopping.
    const idle = net.connect(Number(new URL(url).port), '127.0.0.1');
    idle.on('error', () => {});
    await new Promise((resolve) => idle.once('connect', resolve));

    const exited = new Promise<number | null>((resolve) =>
      proc.once('exit', (code) => resolve(code)),
    );
    process.kill(proc.pid as number, signal);
    expect(await exited).toBe(0);
    expect(stderr).toContain(`${signal}, stopping`);
    idle.destroy();
  },
);

it('exits 2 with usage on a bad flag', () => {
  let status: number | null = null;
  let stderr = '';
  try {
    execFileSync(process.execPath, [binPath, '--port', 'x'], { stdio: 'pipe' });
  } catch (error) {
    status = (error as { status: number }).status;
    stderr = String((error as { stderr: Buffer }).stderr);
  }
  expect(status).toBe(2);
  expect(stderr).toContain('--port must be an integer');
  expect(stderr).toContain('Usage: telephony-emulator');
});
