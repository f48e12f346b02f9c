// `telephony phone config <hardwareId>`: the configuration a phone fetches when it boots.
import type { CommandDefinition } from '../command';
import { parseHardwareId } from '../validate';

export const command: CommandDefinition = {
  summary: 'Show the configuration a phone downloads at boot (by MAC address or softphone FQDN)',
  usage: 'phone config <hardwareId>',
  description:
    'The phonehome operation needs no token. It is internal to the platform: not part of the public, supported API. MAC addresses are accepted as 0004f2a1b2c3, 00:04:f2:a1:b2:c3, 00-04-f2-a1-b2-c3 or 0004.f2a1.b2c3.',
  operationId: 'getTelephonyPhonehomePhoneconfigurationHardwareId',
  positionals: [
    {
      name: 'hardwareId',
      description: "The phone's MAC address, or a softphone's FQDN",
      required: true,
    },
  ],
  examples: [
    'telephony phone config 00:04:f2:a1:b2:c3',
    'telephony phone config webrtc-1a2b3c4d.softphone.example.com --output yaml',
  ],
  needsClient: true,
  async run(ctx, { positionals }) {
    const hardwareId = parseHardwareId(positionals[0] as string, 'phone config');
    const client = await ctx.client();
    return client.unwrap(
      client.GET('/api/v2/telephony/phonehome/phoneconfiguration/{hardwareId}', {
        params: { path: { hardwareId } },
        signal: ctx.signal,
      }),
    );
  },
};
