// The control endpoint under /__emulator/: faults, the clock, reset, the request log and the
// scheduled reboots. Off unless the emulator was started with `control: true` / `--control`.

import { formatTime, isValidTime, MAX_EPOCH_MS } from '../clock';
import { validateFaultRule } from '../faults';
import type { Reply } from '../http';
import { mediaType } from '../http';
import type { RouteContext } from '../state';

/** A Host header naming loopback (127.0.0.1, localhost, [::1]), with or without a port. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

function isLoopbackOrigin(origin: string): boolean {
  try {
    const { protocol, host } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') && LOOPBACK_HOST.test(host);
  } catch {
    return false; // `null` (sandboxed frames, file://) and anything else unparsable
  }
}

/**
 * The control endpoint needs no token, so it answers only what cannot come from a web page: it
 * sends no CORS headers, refuses preflights, refuses a Host that is not loopback (DNS rebinding)
 * and an Origin that is not loopback (a cross-site form POST). Null when the request may pass.
 */
export function controlRefusal(ctx: Pick<RouteContext, 'req'>): Reply | null {
  const { headers, method } = ctx.req;
  if (!LOOPBACK_HOST.test(headers.host ?? '')) {
    return problem(
      403,
      'the control endpoint answers only requests addressed to 127.0.0.1, localhost or [::1]',
    );
  }
  if (headers.origin !== undefined && !isLoopbackOrigin(headers.origin)) {
    return problem(403, 'the control endpoint does not answer cross-origin requests');
  }
  if (method === 'OPTIONS' && headers['access-control-request-method'] !== undefined) {
    return problem(403, 'the control endpoint does not answer CORS preflights');
  }
  return null;
}

export interface ControlActions {
  reset(): void;
}

function problem(status: number, message: string): Reply {
  return { status, json: { error: message } };
}

function readJson(ctx: RouteContext): unknown {
  if (ctx.body.length === 0) return undefined;
  if (mediaType(ctx.req.headers['content-type']) !== 'application/json') {
    throw new TypeError('send a JSON body (Content-Type: application/json)');
  }
  return JSON.parse(ctx.body.toString('utf8'));
}

function clockView(now: number) {
  return { now: formatTime(now), epochMs: now };
}

export function handleControl(ctx: RouteContext, actions: ControlActions): Reply {
  const { state, req } = ctx;
  const route = `${req.method} ${ctx.url.pathname.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /__emulator':
        return {
          status: 200,
          json: {
            endpoints: [
              'GET /__emulator/faults',
              'PUT /__emulator/faults',
              'DELETE /__emulator/faults',
              'GET /__emulator/clock',
              'PUT /__emulator/clock',
              'POST /__emulator/reset',
              'GET /__emulator/requests',
              'GET /__emulator/reboots',
              'GET /__emulator/jobs',
              'GET /__emulator/stats',
            ],
          },
        };
      case 'GET /__emulator/faults':
        return { status: 200, json: { faults: state.faults.list() } };
      case 'PUT /__emulator/faults': {
        const body = readJson(ctx);
        const rules = Array.isArray(body)
          ? body
          : (body as { faults?: unknown } | undefined)?.faults;
        if (!Array.isArray(rules))
          return problem(400, 'send an array of fault rules, or {"faults": [...]}');
        state.faults.replace(rules.map(validateFaultRule));
        return { status: 200, json: { faults: state.faults.list() } };
      }
      case 'DELETE /__emulator/faults':
        state.faults.replace([]);
        return { status: 200, json: { faults: [] } };
      case 'GET /__emulator/clock':
        return { status: 200, json: clockView(state.clock.now()) };
      case 'PUT /__emulator/clock': {
        const body = (readJson(ctx) ?? {}) as { advanceMs?: unknown; set?: unknown };
        const usage = `send {"advanceMs": <ms >= 0>} or {"set": "<ISO-8601 date-time or epoch ms>"}; the clock stays within ±${MAX_EPOCH_MS} ms of 1970`;
        // Check before moving: a time a Date cannot hold would break every later request.
        if (body.advanceMs !== undefined) {
          const ms = body.advanceMs;
          if (typeof ms !== 'number' || !(ms >= 0) || !isValidTime(state.clock.now() + ms)) {
            return problem(400, usage);
          }
          return { status: 200, json: clockView(state.clock.advance(ms)) };
        }
        const target =
          typeof body.set === 'string'
            ? Date.parse(body.set)
            : typeof body.set === 'number'
              ? body.set
              : Number.NaN;
        if (!isValidTime(target)) return problem(400, usage);
        return { status: 200, json: clockView(state.clock.set(target)) };
      }
      case 'POST /__emulator/reset':
        actions.reset();
        return { status: 204 };
      case 'GET /__emulator/requests':
        return { status: 200, json: { requests: state.requests } };
      case 'GET /__emulator/reboots':
        return { status: 200, json: { reboots: state.reboots } };
      case 'GET /__emulator/jobs':
        return {
          status: 200,
          json: {
            jobs: [...state.jobs.values()].map((job) => ({
              downloadId: job.downloadId,
              documentId: job.documentId,
              clientId: job.clientId,
              createdAt: formatTime(job.createdAt),
              readyAt: formatTime(job.readyAt),
              dateStart: formatTime(job.search.dateStartMs),
              dateEnd: formatTime(job.search.dateEndMs),
            })),
          },
        };
      case 'GET /__emulator/stats':
        return {
          status: 200,
          json: {
            tokens: state.tokens.size,
            authorizationCodes: state.codes.size,
            jobs: state.jobs.size,
            rateLimitWindows: state.rateLimiter.size(),
            requests: state.requests.length,
          },
        };
      default:
        return problem(404, `no control endpoint ${route}; GET /__emulator lists them`);
    }
  } catch (error) {
    return problem(400, error instanceof Error ? error.message : String(error));
  }
}
