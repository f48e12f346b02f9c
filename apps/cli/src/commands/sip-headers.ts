// `telephony sip headers <conversationId> [--keys ruri,to,from]`: the parsed SIP headers.
import { assertUuid, getSipHeaders } from '@telephony-kit/client';
import type { CommandDefinition } from '../command';
import { presented, table } from '../output';
import { parseList } from '../validate';

export const command: CommandDefinition = {
  summary: "Show the SIP headers of a conversation's initial INVITE",
  usage: 'sip headers <conversationId> [--keys ruri,to,from]',
  operationId: 'getTelephonySipmessagesConversationHeaders',
  positionals: [
    { name: 'conversationId', description: 'Conversation id (a UUID)', required: true },
  ],
  options: {
    keys: {
      type: 'string',
      valueName: 'names',
      description: 'Only these headers, comma-separated (ruri, to, from, call-id, …)',
    },
  },
  examples: [
    'telephony sip headers 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f',
    'telephony sip headers 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f --keys ruri,to,from',
  ],
  needsClient: true,
  async run(ctx, { positionals, options }) {
    const conversationId = positionals[0] as string;
    assertUuid(conversationId, 'conversationId');
    const keys =
      options.keys === undefined
        ? undefined
        : parseList(
            options.keys as string,
            '--keys',
            /^[A-Za-z][A-Za-z0-9-]*$/,
            'a header name',
            'sip headers',
          );
    const client = await ctx.client();
    const result = await getSipHeaders(client, conversationId, {
      signal: ctx.signal,
      ...(keys ? { keys } : {}),
    });
    const rows = Object.entries(result.headers ?? {}).flatMap(([name, values]) =>
      (values ?? []).map((value) => [name, value]),
    );
    return presented(result, table(['header', 'value'], rows));
  },
};
