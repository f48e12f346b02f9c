// Rolling site reboots: inside a maintenance window (in its own time zone), maxParallel sites at
// a time with a pause between batches, stopping at the first failure. A reboot is destructive,
// so each step is at most once: its intent is recorded before the call, and a step found with an
// intent but no outcome (the worker died during the call) is reported 'unknown' and never
// repeated. Each batch is one short job; the next batch is a new job that starts after the pause
// (or at the next window), so a long rollout never holds a worker.
import { randomUUID } from 'node:crypto';
import { ValidationError } from '@telephony-kit/client';
import { z } from 'zod';
import type { Database } from '../database';
import { parseDuration } from '../env';
import { defineJob } from './define-job';

export interface RolloutStepView {
  siteId: string;
  state: 'pending' | 'intent-recorded' | 'done' | 'failed' | 'unknown';
  at?: string;
  error?: string;
}

export interface RolloutView {
  id: string;
  state: 'scheduled' | 'running' | 'completed' | 'failed' | 'stopped';
  window: { start: string; end: string; timezone: string };
  steps: RolloutStepView[];
  maxParallel?: number;
  /** Seconds between batches. */
  pauseBetween?: number;
  /** Why the rollout failed or stopped. */
  error?: string;
  createdOn?: string;
}

export interface Rollouts {
  /** Validates {siteIds, window:{start,end,timezone}, maxParallel?, pauseBetween?}. */
  create(input: unknown): Promise<{ id: string }>;
  list(): Promise<RolloutView[]>;
  get(id: string): Promise<RolloutView | undefined>;
}

// --- the window -------------------------------------------------------------------------------

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localTime(epochMs: number, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The instant at which the clocks of `timeZone` show `local` (the later one in a DST overlap). */
export function zonedEpoch(local: LocalTime, timeZone: string): number {
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  const offsetAt = (t: number) => {
    const l = localTime(t, timeZone);
    return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - t;
  };
  const first = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(first);
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new ValidationError(
      `window.timezone ${JSON.stringify(timeZone)} is not an IANA time zone such as Europe/Paris or America/New_York.`,
      { field: 'window.timezone' },
    );
  }
}

function parseWindowPoint(value: string, timeZone: string): number {
  const local = LOCAL_DATE_TIME.exec(value);
  if (local) {
    const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = local
      .slice(1)
      .map((part) => Number(part ?? 0));
    return zonedEpoch({ year, month, day, hour, minute, second }, timeZone);
  }
  return Date.parse(value);
}

/** Whether `now` is inside the window, and when the next window starts (if one does). */
export function windowStatus(
  window: { start: string; end: string; timezone: string },
  now: number,
): { inside: boolean; nextStart?: number } {
  const { start, end, timezone } = window;
  const daily = TIME_OF_DAY.exec(start);
  const dailyEnd = TIME_OF_DAY.exec(end);
  if (daily && dailyEnd) {
    const s = Number(daily[1]) * 60 + Number(daily[2]);
    const e = Number(dailyEnd[1]) * 60 + Number(dailyEnd[2]);
    const local = localTime(now, timezone);
    const m = local.hour * 60 + local.minute;
    const inside = s < e ? m >= s && m < e : m >= s || m < e;
    if (inside) return { inside };
    let next = zonedEpoch(
      { ...local, hour: Math.floor(s / 60), minute: s % 60, second: 0 },
      timezone,
    );
    if (next <= now) {
      const tomorrow = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
      next = zonedEpoch(
        {
          year: tomorrow.getUTCFullYear(),
          month: tomorrow.getUTCMonth() + 1,
          day: tomorrow.getUTCDate(),
          hour: Math.floor(s / 60),
          minute: s % 60,
          second: 0,
        },
        timezone,
      );
    }
    return { inside, nextStart: next };
  }
  const from = parseWindowPoint(start, timezone);
  const to = parseWindowPoint(end, timezone);
  if (now >= from && now < to) return { inside: true };
  return now < from ? { inside: false, nextStart: from } : { inside: false };
}

// --- validation -------------------------------------------------------------------------------

const windowPoint = z
  .string()
  .trim()
  .refine((v) => TIME_OF_DAY.test(v) || LOCAL_DATE_TIME.test(v) || Number.isFinite(Date.parse(v)), {
    message:
      "must be a time of day (02:00, every day) or a date-time (2026-11-28T02:00 in the window's time zone)",
  });

export const rolloutSchema = z
  .object({
    siteIds: z
      .array(z.string().trim().min(1).max(200))
      .min(1, 'give at least one site id')
      .max(1000)
      .refine((ids) => new Set(ids).size === ids.length, 'site ids must not repeat'),
    window: z
      .object({ start: windowPoint, end: windowPoint, timezone: z.string().trim().min(1) })
      .strict(),
    maxParallel: z.number().int().min(1).max(100).default(1),
    /** Seconds (a number) or a duration such as "5m". */
    pauseBetween: z.union([z.number().min(0).max(86_400), z.string().trim().min(1)]).default(0),
  })
  .strict();

