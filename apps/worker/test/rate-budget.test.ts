// The shared budget itself, on both databases, with a one-second period instead of a minute so
// that the test is short: however many budgets share the table, no period holds more claims than
// the budget allows.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Database, openEmbeddedDatabase, openPostgresDatabase } from '../src/database';
import { createRateBudget } from '../src/rate-budget';
import { migrate } from '../src/schema';
import { createDatabase, tempDir } from './helpers';

const postgres = inject('postgres');

/** The most claims inside any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= windowMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

const backends: [string, () => Promise<Database>][] = [
  ['embedded PGlite', () => openEmbeddedDatabase(tempDir('budget'))],
];
if (postgres.ok) {
  backends.push([
    'PostgreSQL',
    async () => openPostgresDatabase(await createDatabase(postgres.url, 'budget'), 4),
  ]);
}

describe.each(backends)('the rate budget on %s', (_label, open) => {
  const opened: Database[] = [];
  afterAll(async () => {
    for (const db of opened) await db.close();
  });

  it('lets no period hold more than the budget, across several budgets sharing the table', async () => {
    const db = await open();
    opened.push(db);
    await migrate(db);
    const waits: number[] = [];
    const budgets = await Promise.all(
      [1, 2, 3].map(() =>
        createRateBudget(db, 5, { periodSeconds: 1, onWait: (ms) => waits.push(ms) }),
      ),
    );
    const claims: number[] = [];
    const started = Date.now();
    await Promise.all(
      budgets.flatMap((budget) =>
        Array.from({ length: 5 }, async () => {
          await budget.take();
          claims.push(Date.now());
        }),
      ),
    );
    expect(claims).toHaveLength(15);
    // 15 claims at 5 per second: the last ones waited for two periods.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(waits.length).toBeGreaterThanOrEqual(10);
    // Claims are stamped by the database's clock; ours lags it a little, so allow 50 ms.
    expect(busiestWindow(claims, 950)).toBeLessThanOrEqual(5);
  });

  it('is off at 0, and a waiting claim stops when its signal aborts', async () => {
    const db = await open();
    opened.push(db);
    await migrate(db);
    const off = await createRateBudget(db, 0);
    for (let i = 0; i < 100; i++) await off.take();
    const budget = await createRateBudget(db, 1, { periodSeconds: 60 });
    await budget.take();
    const controller = new AbortController();
    const waiting = budget.take(controller.signal);
    controller.abort(new Error('stop waiting'));
    await expect(waiting).rejects.toThrow('stop waiting');
  });
});
