// The control endpoint under /__emulator/: faults, the clock, reset, the request log and the
// scheduled reboots. Off unless the emulator was started with `control: true` / `--control`.

import { validateFaultRule } from '../faults';
import type { Reply } from '../http';
import { mediaType } from '../http';
import type { RouteContext } from '../state';

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
  return { now: new Date(now).toISOString(), epochMs: now };
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
        if (typeof body.advanceMs === 'number' && body.advanceMs >= 0) {
          return { status: 200, json: clockView(state.clock.advance(body.advanceMs)) };
        }
        const target =
          typeof body.set === 'string'
            ? Date.parse(body.set)
            : typeof body.set === 'number'
              ? body.set
              : Number.NaN;
        if (!Number.isNaN(target)) return { status: 200, json: clockView(state.clock.set(target)) };
        return problem(
          400,
          'send {"advanceMs": <ms >= 0>} or {"set": "<ISO-8601 date-time or epoch ms>"}',
        );
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
              createdAt: new Date(job.createdAt).toISOString(),
              readyAt: new Date(job.readyAt).toISOString(),
              dateStart: new Date(job.search.dateStartMs).toISOString(),
              dateEnd: new Date(job.search.dateEndMs).toISOString(),
            })),
          },
        };
      default:
        return problem(404, `no control endpoint ${route}; GET /__emulator lists them`);
    }
  } catch (error) {
    return problem(400, error instanceof Error ? error.message : String(error));
  }
}
