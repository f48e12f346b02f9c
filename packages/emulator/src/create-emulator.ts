// createEmulator: builds the state from the seeded data set and serves the login service, the
// nine operations, signed storage URLs and (optionally) the control endpoint on one port.
//
// Every request: correlation id, log entry, route, the control endpoint's guard, CORS, connection
// faults (latency, drop, truncation), body size (413); then the route (API requests go through
// api-pipeline.ts). Every 1,000 requests, expired tokens, codes and rate windows are swept.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { answerApi, rateHeadersOutsidePipeline } from './api-pipeline';
import { type ClientConfig, DEMO_CLIENT_ID, defaultClients, VIEWER_CLIENT_ID } from './clients';
import { createEmulatorClock, formatTime } from './clock';
import { type Dataset, generateDataset, normalizeHardwareId } from './data/generate-dataset';
import { createRandom } from './data/random';
import { ApiError, errorBody, errorReply, injectedError } from './errors';
import { createFaults, type FaultDecision, type FaultRule } from './faults';
import { SWEEP_EVERY_REQUESTS, sweepExpired } from './housekeeping';
import { BodyTooLargeError, MAX_BODY_BYTES, type Reply, readBody, sendReply } from './http';
import { handleAuthorize, handleToken } from './oauth';
import type { ClientCredentials, Emulator, EmulatorOptions, ResetOptions } from './options';
import { createRateLimiter } from './rate-limit';
import { resolveRoute, routeId } from './router';
import { controlRefusal, handleControl } from './routes/control';
import { handleStorage } from './routes/storage';
import { createUrlSigner } from './signed-url';
import { createSipIndex } from './sip-index';
import type { EmulatorState, RequestLogEntry, RouteContext } from './state';

const DEFAULTS = {
  seed: 42,
  tokenLifetimeSeconds: 86_400,
  requestsPerMinute: 300,
  pcapReadyAfterMs: 2_000,
  signedUrlLifetimeSeconds: 300,
  rebootPendingMs: 120_000,
};

/** Keeps the ids the emulator makes apart from the data set's, which the same seed generates. */
const ID_SEED_SALT = 0x1d5eed;