export interface RolloutSpec {
  siteIds: string[];
  window: { start: string; end: string; timezone: string };
  maxParallel: number;
  pauseBetweenMs: number;
}

export function parseRollout(input: unknown): RolloutSpec {
  const parsed = rolloutSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'rollout';
    throw new ValidationError(`Invalid rollout: ${field}: ${issue?.message}.`, { field });
  }
  const { siteIds, window, maxParallel, pauseBetween } = parsed.data;
  assertTimeZone(window.timezone);
  const daily = TIME_OF_DAY.test(window.start);
  if (daily !== TIME_OF_DAY.test(window.end)) {
    throw new ValidationError(
      'window.start and window.end must both be times of day (a daily window) or both date-times.',
      { field: 'window' },
    );
  }
  if (!daily) {
    const from = parseWindowPoint(window.start, window.timezone);
    const to = parseWindowPoint(window.end, window.timezone);
    if (!(to > from)) {
      throw new ValidationError('window.end must be after window.start.', { field: 'window.end' });
    }
  } else if (window.start === window.end) {
    throw new ValidationError('window.start and window.end must differ.', { field: 'window.end' });
  }
  const pauseBetweenMs =
    typeof pauseBetween === 'number'
      ? Math.round(pauseBetween * 1000)
      : parseDuration(pauseBetween, 'pauseBetween');
  return { siteIds, window, maxParallel, pauseBetweenMs };
}

// --- storage ----------------------------------------------------------------------------------

async function loadRollout(db: Database, id: string): Promise<RolloutView | undefined> {
  const { rows } = await db.executeSql(
    'SELECT id, state, spec, error, created_on FROM worker_rollouts WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { rows: steps } = await db.executeSql(
    `SELECT site_id, state, intent_on, outcome_on, error FROM worker_rollout_steps
      WHERE rollout_id = $1 ORDER BY position`,
    [id],
  );
  const spec = row.spec as RolloutSpec;
  const view: RolloutView = {
    id: row.id,
    state: row.state,
    window: spec.window,
    maxParallel: spec.maxParallel,
    pauseBetween: spec.pauseBetweenMs / 1000,
    createdOn: new Date(row.created_on).toISOString(),
    steps: steps.map((s) => {
      const step: RolloutStepView = { siteId: s.site_id, state: s.state };
      const at = s.outcome_on ?? s.intent_on;
      if (at) step.at = new Date(at).toISOString();
      if (s.error) step.error = s.error;
      return step;
    }),
  };
  if (row.error) view.error = row.error;
  return view;
}

async function setRolloutState(
  db: Database,
  id: string,
  state: RolloutView['state'],
  error?: string,
): Promise<void> {
  await db.executeSql(
    'UPDATE worker_rollouts SET state = $2, error = $3, updated_on = now() WHERE id = $1',
    [id, state, error ?? null],
  );
}

export function createRollouts(
  db: Database,
  enqueue: (data: SiteRebootData) => Promise<unknown>,
): Rollouts {
  return {
    async create(input) {
      const spec = parseRollout(input);
      const id = randomUUID();
      await db.executeSql(
        `INSERT INTO worker_rollouts (id, state, spec) VALUES ($1, 'scheduled', $2::jsonb)`,
        [id, JSON.stringify(spec)],
      );
      await db.executeSql(
        `INSERT INTO worker_rollout_steps (rollout_id, position, site_id)
         SELECT $1, n - 1, site FROM unnest($2::text[]) WITH ORDINALITY AS s(site, n)`,
        [id, spec.siteIds],
      );
      await enqueue({ rolloutId: id, batch: 0 });
      return { id };
    },
    async list() {
      const { rows } = await db.executeSql(
        'SELECT id FROM worker_rollouts ORDER BY created_on DESC, id LIMIT 200',
      );
      const views = await Promise.all(rows.map((r) => loadRollout(db, r.id)));
      return views.filter((v): v is RolloutView => !!v);
    },
    async get(id) {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
        return undefined;
      return loadRollout(db, id);
    },
  };
}

// --- the job ----------------------------------------------------------------------------------

export const siteRebootSchema = z
  .object({ rolloutId: z.string().uuid(), batch: z.number().int().min(0) })
  .strict();
export type SiteRebootData = z.infer<typeof siteRebootSchema>;

export interface SiteRebootResult {
  rolloutId: string;
  batch: number;
  state: RolloutView['state'] | 'waiting';
  rebooted: string[];
  nextBatchAt?: string;
}

