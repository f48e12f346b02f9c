// The worker's Prometheus metrics (prom-client, one registry per worker): the sink the engine
// reports to, the HTTP API's own requests, and the jobs by state, counted at scrape time.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { JobName, JobState } from './queue';
import type { WorkerMetricsSink } from './worker';

/** How many jobs of one name are in one state. */
export interface JobCount {
  name: JobName;
  state: JobState;
  count: number;
}

/** Where the jobs-by-state gauge reads its numbers at scrape time. */
export type JobCounter = () => Promise<readonly JobCount[]>;

export interface WorkerMetrics extends WorkerMetricsSink {
  readonly registry: Registry;
  /** The Content-Type of `render()`'s text. */
  readonly contentType: string;
  /** One request answered by the worker's own HTTP API. */
  httpRequest(method: string, route: string, status: number): void;
  /** Sets where the jobs-by-state gauge reads from (the queue of a started worker). */
  countJobsWith(counter: JobCounter | undefined): void;
  /** The registry in the Prometheus text exposition format. */
  render(): Promise<string>;
}

export interface WorkerMetricsOptions {
  /** Also export prom-client's process metrics (CPU, memory, event loop lag); default true. */
  processMetrics?: boolean;
  countJobs?: JobCounter;
}

/** The names of the series, for the README and the tests. */
export const metricNames = {
  jobs: 'telephony_worker_jobs',
  jobDuration: 'telephony_worker_job_duration_seconds',
  apiRequests: 'telephony_worker_api_requests_total',
  rateLimitWait: 'telephony_worker_rate_limit_wait_seconds_total',
  rateLimitWaits: 'telephony_worker_rate_limit_waits_total',
  bytesDownloaded: 'telephony_worker_downloaded_bytes_total',
  httpRequests: 'telephony_worker_http_requests_total',
} as const;

/** A registry with the worker's series, and the sink the engine reports to. */
export function createWorkerMetrics(options: WorkerMetricsOptions = {}): WorkerMetrics {
  const registry = new Registry();
  let countJobs = options.countJobs;

  new Gauge({
    name: metricNames.jobs,
    help: 'Jobs in the queue by name and state, counted when scraped.',
    labelNames: ['name', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!countJobs) return;
      let counts: readonly JobCount[];
      try {
        counts = await countJobs();
      } catch {
        // The database is unreachable or closing: this scrape has no job counts, the rest stays.
        return;
      }
      for (const { name, state, count } of counts) this.set({ name, state }, count);
    },
  });
  const jobDuration = new Histogram({
    name: metricNames.jobDuration,
    help: 'How long finished jobs ran, by name and final state.',
    labelNames: ['name', 'state'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 3600],
    registers: [registry],
  });
  const apiRequests = new Counter({
    name: metricNames.apiRequests,
    help: 'Requests the worker sent to the Telephony API, by HTTP status (0: no answer).',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const rateLimitWait = new Counter({
    name: metricNames.rateLimitWait,
    help: 'Seconds spent waiting for the requests-per-minute budget or a Retry-After.',
    registers: [registry],
  });
  const rateLimitWaits = new Counter({
    name: metricNames.rateLimitWaits,
    help: 'Waits for the requests-per-minute budget or a Retry-After.',
    registers: [registry],
  });
  const bytesDownloaded = new Counter({
    name: metricNames.bytesDownloaded,
    help: 'Bytes of PCAP captures downloaded.',
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: metricNames.httpRequests,
    help: "Requests answered by the worker's HTTP API, by method, route and status.",
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  if (options.processMetrics !== false) {
    collectDefaultMetrics({ register: registry, prefix: 'telephony_worker_' });
  }

  return {
    registry,
    contentType: registry.contentType,
    jobFinished(name, state, seconds) {
      if (Number.isFinite(seconds) && seconds >= 0) jobDuration.observe({ name, state }, seconds);
    },
    apiRequest(status) {
      apiRequests.inc({ status: String(status) });
    },
    rateLimitWait(ms) {
      if (!Number.isFinite(ms) || ms < 0) return;
      rateLimitWait.inc(ms / 1000);
      rateLimitWaits.inc();
    },
    bytesDownloaded(bytes) {
      if (Number.isFinite(bytes) && bytes > 0) bytesDownloaded.inc(bytes);
    },
    httpRequest(method, route, status) {
      httpRequests.inc({ method, route, status: String(status) });
    },
    countJobsWith(counter) {
      countJobs = counter;
    },
    render() {
      return registry.metrics();
    },
  };
}

/** True for a sink made by createWorkerMetrics (the HTTP server can then serve its registry). */
export function isWorkerMetrics(sink: WorkerMetricsSink | undefined): sink is WorkerMetrics {
  return (
    typeof sink === 'object' &&
    sink !== null &&
    'registry' in sink &&
    typeof (sink as Partial<WorkerMetrics>).render === 'function'
  );
}
