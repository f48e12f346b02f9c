// `telephony profiles remove <name>`: deletes a profile and its cached token.
import { rm } from 'node:fs/promises';
import type { CommandDefinition } from '../command';
import { loadConfig, saveConfig } from '../config/profile-store';
import { profileTokenFile } from '../config/token-cache';
import { presented, text } from '../output';
import { unknownProfile } from './profiles-use';

export const command: CommandDefinition = {
  summary: 'Remove a saved profile and its cached token',
  usage: 'profiles remove <name>',
  positionals: [{ name: 'name', description: 'The profile to remove', required: true }],
  examples: ['telephony profiles remove old-org'],
  async run(ctx, { positionals }) {
    const name = positionals[0] as string;
    const config = await loadConfig({ env: ctx.env, warn: ctx.warn });
    if (!Object.hasOwn(config.profiles, name)) throw unknownProfile(name, config);
    delete config.profiles[name];
    const wasDefault = config.default === name;
    if (wasDefault) delete config.default;
    await saveConfig(config, { env: ctx.env });
    await rm(profileTokenFile(name, ctx.env), { force: true });
    const left = Object.keys(config.profiles);
    return presented(
      { removed: name, wasDefault, profiles: left },
      text(
        `Removed profile "${name}" and its cached token.${
          wasDefault && left.length
            ? ` There is no default profile now: choose one with \`telephony profiles use <name>\` (${left.join(', ')}).`
            : ''
        }`,
      ),
    );
  },
};
