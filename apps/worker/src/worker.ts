// startWorker: opens the database, starts pg-boss, registers the jobs and returns a handle whose
// stop() is graceful, bounded and safe to call twice.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  clientCredentials,
  createTelephonyClient,
  staticToken,
  type TelephonyClient,
} from '@telephony-kit/client';
import pino, { type Logger } from 'pino';
import { createSipArchive, type SipArchive } from './archive';
import { type Database, openDatabase } from './database';
import type { WorkerSettings } from './env';
import type { JobDefinition } from './jobs/define-job';
import { pcapExportJob } from './jobs/pcap-export';
import { sipArchiveJob } from './jobs/sip-archive';
import { createRollouts, type Rollouts, siteRebootJob } from './jobs/site-reboot';
import { type JobName, JobQueue, type WorkerQueue } from './queue';
import { budgetedFetch, createRateBudget } from './rate-budget';
import { migrate } from './schema';

/** ENGINE calls this sink; API's metrics.ts implements it. */
export interface WorkerMetricsSink {
  jobFinished(name: JobName, state: 'completed' | 'failed', seconds: number): void;
  apiRequest(status: number): void;
  rateLimitWait(ms: number): void;
  bytesDownloaded(bytes: number): void;
}

export interface WorkerHandle {
  queue: WorkerQueue;
  archive: SipArchive;
  rollouts: Rollouts;
  metrics: WorkerMetricsSink;
  /** The database is connected and pg-boss started. */
  ready(): boolean;
  /** Graceful: stops taking jobs, waits up to timeoutMs, then aborts; safe to call twice. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export interface StartWorkerOptions {
  metrics?: WorkerMetricsSink;
  logger?: Logger;
  /** Tests: job definitions other than the three built-in ones. */
  definitions?: JobDefinition[];
  /** Tests: polling interval of idle queues (default 500 ms). */
  pollIntervalMs?: number;
}

export const noMetrics: WorkerMetricsSink = {
  jobFinished() {},
  apiRequest() {},
  rateLimitWait() {},
  bytesDownloaded() {},
};

function createClient(
  settings: WorkerSettings,
  fetch: ReturnType<typeof budgetedFetch>,
  logger: Logger,
  metrics: WorkerMetricsSink,
): TelephonyClient {
  const { credentials } = settings;
  const auth =
    credentials.kind === 'client-credentials'
      ? clientCredentials({
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
        })
      : staticToken(credentials.token);
  const log = logger.child({ component: 'client' });
  const common = {
    auth,
    fetch,
    // The budgeted fetch times each attempt out itself, after its wait for the budget.
    timeoutMs: 0,
    logger: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.debug(message),
      warn: (message: string) => log.info(message),
      error: (message: string) => log.warn(message),
    },
    onWait: (event: { reason: string; ms: number }) => {
      if (event.reason === 'retry-after' || event.reason === 'rate-limit') {
        metrics.rateLimitWait(event.ms);
      }
    },
  };
  return settings.baseUrl
    ? createTelephonyClient({ ...common, baseUrl: settings.baseUrl })
    : createTelephonyClient({ ...common, region: settings.region as string });
}

/** Removes `.part` files left by a process that was killed mid-download. */
async function sweepPartFiles(directory: string, logger: Logger): Promise<number> {
  let removed = 0;
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(
    () => [],
  );
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.part')) {
      const path = join(
        entry.parentPath ?? (entry as { path?: string }).path ?? directory,
        entry.name,
      );
      await rm(path, { force: true });
      removed++;
    }
  }
  if (removed) logger.info({ removed }, 'removed partial files of interrupted downloads');
  return removed;
}

export async function startWorker(
  settings: WorkerSettings,
  options: StartWorkerOptions = {},
): Promise<WorkerHandle> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const metrics = options.metrics ?? noMetrics;
  const db: Database = await openDatabase(settings);
  let queue: JobQueue | undefined;
  try {
    await migrate(db);
    const budget = await createRateBudget(db, settings.requestsPerMinute, {
      onWait: (ms) => metrics.rateLimitWait(ms),
    });
    const client = createClient(
      settings,
      budgetedFetch(budget, { onResponse: (status) => metrics.apiRequest(status) }),
      logger,
      metrics,
    );
    const jobQueue = new JobQueue({
      db,
      settings,
      logger,
      definitions: options.definitions ?? [pcapExportJob, siteRebootJob, sipArchiveJob],
      pollIntervalMs: options.pollIntervalMs,
      context: (base) => ({
        ...base,
        client,
        db,
        settings,
        metrics,
        logger: logger.child({ jobId: base.jobId }),
      }),
      onFinished: (name, state, seconds) => metrics.jobFinished(name, state, seconds),
    });
    queue = jobQueue;
    await jobQueue.start();
    if (db.kind === 'pglite') {
      // This process owns the embedded database: anything still active was interrupted.
      const interrupted = await jobQueue.recoverInterrupted();
      if (interrupted) logger.warn({ interrupted }, 'resuming jobs interrupted by a crash');
      await sweepPartFiles(settings.outputDir, logger);
    }
    if (!options.definitions || options.definitions.some((d) => d.name === 'sip-archive')) {
      const { boss } = jobQueue;
      await db.exclusive(() =>
        settings.archiveCron === 'off'
          ? boss.unschedule('sip-archive')
          : boss.schedule('sip-archive', settings.archiveCron, {}, { tz: 'UTC' }),
      );
    }
    await jobQueue.startProcessing();
    logger.info(
      {
        database: db.description,
        outputDir: settings.outputDir,
        concurrency: settings.concurrency,
        requestsPerMinute: settings.requestsPerMinute,
      },
      'worker started',
    );

    let ready = true;
    let stopping: Promise<void> | undefined;
    return {
      queue: jobQueue,
      archive: createSipArchive(db),
      rollouts: createRollouts(db, (data) => jobQueue.enqueue('site-reboot', data)),
      metrics,
      ready: () => ready,
      stop(stopOptions = {}) {
        stopping ??= (async () => {
          ready = false;
          const timeoutMs = stopOptions.timeoutMs ?? settings.shutdownTimeoutMs;
          logger.info({ timeoutMs, running: jobQueue.activeCount() }, 'worker stopping');
          try {
            await jobQueue.stop(timeoutMs);
          } finally {
            await db.close();
          }
          logger.info('worker stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await queue?.stop(0).catch(() => {});
    await db.close().catch(() => {});
    throw error;
  }
}
