// `telephony pcap url <downloadId>`: the signed URL of a prepared PCAP.
import type { CommandDefinition } from '../command';
import { CliError } from '../errors';
import { ExitCode } from '../exit-codes';
import { presented, text } from '../output';
import { parsePathId } from '../validate';

export const command: CommandDefinition = {
  summary: 'Print the signed URL of a prepared PCAP',
  usage: 'pcap url <downloadId>',
  description:
    'The signed URL is a credential of its own (anyone with it can download the file until it expires): do not paste it into tickets. A PCAP that is still being prepared is reported with exit code 1; `telephony pcap download --download-id <id> -o file.pcap` waits for it.',
  operationId: 'getTelephonySiptracesDownloadDownloadId',
  positionals: [
    {
      name: 'downloadId',
      description: 'The id printed by `telephony pcap request`',
      required: true,
    },
  ],
  examples: [
    'telephony pcap url 9f3c2b1a-7e6d-4c5b-8a9f-0e1d2c3b4a59',
    'curl -o call.pcap "$(telephony pcap url 9f3c2b1a-7e6d-4c5b-8a9f-0e1d2c3b4a59 --output table)"',
  ],
  needsClient: true,
  async run(ctx, { positionals }) {
    const downloadId = parsePathId(positionals[0] as string, 'downloadId', 'pcap url');
    const client = await ctx.client();
    const result = await client.GET('/api/v2/telephony/siptraces/download/{downloadId}', {
      params: { path: { downloadId } },
      signal: ctx.signal,
    });
    if (result.response.status === 202 || (result.response.ok && !result.data?.url)) {
      const retryAfter = result.response.headers.get('retry-after');
      throw new CliError(
        `PCAP ${downloadId} is still being prepared${retryAfter ? `; try again in ${retryAfter} s` : ''}. Or let \`telephony pcap download --download-id ${downloadId} -o call.pcap\` wait for it.`,
        ExitCode.failure,
      );
    }
    const signed = await client.unwrap(result);
    return presented(signed, text(signed?.url ?? ''));
  },
};
