// `telephony sip message <conversationId>`: the raw SIP of a conversation.
import { assertUuid, getSipMessage } from '@telephony-kit/client';
import type { CommandDefinition } from '../command';
import { presented, text } from '../output';

export const command: CommandDefinition = {
  summary: 'Show the raw SIP messages of a conversation',
  usage: 'sip message <conversationId>',
  description:
    'On a terminal the SIP text is printed as is; piped or with --json, the Callmessage object.',
  operationId: 'getTelephonySipmessagesConversation',
  positionals: [
    { name: 'conversationId', description: 'Conversation id (a UUID)', required: true },
  ],
  examples: [
    'telephony sip message 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f',
    'telephony sip message 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f --json | jq -r .message',
  ],
  needsClient: true,
  async run(ctx, { positionals }) {
    const conversationId = positionals[0] as string;
    assertUuid(conversationId, 'conversationId');
    const client = await ctx.client();
    const message = await getSipMessage(client, conversationId, { signal: ctx.signal });
    return presented(message, text((message.message ?? '').replace(/\r\n/g, '\n')));
  },
};
