// Every command, by name, with a loader: cli.ts imports only the module of the command it runs.
import type { CommandDefinition } from './command';

export interface RegistryEntry {
  /** One or two words: `media-regions`, `sip traces`, `profiles list`. */
  readonly name: string;
  readonly load: () => Promise<{ command: CommandDefinition }>;
}

export const registry: readonly RegistryEntry[] = [
  { name: 'media-regions', load: () => import('./commands/media-regions') },
  { name: 'phone settings', load: () => import('./commands/phone-settings') },
  { name: 'phone config', load: () => import('./commands/phone-config') },
  { name: 'sip traces', load: () => import('./commands/sip-traces') },
  { name: 'sip message', load: () => import('./commands/sip-message') },
  { name: 'sip headers', load: () => import('./commands/sip-headers') },
  { name: 'sip ladder', load: () => import('./commands/sip-ladder') },
  { name: 'pcap request', load: () => import('./commands/pcap-request') },
  { name: 'pcap url', load: () => import('./commands/pcap-url') },
  { name: 'pcap download', load: () => import('./commands/pcap-download') },
  { name: 'site reboot', load: () => import('./commands/site-reboot') },
  { name: 'api', load: () => import('./commands/api') },
  { name: 'login', load: () => import('./commands/login') },
  { name: 'profiles list', load: () => import('./commands/profiles-list') },
  { name: 'profiles use', load: () => import('./commands/profiles-use') },
  { name: 'profiles remove', load: () => import('./commands/profiles-remove') },
  { name: 'completion', load: () => import('./commands/completion') },
];

/** The entry whose name is the longest prefix of `words`, and how many words it used. */
export function findCommand(
  words: readonly string[],
  entries: readonly RegistryEntry[] = registry,
): { entry: RegistryEntry; used: number } | undefined {
  let best: { entry: RegistryEntry; used: number } | undefined;
  for (const entry of entries) {
    const parts = entry.name.split(' ');
    if (parts.length > words.length || (best && parts.length <= best.used)) continue;
    if (parts.every((part, i) => words[i] === part)) best = { entry, used: parts.length };
  }
  return best;
}

/** The first word of a command's name: the noun it is grouped under in `telephony --help`. */
export const nounOf = (name: string): string => name.split(' ')[0] as string;
