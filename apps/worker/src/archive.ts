// The SIP archive: HomerRecords kept in the `sip_records` table of the worker's database, so
// traces stay searchable after the platform forgets them (21 days). Deduplicated by record id.
import { ValidationError } from '@telephony-kit/client';
import type { HomerRecord } from '@telephony-kit/models';
import type { Database } from './database';

export interface SipArchiveQuery {
  conversationId?: string;
  callId?: string;
  toUser?: string;
  fromUser?: string;
  from?: Date;
  to?: Date;
  limit?: number;
}

export interface SipArchive {
  search(q: SipArchiveQuery): Promise<HomerRecord[]>;
}

function recordDate(record: HomerRecord): string | null {
  const micro = Number(record.microTs);
  if (Number.isFinite(micro) && micro > 0) return new Date(Math.floor(micro / 1000)).toISOString();
  const milli = Number(record.milliTs);
  if (Number.isFinite(milli) && milli > 0) return new Date(milli).toISOString();
  const parsed = Date.parse(record.date ?? '');
  return Number.isFinite(parsed) ? new Date(parsed).toISOString() : null;
}

/** Stores `records`, skipping ids already archived; returns how many were new. */
export async function storeSipRecords(db: Database, records: HomerRecord[]): Promise<number> {
  let inserted = 0;
  const withId = records.filter((r) => typeof r.id === 'string' && r.id !== '');
  // Batches keep one statement's parameters well below PostgreSQL's limit.
  for (let i = 0; i < withId.length; i += 500) {
    const batch = withId.slice(i, i + 500);
    const { rows } = await db.executeSql(
      `INSERT INTO sip_records (id, date, conversation_id, call_id, to_user, from_user, record)
       SELECT r->>'id', (d.date)::timestamptz, NULLIF(r->>'conversationId', ''), NULLIF(r->>'callid', ''),
              NULLIF(r->>'toUser', ''), NULLIF(r->>'fromUser', ''), r
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(r, n)
         JOIN jsonb_array_elements_text($2::jsonb) WITH ORDINALITY AS d(date, m) ON d.m = e.n
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [JSON.stringify(batch), JSON.stringify(batch.map(recordDate))],
    );
    inserted += rows.length;
  }
  return inserted;
}

export function createSipArchive(db: Database): SipArchive {
  return {
    async search(q) {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        values.push(value);
        where.push(sql.replace('?', `$${values.length}`));
      };
      if (q.conversationId) add('conversation_id = ?', q.conversationId);
      if (q.callId) add('call_id = ?', q.callId);
      if (q.toUser) add('to_user = ?', q.toUser);
      if (q.fromUser) add('from_user = ?', q.fromUser);
      for (const [field, value] of [
        ['from', q.from],
        ['to', q.to],
      ] as const) {
        if (value !== undefined && !(value instanceof Date && Number.isFinite(value.getTime()))) {
          throw new ValidationError(`${field} must be a valid date.`, { field });
        }
      }
      if (q.from) add('date >= ?', q.from.toISOString());
      if (q.to) add('date < ?', q.to.toISOString());
      const limit = Math.min(Math.max(Math.trunc(q.limit ?? 1000), 1), 10_000);
      values.push(limit);
      const { rows } = await db.executeSql(
        `SELECT record FROM sip_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY date NULLS LAST, id LIMIT $${values.length}`,
        values,
      );
      return rows.map((row) => row.record as HomerRecord);
    },
  };
}
