// Several workers starting at once on one new PostgreSQL database: the set-up (the worker's
// tables, pg-boss's schema, its queues and the archive's schedule) is serialised by the set-up
// lock, so none of them fails with a duplicate or a deadlock.
import { describe, expect, inject, it } from 'vitest';
import { openPostgresDatabase } from '../src/database';
import { parseSettings } from '../src/env';
import { migrate } from '../src/schema';
import { startWorker } from '../src/worker';
import { createDatabase, tempDir } from './helpers';

const postgres = inject('postgres');

describe.skipIf(!postgres.ok)('the set-up on PostgreSQL', () => {
  it('survives five processes installing the schema at the same moment', async () => {
    if (!postgres.ok) return;
    const url = await createDatabase(postgres.url, 'setup');
    const databases = await Promise.all(
      Array.from({ length: 5 }, () => openPostgresDatabase(url, 2)),
    );
    try {
      await Promise.all(databases.map((db) => migrate(db)));
      const [db] = databases;
      const { rows } = await (db as (typeof databases)[number]).executeSql(
        `SELECT (SELECT count(*)::int FROM pgboss.version) AS versions,
                to_regclass('public.worker_rate_slots') IS NOT NULL AS budget`,
      );
      expect(rows[0]).toEqual({ versions: 1, budget: true });
    } finally {
      await Promise.all(databases.map((db) => db.close()));
    }
  });

  it('starts four workers at once on a new database', async () => {
    if (!postgres.ok) return;
    const url = await createDatabase(postgres.url, 'start');
    const settings = () =>
      parseSettings(
        ['--base-url', 'http://127.0.0.1:9', '--data-dir', tempDir('start'), '--retry-limit', '3'],
        { GENESYSCLOUD_ACCESS_TOKEN: 'unused', DATABASE_URL: url },
      );
    const started = await Promise.allSettled(
      Array.from({ length: 4 }, () => startWorker(settings())),
    );
    const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(started.filter((s) => s.status === 'rejected')).toEqual([]);
      expect(workers.every((w) => w.ready())).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.stop({ timeoutMs: 1_000 })));
    }
  });
});
