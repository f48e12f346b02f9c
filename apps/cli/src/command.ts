// The shape every command module exports, and option fragments that several commands share.
import type { OperationId } from '@telephony-kit/models';
import type { Context } from './context';

export type { Context, GlobalOptions } from './context';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
  /** Shown in help: `--since <duration>`. */
  valueName?: string;
  /** Allowed values; also used by shell completion. */
  choices?: readonly string[];
}

export interface PositionalSpec {
  name: string;
  description: string;
  required?: boolean;
}

export interface CommandInput {
  positionals: string[];
  options: Record<string, unknown>;
}

export interface CommandDefinition {
  /** One line for the command list. */
  summary: string;
  /** E.g. 'sip headers <conversationId> [--keys ruri,to,from]' (without the leading `telephony`). */
  usage: string;
  description?: string;
  /** Help shows the METHOD, path and permissions of this operation from operationTable. */
  operationId?: OperationId;
  positionals?: readonly PositionalSpec[];
  /** Command-specific options; the global ones are added by cli.ts. */
  options?: Record<string, OptionSpec>;
  examples: readonly string[];
  /** True → ctx.client() is available. */
  needsClient?: boolean;
  /**
   * Returns data (rendered by output.ts according to --output/--json/TTY) or `undefined` when it
   * wrote its own output. Throws errors; never exits.
   */
  run(ctx: Context, input: CommandInput): Promise<unknown>;
}

/** Options shared by the SIP trace commands: a time window. */
export const timeWindowOptions = {
  since: {
    type: 'string',
    valueName: 'duration',
    description: 'Look back this far from now: 30m, 2h, 7d',
  },
  from: {
    type: 'string',
    valueName: 'date',
    description: 'Start of the window: ISO 8601 date/time (use with --to)',
  },
  to: {
    type: 'string',
    valueName: 'date',
    description: 'End of the window: ISO 8601 date/time (default now)',
  },
} as const satisfies Record<string, OptionSpec>;

/** `-o, --out <file>` for commands that write a file; `-` means stdout. */
export const outFileOption = {
  out: {
    type: 'string',
    short: 'o',
    valueName: 'file',
    description: 'Write to this file (atomically); - writes to stdout',
  },
} as const satisfies Record<string, OptionSpec>;

/** `-y, --yes` for commands that ask for confirmation. */
export const yesOption = {
  yes: {
    type: 'boolean',
    short: 'y',
    description: 'Do not ask for confirmation (required when stdin is not a terminal)',
  },
} as const satisfies Record<string, OptionSpec>;
