// The shape of a thin command (`enqueue pcap-export`, `jobs`, `rollout …`): metadata for help,
// option specs for node:util parseArgs, and a `run` that returns data and never exits.
import type { CommandOutput, OutputFormat } from './output';
import type { WorkerApi } from './worker-api';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
  /** Shown in help: `--since <duration>`. */
  valueName?: string;
}

export interface CommandContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  isTTY: { stdout: boolean; stderr: boolean };
  /** Aborted on SIGINT (exit 130). */
  signal: AbortSignal;
  format: OutputFormat;
  colour: boolean;
  /** The worker API at TELEPHONY_WORKER_URL (or --url), with TELEPHONY_WORKER_TOKEN. */
  api(): WorkerApi;
  /** Prints output now (for commands that print more than once, such as `jobs --watch`). */
  print(output: CommandOutput, format?: OutputFormat): void;
  /** stderr, only with --verbose. */
  log(message: string): void;
  /** stderr, always. */
  warn(message: string): void;
  /** Resolves `--since`-style dates (tests may fix the clock). */
  now(): number;
}

export interface CommandInput {
  positionals: string[];
  options: Record<string, unknown>;
}

export interface CommandDefinition {
  summary: string;
  usage: string;
  description?: string;
  positionals?: readonly { name: string; description: string; required?: boolean }[];
  options?: Record<string, OptionSpec>;
  examples: readonly string[];
  /** Returns what to print, or undefined when it printed its own output. */
  run(ctx: CommandContext, input: CommandInput): Promise<CommandOutput | undefined>;
}
