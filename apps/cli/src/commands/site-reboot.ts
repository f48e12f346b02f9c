// `telephony site reboot <siteId>`: schedule a reboot of every Edge of a site. Asks first.
import { assertUuid } from '@telephony-kit/client';
import { type CommandDefinition, yesOption } from '../command';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { presented, text } from '../output';

export const command: CommandDefinition = {
  summary: "Schedule a reboot of a site's Edges (asks for confirmation)",
  usage: 'site reboot <siteId> [--yes]',
  description:
    'Calls in progress on the site may drop. On a terminal it asks for confirmation; without a terminal it refuses unless --yes is given. An operation internal to the platform: not part of the public, supported API.',
  operationId: 'postTelephonyProvidersEdgesSiteSchedulereboot',
  positionals: [{ name: 'siteId', description: 'Site id (a UUID)', required: true }],
  options: yesOption,
  examples: [
    'telephony site reboot 2e8d4c6a-1b3f-4a5e-9c7d-8f0a1b2c3d4e',
    'telephony site reboot 2e8d4c6a-1b3f-4a5e-9c7d-8f0a1b2c3d4e --yes',
  ],
  needsClient: true,
  async run(ctx, { positionals, options }) {
    const siteId = (positionals[0] as string).trim();
    assertUuid(siteId, 'siteId');
    if (options.yes !== true && !ctx.dryRun) {
      if (!ctx.isTTY.stdin) {
        throw new UsageError(
          `Refusing to reboot site ${siteId} without confirmation: stdin is not a terminal. Add --yes to confirm.`,
          { command: 'site reboot' },
        );
      }
      const confirmed = await ctx.prompt.confirm(
        `Reboot every Edge of site ${siteId}? Calls in progress may drop.`,
        { default: false },
      );
      if (!confirmed) throw new CliError('Not rebooted: not confirmed.', ExitCode.failure);
    }
    const client = await ctx.client();
    await client.unwrap(
      client.POST('/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot', {
        params: { path: { siteId } },
        signal: ctx.signal,
      }),
    );
    return presented({ siteId, scheduled: true }, text(`Reboot of site ${siteId} scheduled.`));
  },
};
