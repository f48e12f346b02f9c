// The worker's HTTP API on node:http: jobs, rollouts, the SIP archive, health and metrics. Bound
// to loopback by default; a bearer token (TELEPHONY_WORKER_TOKEN) protects it, and is required to
// listen on any other address. Every error is JSON `{ error, message, details? }`, never a stack.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import {
  archiveQuerySchema,
  jobNames,
  jobStates,
  jobsQuerySchema,
  pcapExportBodySchema,
  rolloutRequestSchema,
  type ValidationDetail,
  validationDetails,
} from './api-schemas';
import { isLoopback } from './loopback';
import { createWorkerMetrics, isWorkerMetrics, type JobCount, type WorkerMetrics } from './metrics';
import type { WorkerQueue } from './queue';
import type { WorkerHandle } from './worker';

export interface HttpLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface HttpServerOptions {
  worker: WorkerHandle;
  /** Default 127.0.0.1. Any address other than loopback needs a token. */
  host?: string;
  /** Default 8377; 0 picks a free port. */
  port?: number;
  /** The bearer token clients must send; none allows unauthenticated access on loopback only. */
  token?: string | undefined;
  /** Default: the worker's metrics when they come from createWorkerMetrics, else a new registry. */
  metrics?: WorkerMetrics;
  /** The largest request body accepted (413 above it); default 1 MiB. */
  maxBodyBytes?: number;
  logger?: HttpLogger;
}

export interface HttpServer {
  /** `http://host:port` */
  url: string;
  /** Stops listening and closes the connections; safe to call twice. */
  close(): Promise<void>;
}

/** The smallest token accepted when the API listens beyond loopback. */
export const minimumRemoteTokenLength = 16;

