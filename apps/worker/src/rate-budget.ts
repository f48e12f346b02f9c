// One requests-per-minute budget shared by every worker on one database. The budget is a ring of
// N slots in `worker_rate_slots`; a request claims a slot last used more than a minute ago, in
// one atomic UPDATE (FOR UPDATE SKIP LOCKED), on the database's clock. So no 60-second window
// holds more than N claims, whatever the number of processes and hosts. Waiting happens here,
// before the request; the client still honours a 429's Retry-After beneath it.
import type { FetchLike } from '@telephony-kit/client';
import type { Database } from './database';

export interface RateBudget {
  readonly requestsPerMinute: number;
  /** Resolves when this process may send one API request; rejects when `signal` aborts. */
  take(signal?: AbortSignal): Promise<void>;
}

/**
 * A slot is reused only after this long. A little over a minute: a request claimed at the end of
 * one minute may reach the API a moment later than one claimed at its start.
 */
export const SLOT_PERIOD_SECONDS = 61;

const CLAIM = `
WITH free AS (
  SELECT slot FROM worker_rate_slots
   WHERE slot < $1 AND used_at <= clock_timestamp() - make_interval(secs => $2)
   ORDER BY used_at, slot
   LIMIT 1
   FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE worker_rate_slots s SET used_at = clock_timestamp()
    FROM free WHERE s.slot = free.slot
  RETURNING s.slot
)
SELECT (SELECT slot FROM claimed) AS slot,
       (SELECT EXTRACT(EPOCH FROM (min(used_at) + make_interval(secs => $2) - clock_timestamp())) * 1000
          FROM worker_rate_slots WHERE slot < $1) AS wait_ms`;

function abortable(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The shared budget of `requestsPerMinute` (0: no budget). Makes sure the slot table holds at
 * least that many slots; slots beyond the budget are ignored, so workers with different budgets
 * each respect their own.
 */
export async function createRateBudget(
  db: Database,
  requestsPerMinute: number,
  options: { onWait?: (ms: number) => void; periodSeconds?: number } = {},
): Promise<RateBudget> {
  const period = options.periodSeconds ?? SLOT_PERIOD_SECONDS;
  if (requestsPerMinute > 0) {
    await db.executeSql(
      `INSERT INTO worker_rate_slots (slot)
       SELECT generate_series(0, $1::int - 1) ON CONFLICT (slot) DO NOTHING`,
      [requestsPerMinute],
    );
  }
  return {
    requestsPerMinute,
    async take(signal) {
      if (requestsPerMinute <= 0) return;
      let waited = 0;
      for (;;) {
        signal?.throwIfAborted();
        const { rows } = await db.executeSql(CLAIM, [requestsPerMinute, period]);
        const row = rows[0] ?? {};
        if (row.slot !== null && row.slot !== undefined) {
          if (waited > 0) options.onWait?.(waited);
          return;
        }
        // All slots used within the period: wait for the oldest to free up (a little jitter so
        // that waiting workers do not all ask at the same instant).
        const ms = Math.min(Math.max(Number(row.wait_ms) || 0, 0), 60_000) + 5 + Math.random() * 45;
        waited += ms;
        await abortable(ms, signal);
      }
    },
  };
}

/**
 * The fetch given to createTelephonyClient (created with `timeoutMs: 0`): API requests (`/api/…`)
 * first wait for the budget; then every request that carries credentials (the API's bearer token,
 * the login service's Basic auth) gets its own timeout, which starts only after that wait — a
 * minute's wait for the budget is not a slow server. Signed storage URLs carry no credentials and
 * neither wait nor time out here (a large capture takes as long as it takes).
 */
export function budgetedFetch(
  budget: RateBudget,
  options: { fetch?: FetchLike; onResponse?: (status: number) => void; timeoutMs?: number } = {},
): FetchLike {
  const send: FetchLike = options.fetch ?? ((request) => fetch(request));
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (request) => {
    const isApi = new URL(request.url).pathname.startsWith('/api/');
    if (isApi) await budget.take(request.signal);
    const timed =
      timeoutMs > 0 && request.headers.has('authorization')
        ? new Request(request, {
            signal: request.signal
              ? AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)])
              : AbortSignal.timeout(timeoutMs),
          })
        : request;
    const response = await send(timed);
    if (isApi) options.onResponse?.(response.status);
    return response;
  };
}
