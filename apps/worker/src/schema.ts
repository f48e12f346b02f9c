// The worker's own tables and pg-boss's schema, in the same database. Installed under the
// database's set-up lock (Database.exclusive), so that several workers starting at once on one
// PostgreSQL database do not race: CREATE … IF NOT EXISTS alone is not safe against that.
import PgBoss from 'pg-boss';
import type { Database } from './database';

export const BOSS_SCHEMA = 'pgboss';

const TABLES = `
CREATE TABLE IF NOT EXISTS worker_job_keys (
  name text NOT NULL,
  key text NOT NULL,
  job_id uuid NOT NULL,
  created_on timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, key)
);
CREATE TABLE IF NOT EXISTS worker_processes (
  id uuid PRIMARY KEY,
  hostname text NOT NULL,
  pid integer NOT NULL,
  started_on timestamptz NOT NULL DEFAULT now(),
  heartbeat_on timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS worker_running (
  job_id uuid PRIMARY KEY,
  name text NOT NULL,
  process_id uuid NOT NULL,
  started_on timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS worker_job_progress (
  job_id uuid PRIMARY KEY,
  name text NOT NULL,
  progress jsonb NOT NULL,
  updated_on timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS worker_rate_slots (
  slot integer PRIMARY KEY,
  used_at timestamptz NOT NULL DEFAULT '1970-01-01T00:00:00Z'
);
CREATE INDEX IF NOT EXISTS worker_rate_slots_used_at ON worker_rate_slots (used_at);
CREATE TABLE IF NOT EXISTS sip_records (
  id text PRIMARY KEY,
  date timestamptz,
  conversation_id text,
  call_id text,
  to_user text,
  from_user text,
  record jsonb NOT NULL,
  archived_on timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS sip_records_date ON sip_records (date);
CREATE INDEX IF NOT EXISTS sip_records_conversation ON sip_records (conversation_id, date);
CREATE INDEX IF NOT EXISTS sip_records_call ON sip_records (call_id, date);
CREATE TABLE IF NOT EXISTS worker_rollouts (
  id uuid PRIMARY KEY,
  state text NOT NULL,
  spec jsonb NOT NULL,
  error text,
  created_on timestamptz NOT NULL DEFAULT now(),
  updated_on timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS worker_rollout_steps (
  rollout_id uuid NOT NULL REFERENCES worker_rollouts (id),
  position integer NOT NULL,
  site_id text NOT NULL,
  state text NOT NULL DEFAULT 'pending',
  intent_on timestamptz,
  outcome_on timestamptz,
  error text,
  PRIMARY KEY (rollout_id, position)
);
`;

export async function migrate(db: Database): Promise<void> {
  await db.exclusive(async (sql) => {
    await sql.executeSql(TABLES);
    // pg-boss installs itself on start(); done here, under the lock, it finds itself installed.
    const { rows } = await sql.executeSql(`SELECT to_regclass('${BOSS_SCHEMA}.version') AS name`);
    if (!rows[0]?.name) await sql.executeSql(PgBoss.getConstructionPlans(BOSS_SCHEMA));
  });
}