/** An HTTP error with the JSON body the API answers. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly details?: readonly ValidationDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface RequestContext {
  req: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  body(): Promise<unknown>;
}

type Handler = (ctx: RequestContext) => Promise<Reply>;

interface Route {
  /** The label in metrics and logs: `/jobs/:id`. */
  path: string;
  pattern: RegExp;
  keys: string[];
  methods: Partial<Record<'GET' | 'POST' | 'DELETE', Handler>>;
  /** Probes answer without a token. */
  open?: boolean;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/** Starts the HTTP API of a started worker. */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8377;
  // Trimmed as the commands trim it: a token read from a file often ends with a newline.
  const token = options.token?.trim() || undefined;
  const loopback = isLoopback(host);
  if (!loopback && !token) {
    throw new Error(
      `Refusing to serve the worker API on ${host} without a token: anyone who can reach it could enqueue jobs and reboot sites. Set TELEPHONY_WORKER_TOKEN to a long random secret (for example \`openssl rand -hex 32\`), or listen on 127.0.0.1.`,
    );
  }
  if (!loopback && token && token.length < minimumRemoteTokenLength) {
    throw new Error(
      `TELEPHONY_WORKER_TOKEN is too short to serve the worker API on ${host}: use at least ${minimumRemoteTokenLength} characters (for example \`openssl rand -hex 32\`).`,
    );
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`The HTTP port must be a whole number from 0 to 65535, not ${port}.`);
  }
  const { worker, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const metrics =
    options.metrics ?? (isWorkerMetrics(worker.metrics) ? worker.metrics : createWorkerMetrics());
  metrics.countJobsWith(async () => (worker.ready() ? countJobs(worker.queue) : []));
  const tokenDigest = token ? digest(token) : undefined;
  const routes = buildRoutes(worker, metrics);

  const server = createServer((req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    let routeLabel = 'unmatched';
    handle(req, (label) => {
      routeLabel = label;
    })
      .catch((error: unknown) => toReply(error, requestId, logger, req))
      .then((reply) => {
        send(res, reply);
        metrics.httpRequest(req.method ?? 'GET', routeLabel, reply.status);
      })
      .catch((error: unknown) => {
        // Writing the answer failed (the client went away): nothing to answer, never a crash.
        logger?.warn({ requestId, err: (error as Error)?.message }, 'HTTP API answer failed');
        res.destroy();
      });
  });

  async function handle(req: IncomingMessage, setRoute: (label: string) => void): Promise<Reply> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://worker.invalid');
    } catch {
      throw new HttpError(400, 'bad_request', 'The request target is not a valid path.');
    }
    if (!(req.url ?? '').startsWith('/')) {
      throw new HttpError(400, 'bad_request', 'The request target is not a path.');
    }
    const match = findRoute(routes, url.pathname);
    if (!match) {
      throw new HttpError(
        404,
        'not_found',
        `No route ${url.pathname.slice(0, 200)}: see GET /healthz, /readyz, /metrics, /jobs, /rollouts and /archive/siptraces in the README.`,
      );
    }
    const { route, params } = match;
    setRoute(route.path);
    checkAccess(req, route, tokenDigest);
    const method = (req.method ?? 'GET').toUpperCase();
    const handler =
      route.methods[method as keyof Route['methods']] ??
      (method === 'HEAD' ? route.methods.GET : undefined);
    if (!handler) {
      const allow = Object.keys(route.methods).join(', ');
      throw new HttpError(
        405,
        'method_not_allowed',
        `${method} is not allowed on ${route.path}: use ${allow}.`,
        undefined,
        { allow },
      );
    }
    let bodyRead: Promise<unknown> | undefined;
    const reply = await handler({
      req,
      params,
      query: url.searchParams,
      body: () => {
        bodyRead ??= readJsonBody(req, maxBodyBytes);
        return bodyRead;
      },
    });
    return reply;
  }

  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${host} is in use: is another telephony-worker running? Pick another with --port.`,
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', (error) => logger?.error({ err: error.message }, 'HTTP server error'));

  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  logger?.info({ auth: token ? 'bearer token' : 'none: loopback only' }, 'HTTP API authentication');

  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= new Promise<void>((resolve) => {
        metrics.countJobsWith(undefined);
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests in flight get a moment to finish, then their sockets are closed.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      return closing;
    },
  };
}

function buildRoutes(worker: WorkerHandle, metrics: WorkerMetrics): Route[] {
  const { queue, rollouts, archive } = worker;
  const requireReady = () => {
    if (!worker.ready()) {
      throw new HttpError(
        503,
        'not_ready',
        'The worker is not ready (its database or queue is starting or stopping): retry shortly.',
        undefined,
        { 'retry-after': '1' },
      );
    }
  };
  return [
    route('/healthz', { GET: async () => ({ status: 200, body: { status: 'ok' } }) }, true),
    route(
      '/readyz',
      {
        GET: async () =>
          worker.ready()
            ? { status: 200, body: { ready: true } }
            : { status: 503, body: { ready: false }, headers: { 'retry-after': '1' } },
      },
      true,
    ),
    route('/metrics', {
      GET: async () => ({
        status: 200,
        body: await metrics.render(),
        headers: { 'content-type': metrics.contentType },
      }),
    }),
    route('/jobs/pcap-export', {
      POST: async (ctx) => {
        const input = parse(pcapExportBodySchema, await ctx.body(), {
          rootType: 'an object (one export) or an array of them (a batch)',
        });
        requireReady();
        const requests = Array.isArray(input) ? input : [input];
        const jobs: { id: string; duplicate: boolean }[] = [];
        for (const [index, data] of requests.entries()) {
          try {
            const { id, duplicate } = await queue.enqueue('pcap-export', data);
            jobs.push({ id, duplicate });
          } catch (error) {
            if (!isValidationError(error)) throw error;
            const field = Array.isArray(input) ? `[${index}]` : '';
            throw new HttpError(
              400,
              'validation_failed',
              jobs.length > 0
                ? `Request ${index} was refused: ${error.message} (the ${jobs.length} before it were enqueued: see details).`
                : `The request was refused: ${error.message}`,
              [
                {
                  field: [field, error.field].filter(Boolean).join('.') || '(body)',
                  message: error.message,
                },
              ],
            );
          }
        }
        const created = jobs.filter((job) => !job.duplicate).length;
        const status = created > 0 ? 201 : 200;
        if (!Array.isArray(input)) {
          const [job] = jobs as [{ id: string; duplicate: boolean }];
          return { status, body: { id: job.id, name: 'pcap-export', duplicate: job.duplicate } };
        }
        return {
          status,
          body: { jobs, created, duplicates: jobs.length - created },
        };
      },
    }),
    route('/jobs', {
      GET: async (ctx) => {
        const query = parse(jobsQuerySchema, queryObject(ctx.query), { root: 'query' });
        requireReady();
        const filter: Parameters<WorkerQueue['list']>[0] = { limit: query.limit };
        if (query.state) filter.state = query.state;
        if (query.name) filter.name = query.name;
        return { status: 200, body: { jobs: await queue.list(filter) } };
      },
    }),
    route('/jobs/:id', {
      GET: async (ctx) => {
        const id = jobId(ctx.params.id);
        requireReady();
        const job = await queue.get(id);
        if (!job) throw notFound('job', id);
        return { status: 200, body: job };
      },
      DELETE: async (ctx) => {
        const id = jobId(ctx.params.id);
        requireReady();
        const before = await queue.get(id);
        if (!before) throw notFound('job', id);
        const cancelled = await queue.cancel(id);
        const job = (await queue.get(id)) ?? before;
        if (!cancelled) {
          throw new HttpError(
            409,
            'conflict',
            `Job ${id} is ${job.state}: only created, retry or active jobs can be cancelled.`,
          );
        }
        return { status: 200, body: { id, cancelled: true, job } };
      },
    }),
    route('/rollouts', {
      POST: async (ctx) => {
        const input = parse(rolloutRequestSchema, await ctx.body());
        requireReady();
        try {
          const { id } = await rollouts.create(input);
          return { status: 201, body: { id, rollout: (await rollouts.get(id)) ?? null } };
        } catch (error) {
          if (!isValidationError(error)) throw error;
          throw new HttpError(
            400,
            'validation_failed',
            `The rollout was refused: ${error.message}`,
            [{ field: error.field ?? '(body)', message: error.message }],
          );
        }
      },
      GET: async () => {
        requireReady();
        return { status: 200, body: { rollouts: await rollouts.list() } };
      },
    }),
    route('/rollouts/:id', {
      GET: async (ctx) => {
        const id = ctx.params.id as string;
        if (id.length > 200) throw notFound('rollout', `${id.slice(0, 40)}…`);
        requireReady();
        const rollout = await rollouts.get(id);
        if (!rollout) throw notFound('rollout', id);
        return { status: 200, body: rollout };
      },
    }),
    route('/archive/siptraces', {
      GET: async (ctx) => {
        const query = parse(archiveQuerySchema, queryObject(ctx.query), { root: 'query' });
        requireReady();
        const search: Parameters<typeof archive.search>[0] = { limit: query.limit };
        for (const key of ['conversationId', 'callId', 'toUser', 'fromUser'] as const) {
          if (query[key] !== undefined) search[key] = query[key];
        }
        if (query.from) search.from = query.from;
        if (query.to) search.to = query.to;
        const records = await archive.search(search);
        return { status: 200, body: { records, count: records.length } };
      },
    }),
  ];
}

function route(path: string, methods: Route['methods'], open = false): Route {
  const keys: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { path, pattern: new RegExp(`^${source}/?$`), keys, methods, open };
}

function findRoute(
  routes: readonly Route[],
  pathname: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const candidate of routes) {
    const match = candidate.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    let valid = true;
    candidate.keys.forEach((key, index) => {
      try {
        params[key] = decodeURIComponent(match[index + 1] as string);
      } catch {
        valid = false;
      }
    });
    if (valid) return { route: candidate, params };
  }
  return undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function checkAccess(req: IncomingMessage, route: Route, tokenDigest: Buffer | undefined): void {
  if (route.open) return;
  if (!tokenDigest) {
    // No token: only this machine may call, and a web page must not reach us through a DNS name
    // that resolves to loopback (DNS rebinding) or a cross-site request.
    const hostname = (req.headers.host ?? '').replace(/:\d+$/, '');
    const origin = req.headers.origin;
    let originHost: string | undefined;
    try {
      originHost = origin ? new URL(origin).hostname : undefined;
    } catch {
      originHost = 'invalid';
    }
    if (!isLoopback(hostname) || (originHost !== undefined && !isLoopback(originHost))) {
      throw new HttpError(
        403,
        'forbidden',
        'Without a token the worker API answers only requests addressed to 127.0.0.1, localhost or [::1] from this machine. Set TELEPHONY_WORKER_TOKEN to call it otherwise.',
      );
    }
    return;
  }
  const header = req.headers.authorization ?? '';
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  // Both sides are hashed first, so the comparison takes the same time whatever the lengths.
  if (!match || !timingSafeEqual(digest(match[1] as string), tokenDigest)) {
    throw new HttpError(
      401,
      'unauthorized',
      header
        ? 'The bearer token is not the worker\u2019s token: check TELEPHONY_WORKER_TOKEN.'
        : 'This worker API needs a token: send `Authorization: Bearer <TELEPHONY_WORKER_TOKEN>`.',
      undefined,
      { 'www-authenticate': 'Bearer realm="telephony-worker"' },
    );
  }
}

async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
    req.resume();
    throw new HttpError(
      415,
      'unsupported_media_type',
      `The body must be JSON: send \`Content-Type: application/json\`${type ? `, not ${type}` : ''}.`,
    );
  }
  const declared = Number(req.headers['content-length']);
  const tooLarge = () =>
    new HttpError(
      413,
      'payload_too_large',
      `The body is larger than ${maxBytes} bytes: send fewer requests per batch.`,
      undefined,
      { connection: 'close' },
    );
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') {
    throw new HttpError(400, 'invalid_json', 'The body is empty: send a JSON document.');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(
      400,
      'invalid_json',
      `The body is not valid JSON (${(error as Error).message}): check quotes and commas.`,
    );
  }
}

