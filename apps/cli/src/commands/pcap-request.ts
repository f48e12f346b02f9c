// `telephony pcap request …`: start preparing the PCAP of a SIP search; prints its downloadId.
import { requestPcap } from '@telephony-kit/client';
import type { CommandDefinition } from '../command';
import { presented, text } from '../output';
import { searchFilterOptions, searchFromOptions } from '../sip-filters';

export const pcapSearchOptions = {
  ...searchFilterOptions,
  participant: {
    type: 'string',
    valueName: 'uuid',
    description: 'Genesys Cloud participant id',
  },
} as const;

export const command: CommandDefinition = {
  summary: 'Request the PCAP of a SIP search; prints the downloadId',
  usage:
    'pcap request (--since 2h | --from <date> --to <date>) [--call-id <id>] [--to-user <user>] [--from-user <user>] [--conversation <uuid>] [--participant <uuid>]',
  description:
    'The platform prepares the file in the background: fetch its signed URL with `telephony pcap url <downloadId>`, or wait and download with `telephony pcap download --download-id <downloadId> -o call.pcap`. PCAPs exist only for calls that crossed an external trunk, for 21 days.',
  operationId: 'postTelephonySiptracesDownload',
  options: pcapSearchOptions,
  examples: [
    'telephony pcap request --since 2h --call-id a84b4c76e66710@pbx',
    'telephony pcap request --since 7d --conversation 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f --json | jq -r .downloadId',
  ],
  needsClient: true,
  async run(ctx, { options }) {
    const search = searchFromOptions(options, 'pcap request', {
      ...(options.participant !== undefined
        ? { participantId: options.participant as string }
        : {}),
    });
    const client = await ctx.client();
    const { downloadId, documentId } = await requestPcap(client, search, { signal: ctx.signal });
    // What the API answered (requestedAt is the client's own bookkeeping).
    const job = documentId === undefined ? { downloadId } : { downloadId, documentId };
    return presented(job, text(downloadId));
  },
};
