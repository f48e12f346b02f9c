// defineJob: one job type = a name, a schema for its data, the idempotency key derived from the
// data, and a handler. Return completes the job, throw retries it (PermanentJobError fails it at
// once), and the handler passes `signal` to everything it waits on.
import type { TelephonyClient } from '@telephony-kit/client';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Database } from '../database';
import type { WorkerSettings } from '../env';
import type { JobName } from '../queue';
import type { WorkerMetricsSink } from '../worker';

export interface JobProgress<P> {
  /** What an earlier attempt of this job recorded, if anything. */
  get(): Promise<P | undefined>;
  /** Records progress durably before the next step, so a retry resumes from it. */
  set(progress: P): Promise<void>;
  clear(): Promise<void>;
}

export interface JobContext<P = unknown> {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  client: TelephonyClient;
  db: Database;
  settings: WorkerSettings;
  logger: Logger;
  metrics: WorkerMetricsSink;
  progress: JobProgress<P>;
  /** Sends another job (idempotent on its key), optionally not before `startAfter`. */
  enqueue(name: JobName, data: unknown, options?: { startAfter?: Date }): Promise<string>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds definitions of any data type
export interface JobDefinition<Data = any, Result = unknown, Progress = any> {
  name: JobName;
  /** Validates (and normalises) the data of a new job. */
  schema: z.ZodType<Data, z.ZodTypeDef, unknown>;
  /** The idempotency key: two jobs with the same key are one job. */
  key(data: Data): string;
  handler(ctx: JobContext<Progress>, data: Data, options: { signal: AbortSignal }): Promise<Result>;
  /** How long one attempt may stay active before pg-boss expires (and retries) it. */
  expireInSeconds?(settings: WorkerSettings): number;
  /** Overrides the worker's retry limit (0 for at-most-once jobs). */
  retryLimit?: number;
}

export function defineJob<Data, Result, Progress = unknown>(
  definition: JobDefinition<Data, Result, Progress>,
): JobDefinition<Data, Result, Progress> {
  return definition;
}

/** Fails the job without retrying: retrying cannot help (a 4xx, a deadline, a bad request). */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
  readonly code: string;
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code ?? 'job.failed';
  }
}
