// The worker's database behind one `executeSql` shape (the one pg-boss's `db` option takes):
// embedded PGlite in `<dataDir>/pglite`, owned by exactly one process through an exclusive lock
// file, or a `pg` pool for DATABASE_URL. Everything above this file runs the same SQL on both.

import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TelephonyError } from '@telephony-kit/client';

/** A row as the database answers it; each query knows its own columns. */
// biome-ignore lint/suspicious/noExplicitAny: the shape of pg-boss's `db` option; rows are per query
export type Row = any;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** A description without credentials, for logs. */
  readonly description: string;
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
  /**
   * Runs `fn` while this process alone holds the database's set-up lock (a session advisory lock
   * on one connection, which `fn`'s executeSql uses): schema creation by several workers starting
   * at once must not race.
   */
  exclusive<T>(fn: (sql: Pick<Database, 'executeSql'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The key of the set-up lock (pg_advisory_lock). */
const SETUP_LOCK = 727_361;

/** The embedded database directory is owned by another process. */
export class DatabaseLockedError extends TelephonyError {
  readonly exitCode = 3;
  constructor(
    message: string,
    readonly ownerPid: number | undefined,
  ) {
    super(message, { code: 'database.locked' });
  }
}

interface LockOwner {
  pid: number;
  hostname: string;
  /** Linux: the process's start time in clock ticks (/proc/<pid>/stat field 22). */
  startTicks?: string;
  startedAt: string;
}

function startTicksOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return false; // we do not hold it yet: a reused PID
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // The PID is taken: by the owner, unless it was reused after a crash.
  const ticks = startTicksOf(owner.pid);
  return !(owner.startTicks && ticks && ticks !== owner.startTicks);
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return typeof owner?.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes `<dataDir>/worker.lock` with O_EXCL, holding this process's PID. A lock whose process is
 * gone (on this host) is stale and taken over; a live owner is refused with its PID. Returns the
 * release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'worker.lock');
  const me: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
  };
  const ticks = startTicksOf(process.pid);
  if (ticks) me.startTicks = ticks;
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner && owner.hostname !== me.hostname) {
        throw new DatabaseLockedError(
          `The embedded database in ${dataDir} is locked by process ${owner.pid} on host ${owner.hostname} (since ${owner.startedAt}). One worker process owns an embedded database: stop that worker, or set DATABASE_URL to share a PostgreSQL database between workers. If that host is gone for good, delete ${file}.`,
          owner.pid,
        );
      }
      if (owner && isAlive(owner)) {
        throw new DatabaseLockedError(
          `The embedded database in ${dataDir} is in use by worker process ${owner.pid} (since ${owner.startedAt}). One worker process owns an embedded database: stop that worker first, or set DATABASE_URL to share a PostgreSQL database between several workers.`,
          owner.pid,
        );
      }
      if (!owner) {
        // Being written right now by a starting process, or left half-written by a crash.
        const age = Date.now() - (statMtime(file) ?? Date.now());
        if (age < 2_000) {
          sleepSync(100);
          continue;
        }
      }
      // Stale: move it aside atomically (only one contender wins the rename), then retry.
      const aside = `${file}.stale-${process.pid}`;
      try {
        renameSync(file, aside);
        rmSync(aside, { force: true });
      } catch {
        // another process took it over first
      }
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    };
    process.on('exit', release);
    return release;
  }
  const owner = readOwner(file);
  throw new DatabaseLockedError(
    `Could not lock the embedded database in ${dataDir}${owner ? ` (held by process ${owner.pid})` : ''}: another worker keeps taking it. Stop the other workers, or use DATABASE_URL.`,
    owner?.pid,
  );
}

function statMtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs PGlite's initdb in a short-lived child process. Its WebAssembly memory peaks near 800 MB
 * and a WebAssembly memory never shrinks, so doing it here would leave the worker that large for
 * its whole life; opened afterwards, the database costs about a third of that.
 */
async function initializeInChild(directory: string): Promise<void> {
  const module = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `const { PGlite } = require(${JSON.stringify(module)});
PGlite.create(${JSON.stringify(directory)}).then((db) => db.close()).catch((error) => {
  console.error(error && error.message ? error.message : String(error));
  process.exit(1);
});`;
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
  if (result.code !== 0) {
    throw new TelephonyError(
      `Could not create the embedded database in ${directory}: ${result.stderr.trim() || `exit ${result.code}`}. Check that the directory is writable and the disk not full.`,
      { code: 'database.init' },
    );
  }
}

/** Opens PGlite in `<dataDir>/pglite` after taking the data dir's lock. */
export async function openEmbeddedDatabase(dataDir: string): Promise<Database> {
  const release = lockDataDir(dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const directory = join(dataDir, 'pglite');
    if (!existsSync(join(directory, 'PG_VERSION'))) await initializeInChild(directory);
    const pglite = await PGlite.create(directory);
    let closed = false;
    const executeSql: Database['executeSql'] = async (text, values) => {
      if (values && values.length > 0) {
        const result = await pglite.query(text, values);
        return { rows: result.rows as Row[] };
      }
      // Without parameters pg-boss may send several statements (its migrations).
      const results = await pglite.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Row[] };
    };
    return {
      kind: 'pglite',
      description: `embedded PGlite in ${directory}`,
      executeSql,
      // This process owns the embedded database: nobody to race with.
      exclusive: (fn) => fn({ executeSql }),
      async close() {
        if (closed) return;
        closed = true;
        try {
          await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** A `pg` pool on DATABASE_URL; errors never repeat the URL (it may hold a password). */
export async function openPostgresDatabase(url: string, max = 10): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'telephony-worker' });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next query.
  });
  let where = 'PostgreSQL';
  try {
    const parsed = new URL(url);
    where = `PostgreSQL at ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {}
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new TelephonyError(
      `Could not connect to ${where} (DATABASE_URL): ${(error as Error).message}. Check that the server runs and accepts the user of DATABASE_URL.`,
      { code: 'database.unreachable' },
    );
  }
  let closed = false;
  return {
    kind: 'postgres',
    description: where,
    async executeSql(text, values) {
      const result = await pool.query(text, values as unknown[] | undefined);
      // A multi-statement text answers an array of results.
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: last?.rows ?? [] };
    },
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK]);
        try {
          return await fn({
            async executeSql(text, values) {
              const result = await client.query(text, values as unknown[] | undefined);
              const last = Array.isArray(result) ? result.at(-1) : result;
              return { rows: last?.rows ?? [] };
            },
          });
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK]).catch(() => {});
        }
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

export function openDatabase(settings: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  return settings.databaseUrl
    ? openPostgresDatabase(settings.databaseUrl)
    : openEmbeddedDatabase(settings.dataDir);
}
