// `telephony sip traces`: search SIP signalling (Homer records) by time window and filters.
import { searchSipTraces } from '@telephony-kit/client';
import type { CommandDefinition } from '../command';
import { presented, table } from '../output';
import {
  endpoint,
  recordLabel,
  recordTime,
  searchFilterOptions,
  searchFromOptions,
} from '../sip-filters';

export const command: CommandDefinition = {
  summary: 'Search SIP traces by time window, Call-ID, users or conversation',
  usage:
    'sip traces (--since 2h | --from <date> --to <date>) [--call-id <id>] [--to-user <user>] [--from-user <user>] [--conversation <uuid>]',
  description:
    'Dates are ISO 8601 (2026-11-26T10:00:00Z) or a duration before now (30m, 2h, 7d). Save the JSON output to draw a ladder later: telephony sip traces … > traces.json; telephony sip ladder --input traces.json.',
  operationId: 'getTelephonySiptraces',
  options: searchFilterOptions,
  examples: [
    'telephony sip traces --since 2h',
    'telephony sip traces --since 1d --to-user +13175550199',
    'telephony sip traces --from 2026-11-26T10:00:00Z --to 2026-11-26T11:00:00Z --call-id a84b4c76e66710@pbx',
    'telephony sip traces --since 7d --conversation 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f > traces.json',
  ],
  needsClient: true,
  async run(ctx, { options }) {
    const search = searchFromOptions(options, 'sip traces');
    const client = await ctx.client();
    const result = await searchSipTraces(client, search, { signal: ctx.signal });
    const records = result.data ?? [];
    ctx.log(`${records.length} record(s) between ${search.dateStart} and ${search.dateEnd}`);
    return presented(
      result,
      table(
        ['time', 'message', 'from', 'to', 'source', 'destination', 'call-id'],
        records.map((r) => [
          recordTime(r),
          recordLabel(r),
          r.fromUser,
          r.toUser,
          endpoint(r.sourceIp, r.sourcePort),
          endpoint(r.destinationIp, r.destinationPort),
          r.callid,
        ]),
      ),
      records,
    );
  },
};
