// `telephony phone settings <phoneId>`: where a phone registers (primary and secondary Edges).
import { assertUuid } from '@telephony-kit/client';
import type { CommandDefinition } from '../command';
import { presented, table } from '../output';

export const command: CommandDefinition = {
  summary: "Show a phone's registration settings (primary and secondary Edges)",
  usage: 'phone settings <phoneId>',
  description:
    'An operation internal to the platform: it is not part of the public, supported API and may change without notice.',
  operationId: 'getTelephonyPhonePhoneIdSettings',
  positionals: [{ name: 'phoneId', description: 'Phone id (a UUID)', required: true }],
  examples: ['telephony phone settings 4a1a5e1c-9d3b-4b0e-8a51-2f7c6e0d9b13'],
  needsClient: true,
  async run(ctx, { positionals }) {
    const phoneId = positionals[0] as string;
    assertUuid(phoneId, 'phoneId');
    const client = await ctx.client();
    const settings = await client.unwrap(
      client.GET('/api/v2/telephony/phone/{phoneId}/settings', {
        params: { path: { phoneId: phoneId.trim() } },
        signal: ctx.signal,
      }),
    );
    const rows = (['primary', 'secondary'] as const).flatMap((role) =>
      (settings[role] ?? []).map((r) => [
        role,
        r.edge?.name ?? r.edge?.id,
        r.registrar,
        r.port,
        r.transportProtocol,
        r.trunkBase?.name ?? r.trunkBase?.id,
      ]),
    );
    return presented(
      settings,
      table(['role', 'edge', 'registrar', 'port', 'transport', 'trunk base'], rows),
    );
  },
};
