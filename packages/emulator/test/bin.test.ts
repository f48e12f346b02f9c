// The built `telephony-emulator` bin: starts, prints its URL and credentials, stops on SIGTERM.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
let child: ChildProcess | undefined;

beforeAll(() => {
  // `turbo run test` builds first; a bare `vitest run` on a fresh checkout builds here.
  if (!existsSync(binPath))
    execFileSync('node_modules/.bin/tsup', { cwd: packageDir, stdio: 'ignore' });
}, 120_000);

afterAll(() => {
  if (child?.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
});

it('prints its URL and the demo credentials, serves, and exits 0 on SIGTERM', async () => {
  const proc = spawn(process.execPath, [binPath, '--port', '0', '--seed', '42', '--calls', '20'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stdout = '';
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

  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  process.kill(proc.pid as number, 'SIGTERM');
  expect(await exited).toBe(0);
});

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
