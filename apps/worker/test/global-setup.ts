// Starts a private, throw-away PostgreSQL 15 on loopback for the tests (../../shared/TOOLCHAIN.md):
// installed from Debian when missing, on a free port, stopped by its PID at the end. Each test
// file creates its own database in it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDebianPackage } from '../../../scripts/ensure-debian-package.mjs';

export type PostgresInfo = { ok: true; url: string } | { ok: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresInfo;
    /** A directory for the tests' data directories and outputs, removed at the end. */
    scratch: string;
  }
}

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const latest = versions.at(-1);
  return latest ? join(root, latest, 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let dataDir: string | undefined;

function stop(): void {
  if (!dataDir) return;
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) {
      process.kill(pid, 'SIGINT');
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        spawnSync('sleep', ['0.1']);
      }
    }
  } catch {
    // not running
  }
  rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
}

async function startPostgres(): Promise<PostgresInfo> {
  let bin = postgresBin();
  if (!bin) {
    const installed = ensureDebianPackage('postgresql', '/usr/bin/pg_ctlcluster');
    bin = postgresBin();
    if (!bin) return { ok: false, reason: installed.ok ? 'initdb not found' : installed.reason };
  }
  const root = process.getuid?.() === 0;
  dataDir = mkdtempSync(join(tmpdir(), 'tk-worker-pgdata-'));
  const asPostgres = (command: string, args: string[]) => {
    if (!root) return execFileSync(command, args, { stdio: 'pipe' });
    chownSync(
      dataDir as string,
      Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    );
    const quoted = [command, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    return execFileSync('su', ['postgres', '-c', quoted], { stdio: 'pipe' });
  };
  try {
    asPostgres(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres']);
    // A free port (ours to race for a moment); retried once if another process took it.
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      try {
        asPostgres(join(bin, 'pg_ctl'), [
          '-D',
          dataDir,
          '-l',
          join(dataDir, 'server.log'),
          '-w',
          '-t',
          '60',
          '-o',
          `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`,
          'start',
        ]);
        return { ok: true, url: `postgres://postgres@127.0.0.1:${port}/postgres` };
      } catch (error) {
        if (attempt >= 1) throw error;
      }
    }
  } catch (error) {
    const log = existsSync(join(dataDir, 'server.log'))
      ? readFileSync(join(dataDir, 'server.log'), 'utf8').slice(-500)
      : '';
    stop();
    return { ok: false, reason: `PostgreSQL did not start: ${(error as Error).message} ${log}` };
  }
}

export default async function setup(project: TestProject) {
  const scratch = mkdtempSync(join(tmpdir(), 'tk-worker-tests-'));
  project.provide('scratch', scratch);
  const info = await startPostgres();
  project.provide('postgres', info);
  return () => {
    stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