export const siteRebootJob = defineJob<SiteRebootData, SiteRebootResult>({
  name: 'site-reboot',
  schema: siteRebootSchema,
  key: (data) => `${data.rolloutId}:${data.batch}`,
  async handler(ctx, { rolloutId, batch }, { signal }) {
    const { db, client, logger } = ctx;
    const rollout = await loadRollout(db, rolloutId);
    const done = (state: SiteRebootResult['state'], rebooted: string[] = []) => ({
      rolloutId,
      batch,
      state,
      rebooted,
    });
    if (!rollout) throw new ValidationError(`Rollout ${rolloutId} does not exist.`);
    if (['completed', 'failed', 'stopped'].includes(rollout.state)) return done(rollout.state);
    const spec = {
      window: rollout.window,
      maxParallel: rollout.maxParallel ?? 1,
      pauseBetweenMs: (rollout.pauseBetween ?? 0) * 1000,
    };

    // A step with an intent and no outcome: the worker died during (or just before) its call.
    const { rows: orphans } = await db.executeSql(
      `UPDATE worker_rollout_steps SET state = 'unknown', outcome_on = now(),
              error = 'The worker stopped during this reboot request: whether the site rebooted is unknown. Check the site; it is not retried automatically.'
        WHERE rollout_id = $1 AND state = 'intent-recorded' RETURNING site_id`,
      [rolloutId],
    );
    if (orphans.length) {
      const sites = orphans.map((o) => o.site_id).join(', ');
      await setRolloutState(
        db,
        rolloutId,
        'stopped',
        `Stopped: the outcome of the reboot of ${sites} is unknown after a worker crash. Check the site(s), then start a new rollout for the remaining sites.`,
      );
      logger.error({ rolloutId, sites }, 'rollout stopped: reboot outcome unknown');
      return done('stopped');
    }

    const now = Date.now();
    const status = windowStatus(spec.window, now);
    if (!status.inside) {
      if (status.nextStart === undefined) {
        await setRolloutState(
          db,
          rolloutId,
          'stopped',
          'Stopped: the maintenance window ended before every site was rebooted.',
        );
        return done('stopped');
      }
      await ctx.enqueue(
        'site-reboot',
        { rolloutId, batch: batch + 1 },
        {
          startAfter: new Date(status.nextStart),
        },
      );
      return { ...done('waiting'), nextBatchAt: new Date(status.nextStart).toISOString() };
    }
    signal.throwIfAborted();

    // Intent first: only the steps this statement moves from pending are called, once.
    const { rows: claimed } = await db.executeSql(
      `UPDATE worker_rollout_steps SET state = 'intent-recorded', intent_on = now()
        WHERE rollout_id = $1 AND state = 'pending' AND position IN (
          SELECT position FROM worker_rollout_steps
           WHERE rollout_id = $1 AND state = 'pending' ORDER BY position LIMIT $2)
        RETURNING position, site_id`,
      [rolloutId, spec.maxParallel],
    );
    if (claimed.length) await setRolloutState(db, rolloutId, 'running');
    // The reboot call is not given the job's signal: once sent, its answer is worth waiting for.
    const outcomes = await Promise.all(
      claimed.map(async (step) => {
        try {
          await client.unwrap(
            client.POST('/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot', {
              params: { path: { siteId: step.site_id } },
            }),
          );
          await db.executeSql(
            `UPDATE worker_rollout_steps SET state = 'done', outcome_on = now()
              WHERE rollout_id = $1 AND position = $2`,
            [rolloutId, step.position],
          );
          logger.info({ rolloutId, siteId: step.site_id }, 'site reboot scheduled');
          return { siteId: step.site_id as string, ok: true };
        } catch (error) {
          // An HTTP answer means it was refused; anything else (timeout, reset) leaves it unknown.
          const answered =
            (error as { name?: string })?.name === 'ApiError' ||
            (error as { name?: string })?.name === 'RateLimitError' ||
            (error as { name?: string })?.name === 'AuthError';
          const message = (error as Error)?.message ?? String(error);
          await db.executeSql(
            `UPDATE worker_rollout_steps SET state = $3, outcome_on = now(), error = $4
              WHERE rollout_id = $1 AND position = $2`,
            [rolloutId, step.position, answered ? 'failed' : 'unknown', message],
          );
          logger.error({ rolloutId, siteId: step.site_id, err: error }, 'site reboot failed');
          return { siteId: step.site_id as string, ok: false, answered, message };
        }
      }),
    );
    const rebooted = outcomes.filter((o) => o.ok).map((o) => o.siteId);
    const failure = outcomes.find((o) => !o.ok);
    if (failure) {
      const state = failure.answered ? 'failed' : 'stopped';
      await setRolloutState(
        db,
        rolloutId,
        state,
        `${state === 'failed' ? 'Failed' : 'Stopped'} at site ${failure.siteId}: ${failure.message}`,
      );
      return done(state, rebooted);
    }
    const { rows: left } = await db.executeSql(
      `SELECT count(*)::int AS n FROM worker_rollout_steps WHERE rollout_id = $1 AND state = 'pending'`,
      [rolloutId],
    );
    if ((left[0]?.n ?? 0) === 0) {
      await setRolloutState(db, rolloutId, 'completed');
      return done('completed', rebooted);
    }
    const next = new Date(Date.now() + spec.pauseBetweenMs);
    await ctx.enqueue('site-reboot', { rolloutId, batch: batch + 1 }, { startAfter: next });
    return { ...done('running', rebooted), nextBatchAt: next.toISOString() };
  },
});
