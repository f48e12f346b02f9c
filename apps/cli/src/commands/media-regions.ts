// `telephony media-regions`: the AWS regions media can stream through.
import type { CommandDefinition } from '../command';
import { presented, table } from '../output';

export const command: CommandDefinition = {
  summary: 'List the AWS regions media can stream through',
  usage: 'media-regions',
  operationId: 'getTelephonyMediaregions',
  examples: ['telephony media-regions', 'telephony media-regions --output yaml'],
  needsClient: true,
  async run(ctx) {
    const client = await ctx.client();
    const regions = await client.unwrap(
      client.GET('/api/v2/telephony/mediaregions', { signal: ctx.signal }),
    );
    const rows: string[][] = [];
    if (regions.awsHomeRegion) rows.push([regions.awsHomeRegion, 'home']);
    for (const region of regions.awsCoreRegions ?? []) rows.push([region, 'core']);
    for (const region of regions.awsSatelliteRegions ?? []) rows.push([region, 'satellite']);
    return presented(regions, table(['region', 'role'], rows));
  },
};
