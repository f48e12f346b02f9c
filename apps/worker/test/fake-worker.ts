// A small in-memory WorkerHandle: the HTTP layer's tests that do not need a database use it (auth,
// validation, limits, routing, errors). The behaviour of real jobs is tested on startWorker.
import { randomUUID } from 'node:crypto';
import { ValidationError } from '@telephony-kit/client';
import type { HomerRecord } from '@telephony-kit/models';
import type { RolloutView } from '../src/jobs/site-reboot';
import type { JobCount } from '../src/metrics';
import type { JobName, JobState, JobView, WorkerQueue } from '../src/queue';
import type { WorkerHandle, WorkerMetricsSink } from '../src/worker';

export interface FakeWorker extends WorkerHandle {
  jobs: Map<string, JobView>;
  setReady(ready: boolean): void;
  /** The next queue call throws this (an engine failure). */
  failNext(error: Error): void;
}

export function createFakeWorker(
  options: { metrics?: WorkerMetricsSink; records?: HomerRecord[] } = {},
): FakeWorker {
  const jobs = new Map<string, JobView>();
  const keys = new Map<string, string>();
  const rollouts = new Map<string, RolloutView>();
  let ready = true;
  let failure: Error | undefined;
  const check = () => {
    if (failure) {
      const error = failure;
      failure = undefined;
      throw error;
    }
  };
  const noop: WorkerMetricsSink = {
    jobFinished() {},
    apiRequest() {},
    rateLimitWait() {},
    bytesDownloaded() {},
  };
  const queue: WorkerQueue & { counts(): Promise<JobCount[]> } = {
    async counts() {
      const counts = new Map<string, { name: JobName; state: JobState; count: number }>();
      for (const job of jobs.values()) {
        const key = `${job.name}/${job.state}`;
        const entry = counts.get(key) ?? { name: job.name, state: job.state, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
      return [...counts.values()];
    },
    async enqueue(name: JobName, data: unknown) {
      check();
      const record = data as Record<string, unknown>;
      if (record.toUser === 'engine-refuses') {
        throw new ValidationError('toUser engine-refuses is refused by the job schema.', {
          field: 'toUser',
        });
      }
      const key = `${name}:${JSON.stringify(data)}`;
      const existing = keys.get(key);
      if (existing) return { id: existing, duplicate: true };
      const id = randomUUID();
      keys.set(key, id);
      jobs.set(id, {
        id,
        name,
        state: 'created',
        data,
        output: null,
        retryCount: 0,
        createdOn: new Date().toISOString(),
      });
      return { id, duplicate: false };
    },
    async list(filter = {}) {
      check();
      return [...jobs.values()]
        .filter(
          (job) =>
            (!filter.state || job.state === filter.state) &&
            (!filter.name || job.name === filter.name),
        )
        .slice(0, filter.limit ?? 100);
    },
    async get(id) {
      check();
      return jobs.get(id);
    },
    async cancel(id) {
      const job = jobs.get(id);
      if (!job || !(['created', 'retry', 'active'] as JobState[]).includes(job.state)) return false;
      job.state = 'cancelled';
      return true;
    },
  };
  return {
    jobs,
    setReady(value) {
      ready = value;
    },
    failNext(error) {
      failure = error;
    },
    metrics: options.metrics ?? noop,
    ready: () => ready,
    async stop() {},
    queue,
    rollouts: {
      async create(input) {
        const spec = input as { siteIds: string[]; window: RolloutView['window'] };
        const id = randomUUID();
        rollouts.set(id, {
          id,
          state: 'scheduled',
          window: spec.window,
          steps: spec.siteIds.map((siteId) => ({ siteId, state: 'pending' })),
        });
        return { id };
      },
      async list() {
        return [...rollouts.values()];
      },
      async get(id) {
        return rollouts.get(id);
      },
    },
    archive: {
      async search(q) {
        return (options.records ?? []).filter(
          (record) => !q.conversationId || record.conversationId === q.conversationId,
        );
      },
    },
  };
}