function parse<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  options: { root?: string; rootType?: string } = {},
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = validationDetails(result.error, options);
  const first = details[0];
  throw new HttpError(
    400,
    'validation_failed',
    first
      ? `${first.field}: ${first.message}${details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? 's' : ''}, see details)` : ''}`
      : 'The request is not valid.',
    details,
  );
}

function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    if (values.length > 1) {
      throw new HttpError(
        400,
        'validation_failed',
        `query.${key}: give ${key} once, not ${values.length} times.`,
        [{ field: `query.${key}`, message: `give ${key} once` }],
      );
    }
    out[key] = values[0] as string;
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function jobId(value: string | undefined): string {
  if (!value || !UUID.test(value)) {
    throw new HttpError(
      400,
      'validation_failed',
      `Job ids are UUIDs such as 3f2c8a1e-5b7d-4e9f-a0c1-2d3e4f5a6b7c, not ${JSON.stringify(value?.slice(0, 80))}: copy the id that enqueue or GET /jobs answered.`,
      [{ field: 'id', message: 'must be a UUID' }],
    );
  }
  return value.toLowerCase();
}

function notFound(what: string, id: string): HttpError {
  return new HttpError(
    404,
    'not_found',
    `No ${what} ${id}: list them with GET /${what === 'job' ? 'jobs' : 'rollouts'}.`,
  );
}

function isValidationError(error: unknown): error is Error & { field?: string } {
  return (
    error instanceof Error &&
    (error.name === 'ValidationError' || (error as { code?: unknown }).code === 'validation')
  );
}

function toReply(
  error: unknown,
  requestId: string,
  logger: HttpLogger | undefined,
  req: IncomingMessage,
): Reply {
  if (error instanceof HttpError) {
    const body: Record<string, unknown> = { error: error.error, message: error.message };
    if (error.details) body.details = error.details;
    return { status: error.status, body, headers: error.headers };
  }
  if (isValidationError(error)) {
    return {
      status: 400,
      body: {
        error: 'validation_failed',
        message: error.message,
        details: [{ field: error.field ?? '(body)', message: error.message }],
      },
    };
  }
  logger?.error(
    {
      requestId,
      method: req.method,
      path: (req.url ?? '').split('?')[0],
      err:
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : String(error),
    },
    'HTTP API request failed',
  );
  return {
    status: 500,
    body: {
      error: 'internal_error',
      message: `The worker failed to answer this request: see its log for request ${requestId}.`,
    },
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof reply.body === 'string' ? reply.body : `${JSON.stringify(reply.body)}\n`;
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...reply.headers,
    'content-length': Buffer.byteLength(text),
  };
  res.writeHead(reply.status, headers);
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/**
 * The jobs by name and state, for the gauge: the queue's own `counts()` when it has one, else
 * pg-boss's `countStates()` (one GROUP BY over its job table) when the queue exposes its `boss`.
 */
async function countJobs(queue: WorkerQueue): Promise<JobCount[]> {
  const counting = queue as WorkerQueue & {
    counts?: () => Promise<readonly JobCount[]>;
    boss?: { countStates?: () => Promise<{ queues?: Record<string, Record<string, number>> }> };
  };
  if (typeof counting.counts === 'function') return [...(await counting.counts())];
  if (typeof counting.boss?.countStates !== 'function') return [];
  const { queues = {} } = await counting.boss.countStates();
  const counts: JobCount[] = [];
  for (const name of jobNames) {
    for (const state of jobStates) {
      counts.push({ name, state, count: queues[name]?.[state] ?? 0 });
    }
  }
  return counts;
}
