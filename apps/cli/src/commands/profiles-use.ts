// `telephony profiles use <name>`: makes a saved profile the default one.
import { ValidationError } from '@telephony-kit/client';
import type { CommandDefinition } from '../command';
import { type ConfigData, loadConfig, saveConfig } from '../config/profile-store';
import { presented, text } from '../output';

/** The ValidationError for a profile that is not in the store. */
export function unknownProfile(name: string, config: ConfigData): ValidationError {
  const known = Object.keys(config.profiles);
  return new ValidationError(
    `There is no profile "${name}"${
      known.length ? ` (profiles: ${known.join(', ')})` : ''
    }: see \`telephony profiles list\`, or create it with \`telephony login --profile ${name}\`.`,
    { field: 'profile' },
  );
}

export const command: CommandDefinition = {
  summary: 'Make a saved profile the default one',
  usage: 'profiles use <name>',
  positionals: [{ name: 'name', description: 'The profile to use by default', required: true }],
  examples: ['telephony profiles use prod'],
  async run(ctx, { positionals }) {
    const name = positionals[0] as string;
    const config = await loadConfig({ env: ctx.env, warn: ctx.warn });
    if (!Object.hasOwn(config.profiles, name)) throw unknownProfile(name, config);
    const previous = config.default;
    config.default = name;
    if (previous !== name) await saveConfig(config, { env: ctx.env });
    return presented(
      { default: name, previous: previous ?? null },
      text(
        previous === name
          ? `"${name}" is already the default profile.`
          : `"${name}" is now the default profile${previous ? ` (was "${previous}")` : ''}.`,
      ),
    );
  },
};
