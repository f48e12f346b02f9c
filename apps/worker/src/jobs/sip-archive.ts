// sip-archive (cron, every 15 minutes by default): fetches the SIP metadata of the last window —
// longer than the schedule, so consecutive runs overlap and a late or failed run loses nothing —
// and stores the records, deduplicated by id, in `sip_records`.
import { searchSipTraces } from '@telephony-kit/client';
import { z } from 'zod';
import { storeSipRecords } from '../archive';
import { defineJob } from './define-job';

export const sipArchiveSchema = z
  .object({
    /** For a manual run: the range to archive (default: the last --archive-window). */
    dateStart: z.string().datetime({ offset: true }).optional(),
    dateEnd: z.string().datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((v) => !v.dateStart === !v.dateEnd, {
    message: 'give both dateStart and dateEnd, or neither',
  });

export type SipArchiveData = z.infer<typeof sipArchiveSchema>;

export interface SipArchiveResult {
  dateStart: string;
  dateEnd: string;
  fetched: number;
  inserted: number;
}

export const sipArchiveJob = defineJob<SipArchiveData, SipArchiveResult>({
  name: 'sip-archive',
  schema: sipArchiveSchema,
  // Cron runs are keyed by pg-boss; a manual range runs once.
  key: (data) => (data.dateStart ? `${data.dateStart}/${data.dateEnd}` : `now/${Date.now()}`),
  async handler(ctx, data, { signal }) {
    const end = data.dateEnd ? new Date(data.dateEnd) : new Date();
    const start = data.dateStart
      ? new Date(data.dateStart)
      : new Date(end.getTime() - ctx.settings.archiveWindowMs);
    const result = await searchSipTraces(
      ctx.client,
      { dateStart: start, dateEnd: end },
      { signal },
    );
    const records = result.data ?? [];
    const inserted = await storeSipRecords(ctx.db, records);
    return {
      dateStart: start.toISOString(),
      dateEnd: end.toISOString(),
      fetched: records.length,
      inserted,
    };
  },
});