function isDataset(value: EmulatorOptions['dataset']): value is Dataset {
  return typeof value === 'object' && value !== null && 'records' in value;
}

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = options.seed ?? DEFAULTS.seed;
  // Checked before the data set is generated, so that a bad rule fails fast.
  const initialFaults: FaultRule[] = options.faults ?? [];
  const faults = createFaults(initialFaults, seed);
  const clock = createEmulatorClock(options.clock);
  const dataset = isDataset(options.dataset)
    ? options.dataset
    : generateDataset({ seed, now: new Date(clock.now()), ...options.dataset });

  const clients = new Map<string, ClientConfig>();
  for (const client of [...defaultClients(), ...(options.clients ?? [])])
    clients.set(client.clientId, client);

  const rateLimit =
    options.rateLimit === undefined
      ? { requestsPerMinute: DEFAULTS.requestsPerMinute }
      : options.rateLimit;
  const state: EmulatorState = {
    settings: {
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULTS.tokenLifetimeSeconds,
      pcapReadyAfterMs: options.pcapReadyAfterMs ?? DEFAULTS.pcapReadyAfterMs,
      pcapPadToBytes: options.pcapPadToBytes,
      signedUrlLifetimeSeconds:
        options.signedUrlLifetimeSeconds ?? DEFAULTS.signedUrlLifetimeSeconds,
      rebootPendingMs: options.rebootPendingMs ?? DEFAULTS.rebootPendingMs,
      control: options.control ?? false,
    },
    clock,
    dataset,
    index: createSipIndex(dataset.records),
    lookup: {
      phones: new Map(dataset.phones.map((p) => [p.phoneId, p])),
      phonesByHardwareId: new Map(
        dataset.phones.flatMap((p) => {
          const key = normalizeHardwareId(p.hardwareId);
          return key === null ? [] : [[key, p] as const];
        }),
      ),
      sites: new Map(dataset.sites.map((s) => [s.siteId, s])),
      conversations: new Map(dataset.conversations.map((c) => [c.conversationId, c])),
    },
    searchSid: (search) =>
      createHash('sha256').update(`${seed}:${search}`).digest('hex').slice(0, 32),
    clients,
    tokens: new Map(),
    codes: new Map(),
    jobs: new Map(),
    reboots: [],
    requests: [],
    faults,
    rateLimiter: createRateLimiter(
      rateLimit === false ? false : rateLimit.requestsPerMinute,
      clock,
    ),
    signer: createUrlSigner(),
    ids: createRandom(seed ^ ID_SEED_SALT),
  };

  const reset = (resetOptions: ResetOptions = {}) => {
    state.jobs.clear();
    state.codes.clear();
    state.reboots.length = 0;
    state.requests.length = 0;
    state.rateLimiter.reset();
    state.faults.reset();
    state.ids = createRandom(seed ^ ID_SEED_SALT);
    if (resetOptions.tokens) state.tokens.clear();
    else sweepExpired(state);
  };

  let requestsSinceSweep = 0;
  const server = createServer((req, res) => {
    if (++requestsSinceSweep >= SWEEP_EVERY_REQUESTS) {
      requestsSinceSweep = 0;
      sweepExpired(state);
    }
    handleRequest(state, req, res, { reset }).catch((error: unknown) => {
      // Last resort: the pipeline itself failed.
      if (!res.headersSent) {
        let headers: Record<string, string> = {};
        try {
          const pathname = (req.url ?? '').split('?')[0] ?? '';
          headers = rateHeadersOutsidePipeline(state, req, pathname, false);
        } catch {
          // Answer the 500 without them rather than not at all.
        }
        sendReply(res, {
          status: 500,
          headers,
          json: errorBody(
            'internal.server.error',
            String(res.getHeader('ININ-Correlation-Id') ?? ''),
            { messageWithParams: String(error) },
          ),
        });
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  let closing: Promise<void> | undefined;
  const credentialsOf = (id: string): ClientCredentials => {
    const client = clients.get(id) as ClientConfig;
    return {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      permissions: client.permissions,
    };
  };

  return {
    url,
    credentials: { demo: credentialsOf(DEMO_CLIENT_ID), viewer: credentialsOf(VIEWER_CLIENT_ID) },
    requests: state.requests,
    reboots: state.reboots,
    clock,
    dataset,
    setFaults: (rules) => state.faults.replace(rules),
    reset,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function correlationIdOf(req: IncomingMessage): string {
  const sent = req.headers['inin-correlation-id'];
  return typeof sent === 'string' && /^[\w.:-]{1,128}$/.test(sent) ? sent : randomUUID();
}

async function handleRequest(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  actions: { reset(options?: ResetOptions): void },
): Promise<void> {
  const correlationId = correlationIdOf(req);
  res.setHeader('ININ-Correlation-Id', correlationId);
  const method = req.method ?? 'GET';
  const url = parseTarget(req.url);
  const log: RequestLogEntry = {
    method,
    path: url?.pathname ?? (req.url ?? '').split('?')[0] ?? '',
    operationId: null,
    status: 0,
    time: formatTime(state.clock.now()),
    hasAuthorization: req.headers.authorization !== undefined,
    correlationId,
  };
  state.requests.push(log);
  if (state.requests.length > REQUEST_LOG_LIMIT)
    state.requests.splice(0, state.requests.length - REQUEST_LOG_LIMIT);

  if (url === null) {
    log.status = 400;
    sendReply(res, {
      status: 400,
      headers: { Connection: 'close' },
      json: errorBody('bad.request', correlationId, {
        messageWithParams: 'The request target is not a valid path.',
      }),
    });
    return;
  }

  const route = resolveRoute(method, url.pathname, state.settings.control);
  const operationId = routeId(route);
  log.operationId = operationId;

  // The control endpoint needs no token: no CORS for it, and only loopback may drive it.
  const controlPath = url.pathname === '/__emulator' || url.pathname.startsWith('/__emulator/');
  if (route.kind === 'control') {
    const refusal = controlRefusal({ req });
    if (refusal) {
      log.status = refusal.status;
      sendReply(res, refusal);
      return;
    }
  }

  // Browsers call the API, the login service and the storage from other origins.
  const origin = controlPath ? undefined : req.headers.origin;
  if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }
  if (
    method === 'OPTIONS' &&
    origin !== undefined &&
    req.headers['access-control-request-method']
  ) {
    log.status = 204;
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE',
      'Access-Control-Allow-Headers':
        req.headers['access-control-request-headers'] ??
        'authorization, content-type, inin-correlation-id',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }

  // Connection-level faults come first, as from a load balancer in front of the service.
  const decision: FaultDecision =
    operationId && route.kind !== 'control'
      ? state.faults.decide(operationId, route.kind === 'operation')
      : { latencyMs: 0, action: { kind: 'ok' } };
  if (decision.latencyMs > 0) {
    // Stop waiting when the client gives up (or the emulator closes the connection).
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    try {
      await sleep(decision.latencyMs, undefined, { signal: gone.signal });
    } catch {
      return;
    }
  }
  if (decision.action.kind === 'drop') {
    log.fault = 'drop';
    req.socket.destroy();
    return;
  }
  const truncate = decision.action.kind === 'truncate';
  if (truncate) log.fault = 'truncate';
  const send = (reply: Reply) => {
    log.status = reply.status;
    sendReply(res, reply, { truncate });
  };

  let body: Buffer = Buffer.alloc(0);
  if (method !== 'GET' && method !== 'HEAD') {
    try {
      body = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      res.setHeader('Connection', 'close');
      const tooLarge = new ApiError(
        'request.entity.too.large',
        { params: { maxBytes: String(MAX_BODY_BYTES) } },
        rateHeadersOutsidePipeline(state, req, url.pathname, true),
      );
      send(errorReply(tooLarge, correlationId));
      return;
    }
  }

  const ctx: RouteContext = {
    state,
    req,
    url,
    origin: `http://${req.headers.host ?? 'localhost'}`,
    correlationId,
    body,
    log,
  };
  const injected = decision.action.kind === 'status' ? decision.action : null;
  switch (route.kind) {
    case 'control':
      return send(handleControl(ctx, actions));
    case 'oauth.token':
    case 'oauth.authorize':
    case 'storage.pcap':
      if (injected) {
        log.fault = 'status';
        return send(errorReply(injectedError(injected.status, injected.retryAfter), correlationId));
      }
      if (route.kind === 'oauth.token') return send(handleToken(ctx));
      if (route.kind === 'oauth.authorize') return send(handleAuthorize(ctx));
      return send(handleStorage(ctx));
    default:
      return send(await answerApi(ctx, route, injected));
  }
}

/** The request target as a URL, or null when it is not one (`GET //[`). */
function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://emulator.invalid');
  } catch {
    return null;
  }
}

/** The log keeps the most recent requests only, so a long-running emulator does not grow. */
const REQUEST_LOG_LIMIT = 10_000;

const EXPOSED_HEADERS = [
  'ININ-Correlation-Id',
  'inin-ratelimit-count',
  'inin-ratelimit-allowed',
  'inin-ratelimit-reset',
  'Retry-After',
  'Content-Length',
].join(', ');
