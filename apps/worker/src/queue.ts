// The queue: pg-boss 10 behind a small module. Jobs are validated and keyed by their definition
// (jobs/define-job.ts); the key is recorded in `worker_job_keys` and gives the job a fixed id, so
// the same request enqueued twice runs once (also after pg-boss has archived the first job). The
// worker's own fetch loop (not pg-boss's work()) gives every job an abort signal, awaits its
// completion, and lets stop() drain, abort and fail what is running.
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ValidationError } from '@telephony-kit/client';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { type jobNames, jobStates } from './api-schemas';
import type { Database, Row } from './database';
import type { WorkerSettings } from './env';
import { type JobContext, type JobDefinition, PermanentJobError } from './jobs/define-job';

export type JobName = (typeof jobNames)[number];
export type JobState = (typeof jobStates)[number];

export interface JobView {
  id: string;
  name: JobName;
  state: JobState;
  data: unknown;
  output: unknown;
  retryCount: number;
  createdOn: string;
  startedOn?: string;
  completedOn?: string;
}

export interface WorkerQueue {
  /** Validates `data` (throws ValidationError with a clear message); the idempotency key comes from the data. */
  enqueue(name: JobName, data: unknown): Promise<{ id: string; duplicate: boolean }>;
  list(filter?: { state?: JobState; name?: JobName; limit?: number }): Promise<JobView[]>;
  get(id: string): Promise<JobView | undefined>;
  cancel(id: string): Promise<boolean>;
}

