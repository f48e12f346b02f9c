// `telephony profiles list`: the saved profiles, never their secrets.
import type { CommandDefinition } from '../command';
import { configFile } from '../config/paths';
import { loadConfig } from '../config/profile-store';
import { cachedTokenExpiry, profileTokenFile } from '../config/token-cache';
import { presented, table, text } from '../output';

export interface ProfileRow {
  name: string;
  region?: string;
  baseUrl?: string;
  clientId: string;
  default: boolean;
  /** When the cached token expires (ISO 8601), or null when none is cached. */
  tokenCachedUntil: string | null;
}

export const command: CommandDefinition = {
  summary: 'List the saved profiles (never their secrets)',
  usage: 'profiles list',
  description:
    'Shows each profile of config.toml: its region or base URL, client id, whether it is the default (*), and until when a token is cached.',
  examples: ['telephony profiles list', 'telephony profiles list --json'],
  async run(ctx) {
    const config = await loadConfig({ env: ctx.env, warn: ctx.warn });
    const now = Date.now();
    const rows: ProfileRow[] = await Promise.all(
      Object.values(config.profiles).map(async (profile) => {
        const expiresAt = await cachedTokenExpiry(profileTokenFile(profile.name, ctx.env), now);
        return {
          name: profile.name,
          ...(profile.baseUrl
            ? { baseUrl: profile.baseUrl }
            : { region: profile.region as string }),
          clientId: profile.clientId,
          default: config.default === profile.name,
          tokenCachedUntil: expiresAt === undefined ? null : new Date(expiresAt).toISOString(),
        };
      }),
    );
    rows.sort((a, b) => a.name.localeCompare(b.name));
    if (rows.length === 0)
      return presented(
        rows,
        text(`No profiles in ${configFile(ctx.env)}: run \`telephony login\` to create one.`),
      );
    return presented(
      rows,
      table(
        ['', 'name', 'region / base url', 'client id', 'token cached until'],
        rows.map((row) => [
          row.default ? '*' : '',
          row.name,
          row.region ?? row.baseUrl,
          row.clientId,
          row.tokenCachedUntil ?? '',
        ]),
      ),
    );
  },
};