/** The job id of a key: a UUID (v8 layout) from sha256(name, key), the same in every process. */
export function jobIdOf(name: string, key: string): string {
  const h = createHash('sha256').update(`${name}\0${key}`).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A stable JSON text of `value` (sorted keys), for keys derived from data. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function describeZodError(
  name: string,
  error: {
    issues: { path: (string | number)[]; message: string }[];
  },
): string {
  const issues = error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(data)'}: ${i.message}`);
  return `Invalid ${name} job: ${issues.join('; ')}.`;
}

interface Running {
  name: JobName;
  controller: AbortController;
  done: Promise<void>;
}

export interface JobRunnerOptions {
  db: Database;
  settings: WorkerSettings;
  logger: Logger;
  definitions: JobDefinition[];
  /** Builds the context of one job (client, metrics, …) around the queue's parts. */
  context(base: Pick<JobContext, 'jobId' | 'retryCount' | 'progress' | 'enqueue'>): JobContext;
  onFinished?(name: JobName, state: 'completed' | 'failed', seconds: number): void;
  /** Polling interval of an idle queue, ms (pg-boss polls at least every 500 ms). */
  pollIntervalMs?: number;
}

/** How often a worker says it is alive, ms (at most; four times per heartbeat timeout). */
const HEARTBEAT_MS = 5_000;

/** The queue and the loops that run its jobs in this process. */
export class JobQueue implements WorkerQueue {
  readonly boss: PgBoss;
  private readonly definitions = new Map<JobName, JobDefinition>();
  private readonly running = new Map<string, Running>();
  private stopping = false;
  private started = false;
  private readonly wakeups = new Set<() => void>();
  private loops: Promise<void>[] = [];
  /** This process in `worker_processes`: its heartbeat tells the others it still runs its jobs. */
  readonly processId = randomUUID();
  private timers: ReturnType<typeof setInterval>[] = [];

  constructor(private readonly options: JobRunnerOptions) {
    for (const definition of options.definitions) this.definitions.set(definition.name, definition);
    const { db } = options;
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => db.executeSql(text, values) },
      schema: 'pgboss',
      // Expired jobs (a worker killed on another host) are found by pg-boss's supervisor.
      maintenanceIntervalSeconds: 30,
      monitorStateIntervalSeconds: 60,
      archiveCompletedAfterSeconds: 7 * 24 * 3600,
      deleteAfterDays: 30,
    });
    this.boss.on('error', (error) => options.logger.warn({ err: error }, 'pg-boss error'));
  }

  private definition(name: string): JobDefinition {
    const definition = this.definitions.get(name as JobName);
    if (!definition) {
      throw new ValidationError(
        `Unknown job type ${JSON.stringify(name)}: use one of ${[...this.definitions.keys()].join(', ')}.`,
        { field: 'name' },
      );
    }
    return definition;
  }

  private retryLimitOf(definition: JobDefinition): number {
    return definition.retryLimit ?? this.options.settings.retryLimit;
  }

  /** Starts pg-boss (installing or migrating its schema) and creates the queues. */
  async start(): Promise<void> {
    const { settings, db } = this.options;
    // Under the set-up lock: workers starting at once on one PostgreSQL database would otherwise
    // deadlock creating the same queues (pg-boss's own queries still use their own connections).
    await db.exclusive(async () => {
      await this.boss.start();
      for (const definition of this.definitions.values()) {
        const queue = {
          name: definition.name,
          retryLimit: this.retryLimitOf(definition),
          retryDelay: settings.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: definition.expireInSeconds?.(settings) ?? 15 * 60,
        };
        if (!(await this.boss.getQueue(definition.name))) {
          await this.boss.createQueue(definition.name, queue);
        }
        await this.boss.updateQueue(definition.name, queue);
      }
    });
    this.started = true;
  }

  /**
   * Hands back the jobs of worker processes whose heartbeat stopped more than
   * `heartbeatTimeoutMs` ago (killed, or their host died), so that they run again at once rather
   * than when their expiry passes. Returns how many jobs were handed back.
   */
  async reapDeadWorkers(): Promise<number> {
    const { db, settings, logger } = this.options;
    const timeout = settings.heartbeatTimeoutMs / 1000;
    // Active jobs, running for longer than the timeout, that no live worker says it runs: their
    // worker died (also between fetching them and recording them as its own).
    const { rows } = await db.executeSql(
      `SELECT j.id, j.name FROM pgboss.job j
        WHERE j.name = ANY($2::text[]) AND j.state = 'active'
          AND j.started_on < now() - make_interval(secs => $1)
          AND NOT EXISTS (
            SELECT 1 FROM worker_running r JOIN worker_processes p ON p.id = r.process_id
             WHERE r.job_id = j.id AND p.heartbeat_on >= now() - make_interval(secs => $1))`,
      [timeout, [...this.definitions.keys()]],
    );
    let handedBack = 0;
    for (const row of rows) {
      if (this.running.has(row.id)) continue;
      try {
        await this.boss.fail(row.name, row.id, {
          message: 'The worker process running this job stopped; it runs again and resumes.',
          code: 'job.interrupted',
        });
        handedBack++;
      } catch (error) {
        logger.warn({ err: error, jobId: row.id }, 'handing back a job failed');
      }
    }
    // Forget long-silent workers and what they were running.
    await db.executeSql(
      `DELETE FROM worker_processes WHERE heartbeat_on < now() - make_interval(secs => $1)`,
      [timeout * 2],
    );
    await db.executeSql(
      `DELETE FROM worker_running r
        WHERE NOT EXISTS (SELECT 1 FROM worker_processes p WHERE p.id = r.process_id)`,
    );
    if (handedBack) logger.warn({ jobs: handedBack }, 'handed back the jobs of a vanished worker');
    return handedBack;
  }

  private async registerProcess(): Promise<void> {
    const { db, settings, logger } = this.options;
    await db.executeSql('INSERT INTO worker_processes (id, hostname, pid) VALUES ($1, $2, $3)', [
      this.processId,
      hostname(),
      process.pid,
    ]);
    // An upsert: a worker wrongly taken for dead (a long pause) registers again.
    const beat = setInterval(
      () => {
        db.executeSql(
          `INSERT INTO worker_processes (id, hostname, pid) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET heartbeat_on = now()`,
          [this.processId, hostname(), process.pid],
        ).catch((error) => logger.warn({ err: error }, 'heartbeat failed'));
      },
      Math.min(HEARTBEAT_MS, settings.heartbeatTimeoutMs / 4),
    );
    const reap = setInterval(
      () => {
        this.reapDeadWorkers().catch((error) => logger.warn({ err: error }, 'reaping failed'));
      },
      Math.max(1_000, Math.min(settings.heartbeatTimeoutMs / 3, 15_000)),
    );
    beat.unref();
    reap.unref();
    this.timers.push(beat, reap);
  }

  /** Fails the jobs left active by a process that died (only when this process owns the database). */
  async recoverInterrupted(): Promise<number> {
    // No other process can be running anything: forget their registrations.
    await this.options.db.executeSql('DELETE FROM worker_processes WHERE id <> $1', [
      this.processId,
    ]);
    await this.options.db.executeSql('DELETE FROM worker_running');
    const { rows } = await this.options.db.executeSql(
      `SELECT id, name FROM pgboss.job WHERE state = 'active' AND name = ANY($1::text[])`,
      [[...this.definitions.keys()]],
    );
    for (const row of rows) {
      await this.boss.fail(row.name, row.id, {
        message: 'The worker process stopped while this job ran; it runs again and resumes.',
        code: 'job.interrupted',
      });
    }
    return rows.length;
  }

  async enqueue(
    name: JobName,
    data: unknown,
    options: { startAfter?: Date } = {},
  ): Promise<{ id: string; duplicate: boolean }> {
    const definition = this.definition(name);
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) {
      throw new ValidationError(describeZodError(name, parsed.error), {
        field: parsed.error.issues[0]?.path.join('.') || 'data',
      });
    }
    const key = definition.key(parsed.data);
    const id = jobIdOf(name, key);
    const { db } = this.options;
    const { rows } = await db.executeSql(
      `INSERT INTO worker_job_keys (name, key, job_id) VALUES ($1, $2, $3)
       ON CONFLICT (name, key) DO NOTHING RETURNING job_id`,
      [name, key, id],
    );
    // A known key whose job exists is a duplicate. A known key without a job: the process that
    // recorded it died before sending it (or the job was deleted long after it ran): send it now.
    if (rows.length === 0 && (await this.exists(name, id))) return { id, duplicate: true };
    const sent = await this.boss.send(name, parsed.data as object, {
      id,
      singletonKey: key.slice(0, 200),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
    return { id, duplicate: sent === null };
  }

  private async exists(name: JobName, id: string): Promise<boolean> {
    return !!(await this.boss.getJobById(name, id, { includeArchive: true }));
  }

  async list(
    filter: { state?: JobState; name?: JobName; limit?: number } = {},
  ): Promise<JobView[]> {
    if (filter.state && !jobStates.includes(filter.state)) {
      throw new ValidationError(
        `Unknown job state ${JSON.stringify(filter.state)}: use one of ${jobStates.join(', ')}.`,
        { field: 'state' },
      );
    }
    const names = filter.name ? [this.definition(filter.name).name] : [...this.definitions.keys()];
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
    const values: unknown[] = [names, limit];
    let where = 'j.name = ANY($1::text[])';
    if (filter.state) {
      values.push(filter.state);
      where += ` AND j.state::text = $${values.length}`;
    }
    const { rows } = await this.options.db.executeSql(
      `SELECT j.id, j.name, j.state::text AS state, j.data, j.output, j.retry_count, j.created_on,
              j.started_on, j.completed_on, p.progress
         FROM pgboss.job j LEFT JOIN worker_job_progress p ON p.job_id = j.id
        WHERE ${where}
        ORDER BY j.created_on DESC, j.id
        LIMIT $2`,
      values,
    );
    return rows.map(toView);
  }

  async get(id: string): Promise<JobView | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      return undefined;
    for (const table of ['job', 'archive']) {
      const { rows } = await this.options.db.executeSql(
        `SELECT j.id, j.name, j.state::text AS state, j.data, j.output, j.retry_count, j.created_on,
                j.started_on, j.completed_on, p.progress
           FROM pgboss.${table} j LEFT JOIN worker_job_progress p ON p.job_id = j.id
          WHERE j.id = $1 AND j.name = ANY($2::text[])
          LIMIT 1`,
        [id, [...this.definitions.keys()]],
      );
      if (rows[0]) return toView(rows[0]);
    }
    return undefined;
  }

  async cancel(id: string): Promise<boolean> {
    const job = await this.get(id);
    if (!job || !['created', 'retry', 'active'].includes(job.state)) return false;
    await this.boss.cancel(job.name, id);
    const after = await this.get(id);
    const cancelled = after?.state === 'cancelled';
    if (cancelled) this.running.get(id)?.controller.abort(new Error('The job was cancelled.'));
    return cancelled;
  }

  // --- processing ---------------------------------------------------------------------------

  /** Starts one fetch loop per job type, each running up to `concurrency` jobs at once. */
  async startProcessing(): Promise<void> {
    if (!this.started) throw new Error('JobQueue.start() must finish before startProcessing().');
    await this.registerProcess();
    await this.reapDeadWorkers();
    for (const definition of this.definitions.values()) {
      this.loops.push(this.loop(definition));
    }
  }

  /** How many jobs this process runs right now. */
  activeCount(): number {
    return this.running.size;
  }

  private wake(): void {
    for (const wakeup of [...this.wakeups]) wakeup();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeups.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeups.add(done);
    });
  }

  private async loop(definition: JobDefinition): Promise<void> {
    const { settings, logger } = this.options;
    const pollMs = this.options.pollIntervalMs ?? 500;
    while (!this.stopping) {
      const mine = [...this.running.values()].filter((r) => r.name === definition.name).length;
      const free = settings.concurrency - mine;
      if (free <= 0) {
        await this.pause(pollMs);
        continue;
      }
      let jobs: PgBoss.JobWithMetadata<unknown>[] = [];
      try {
        jobs = await this.boss.fetch(definition.name, { batchSize: free, includeMetadata: true });
      } catch (error) {
        if (this.stopping) break;
        logger.warn({ err: error, job: definition.name }, 'fetching jobs failed; retrying');
      }
      if (this.stopping) {
        // Fetched while stopping: hand them back at once.
        for (const job of jobs ?? []) await this.failInterrupted(job).catch(() => {});
        break;
      }
      for (const job of jobs ?? []) this.run(definition, job);
      if (!jobs?.length) await this.pause(pollMs);
    }
  }

  private progressOf(job: { id: string; name: string }) {
    const { db } = this.options;
    return {
      get: async () => {
        const { rows } = await db.executeSql(
          'SELECT progress FROM worker_job_progress WHERE job_id = $1',
          [job.id],
        );
        return rows[0]?.progress;
      },
      set: async (progress: unknown) => {
        await db.executeSql(
          `INSERT INTO worker_job_progress (job_id, name, progress) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (job_id) DO UPDATE SET progress = EXCLUDED.progress, updated_on = now()`,
          [job.id, job.name, JSON.stringify(progress)],
        );
      },
      clear: async () => {
        await db.executeSql('DELETE FROM worker_job_progress WHERE job_id = $1', [job.id]);
      },
    };
  }

  private run(definition: JobDefinition, job: PgBoss.JobWithMetadata<unknown>): void {
    const { logger } = this.options;
    const controller = new AbortController();
    const started = performance.now();
    const log = logger.child({ job: job.name, jobId: job.id, attempt: job.retryCount + 1 });
    const expireMs = (job.expireInSeconds || 900) * 1000;
    const expiry = setTimeout(
      () =>
        controller.abort(
          new Error(
            `The job ran longer than its expiry (${job.expireInSeconds} s) and was stopped.`,
          ),
        ),
      expireMs,
    );
    const context = this.options.context({
      jobId: job.id,
      retryCount: job.retryCount,
      progress: this.progressOf(job),
      enqueue: async (name, data, options) => (await this.enqueue(name, data, options)).id,
    });
    const done = (async () => {
      log.info('job started');
      try {
        await this.options.db.executeSql(
          `INSERT INTO worker_running (job_id, name, process_id) VALUES ($1, $2, $3)
           ON CONFLICT (job_id) DO UPDATE SET process_id = EXCLUDED.process_id, started_on = now()`,
          [job.id, job.name, this.processId],
        );
        const data = definition.schema.parse(job.data);
        const result = await definition.handler(context, data, { signal: controller.signal });
        await this.boss.complete(job.name, job.id, toOutput(result));
        const seconds = (performance.now() - started) / 1000;
        log.info({ seconds, result }, 'job completed');
        this.options.onFinished?.(definition.name, 'completed', seconds);
      } catch (error) {
        const seconds = (performance.now() - started) / 1000;
        if (this.stopping && controller.signal.aborted) {
          // Aborted by shutdown: it runs again (and resumes) on the next start or another worker.
          log.warn({ err: error }, 'job interrupted by shutdown');
          await this.failInterrupted(job).catch(() => {});
          return;
        }
        const permanent = isPermanent(error);
        if (permanent) {
          // Retrying cannot help: no attempts left.
          await this.options.db
            .executeSql(
              'UPDATE pgboss.job SET retry_limit = retry_count WHERE name = $1 AND id = $2',
              [job.name, job.id],
            )
            .catch(() => {});
        }
        const lastAttempt = permanent || job.retryCount >= job.retryLimit;
        await this.boss
          .fail(job.name, job.id, errorOutput(error, permanent))
          .catch((e) => log.error({ err: e }, 'recording the failure failed'));
        log[lastAttempt ? 'error' : 'warn'](
          { err: summary(error), permanent },
          lastAttempt ? 'job failed' : 'job attempt failed; it will be retried',
        );
        if (lastAttempt) this.options.onFinished?.(definition.name, 'failed', seconds);
      } finally {
        clearTimeout(expiry);
        await this.options.db
          .executeSql('DELETE FROM worker_running WHERE job_id = $1 AND process_id = $2', [
            job.id,
            this.processId,
          ])
          .catch(() => {});
        this.running.delete(job.id);
        this.wake();
      }
    })();
    this.running.set(job.id, { name: definition.name, controller, done });
  }

  private async failInterrupted(job: { id: string; name: string }): Promise<void> {
    await this.boss.fail(job.name, job.id, {
      message: 'The worker stopped while this job ran; it runs again and resumes.',
      code: 'job.interrupted',
    });
  }

  /**
   * Stops taking jobs, waits up to `timeoutMs` for the running ones, then aborts them (their
   * handlers remove partial files) and hands them back to the queue. Then stops pg-boss.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    await Promise.all(this.loops);
    const settled = Promise.all([...this.running.values()].map((r) => r.done));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = await Promise.race([
      settled.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.options.logger.warn(
        { jobs: this.running.size, timeoutMs },
        'jobs still running after the shutdown timeout; aborting them',
      );
      for (const running of this.running.values()) {
        running.controller.abort(new Error('The worker is shutting down.'));
      }
      await Promise.all([...this.running.values()].map((r) => r.done));
    }
    for (const timer of this.timers) clearInterval(timer);
    await this.options.db
      .executeSql('DELETE FROM worker_processes WHERE id = $1', [this.processId])
      .catch(() => {});
    if (this.started) await this.boss.stop({ graceful: false, wait: true, close: false });
  }
}

function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentJobError || error instanceof ValidationError) return true;
  const e = error as { name?: string; status?: number; retryable?: boolean };
  if (e?.name === 'ApiError' && typeof e.status === 'number') {
    return e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429;
  }
  return e?.name === 'AuthError';
}

function summary(error: unknown): Record<string, unknown> {
  const e = error as { name?: string; message?: string; code?: string; status?: number };
  return { name: e?.name, message: e?.message ?? String(error), code: e?.code, status: e?.status };
}

function errorOutput(error: unknown, permanent: boolean): object {
  return { ...summary(error), permanent };
}

function toOutput(result: unknown): object | undefined {
  if (result === undefined || result === null) return undefined;
  return typeof result === 'object' ? (result as object) : { value: result };
}

function iso(value: unknown): string | undefined {
  if (!value) return undefined;
  return (value instanceof Date ? value : new Date(value as string)).toISOString();
}

function toView(row: Row): JobView {
  const view: JobView = {
    id: row.id,
    name: row.name,
    state: row.state,
    data: row.data,
    output: row.output ?? (row.progress ? { progress: row.progress } : null),
    retryCount: row.retry_count,
    createdOn: iso(row.created_on) as string,
  };
  const startedOn = iso(row.started_on);
  const completedOn = iso(row.completed_on);
  if (startedOn) view.startedOn = startedOn;
  if (completedOn) view.completedOn = completedOn;
  return view;
}
