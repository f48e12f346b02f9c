// argv → command: finds the longest registered command name, imports only that module, parses the
// rest strictly with node:util parseArgs, prints help, runs the command and renders its result.
import { parseArgs } from 'node:util';
import { closest, editDistance } from './closest';
import type { CommandDefinition, OptionSpec } from './command';
import { type CliIO, createContext, type GlobalOptions, type OutputFormat } from './context';
import { DryRunComplete, describeError, InterruptedError, UsageError } from './errors';
import { ExitCode } from './exit-codes';
import { chooseFormat, outputFormats, renderOutput, style } from './output';
import { findCommand, nounOf, type RegistryEntry, registry } from './registry';
import { parseDuration } from './validate';

declare const __CLI_VERSION__: string;
export const version: string = typeof __CLI_VERSION__ === 'string' ? __CLI_VERSION__ : '0.0.0';

/** Options every command accepts. */
export const globalOptions = {
  profile: { type: 'string', valueName: 'name', description: 'Use this saved profile' },
  region: {
    type: 'string',
    valueName: 'region',
    description: 'Genesys Cloud region: us-east-1, eu-west-1, mypurecloud.ie, …',
  },
  'base-url': {
    type: 'string',
    valueName: 'url',
    description: 'API base URL instead of a region (e.g. an emulator: http://127.0.0.1:8787)',
  },
  'client-id': { type: 'string', valueName: 'id', description: 'OAuth client id' },
  'client-secret-stdin': {
    type: 'boolean',
    description: 'Read the OAuth client secret from stdin (never pass secrets as flags)',
  },
  output: {
    type: 'string',
    valueName: 'format',
    choices: outputFormats,
    description:
      'Output format: json, yaml, table or ndjson (default: table on a terminal, else json)',
  },
  json: { type: 'boolean', description: 'Same as --output json' },
  'no-color': { type: 'boolean', description: 'No colours (also when NO_COLOR is set)' },
  verbose: {
    type: 'boolean',
    description: 'Log every HTTP exchange and retry wait on stderr (tokens redacted)',
  },
  'dry-run': {
    type: 'boolean',
    description: 'Print the request as a curl command (token redacted) and send nothing',
  },
  timeout: {
    type: 'string',
    valueName: 'duration',
    description: 'Per-request timeout: 30000 (ms), 30s, 2m (default 30s)',
  },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
} as const satisfies Record<string, OptionSpec>;

/** What argv asks for, before any command module is loaded. */
export type Invocation =
  | { kind: 'version' }
  | { kind: 'help' }
  | { kind: 'noun'; noun: string; entries: readonly RegistryEntry[] }
  | { kind: 'command'; entry: RegistryEntry; args: string[] };

const globalStringOptions = new Set(
  Object.entries(globalOptions)
    .filter(([, spec]) => spec.type === 'string')
    .map(([name]) => `--${name}`),
);

/** Finds the command in argv; the words of its name are removed from the arguments. */
export function parseInvocation(
  argv: readonly string[],
  entries: readonly RegistryEntry[] = registry,
): Invocation {
  const wordIndexes: number[] = [];
  for (let i = 0; i < argv.length && wordIndexes.length < 2; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (globalStringOptions.has(arg)) i++;
      if (wordIndexes.length > 0) break;
      continue;
    }
    if (wordIndexes.length > 0 && wordIndexes.at(-1) !== i - 1) break;
    wordIndexes.push(i);
  }
  const words = wordIndexes.map((i) => argv[i] as string);
  const found = findCommand(words, entries);
  if (found) {
    const drop = new Set(wordIndexes.slice(0, found.used));
    return { kind: 'command', entry: found.entry, args: argv.filter((_, i) => !drop.has(i)) };
  }
  if (words.length === 0) {
    if (argv.includes('--version') || argv.includes('-V')) return { kind: 'version' };
    return { kind: 'help' };
  }
  const noun = words[0] as string;
  const nounEntries = entries.filter((entry) => nounOf(entry.name) === noun);
  if (nounEntries.length > 0) {
    const verb = words[1];
    if (verb === undefined) return { kind: 'noun', noun, entries: nounEntries };
    const [best] = closest(
      `${noun} ${verb}`,
      nounEntries.map((entry) => entry.name),
      1,
    );
    throw new UsageError(`Unknown command "${noun} ${verb}". Did you mean "${best}"?`);
  }
  if (noun === 'help') return { kind: 'help' };
  throw new UsageError(`Unknown command "${words.join(' ')}".${suggest(noun, entries)}`);
}

function suggest(word: string, entries: readonly RegistryEntry[]): string {
  const nouns = [...new Set(entries.map((entry) => nounOf(entry.name)))];
  const [best] = closest(word, nouns, 1);
  return best && editDistance(word, best) <= Math.max(2, word.length / 3)
    ? ` Did you mean "${best}"?`
    : '';
}

export interface ParsedCommand {
  globals: GlobalOptions;
  help: boolean;
  positionals: string[];
  options: Record<string, unknown>;
}

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function toParseArgs(specs: Record<string, OptionSpec>): ParseArgsOptions {
  const options: NonNullable<ParseArgsOptions> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  return options;
}

/** Parses a command's arguments (global options included) strictly; throws UsageError. */
export function parseCommandArgs(
  name: string,
  command: CommandDefinition,
  args: readonly string[],
): ParsedCommand {
  const specs: Record<string, OptionSpec> = { ...globalOptions, ...command.options };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: toParseArgs(specs),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message;
    const option = /'(-[^' ]+)/.exec(message)?.[1];
    const spec = option && specs[option.replace(/^-+/, '')];
    if (option && spec && /argument missing|ambiguous/.test(message)) {
      throw new UsageError(`${option} needs a value: ${option} <${spec.valueName ?? 'value'}>.`, {
        command: name,
      });
    }
    const first = message.split('\n')[0]?.trim() ?? message;
    throw new UsageError(/[.?]$/.test(first) ? first : `${first}.`, { command: name });
  }
  const values = parsed.values as Record<string, unknown>;
  for (const [option, spec] of Object.entries(specs)) {
    const value = values[option];
    if (!spec.choices || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (!spec.choices.includes(item as string)) {
        throw new UsageError(`--${option} "${item}" is not one of ${spec.choices.join(', ')}.`, {
          command: name,
        });
      }
    }
  }
  const help = values.help === true;
  const positionals = parsed.positionals;
  if (!help) {
    const expected = command.positionals ?? [];
    const missing = expected.slice(positionals.length).find((p) => p.required !== false);
    if (missing) {
      throw new UsageError(`Missing <${missing.name}>: usage: telephony ${command.usage}.`, {
        command: name,
      });
    }
    if (positionals.length > expected.length) {
      throw new UsageError(
        `Unexpected argument "${positionals[expected.length]}": usage: telephony ${command.usage}.`,
        { command: name },
      );
    }
  }
  const str = (key: string) => values[key] as string | undefined;
  const timeout = str('timeout');
  const globals: GlobalOptions = {
    profile: str('profile'),
    region: str('region'),
    baseUrl: str('base-url'),
    clientId: str('client-id'),
    clientSecretStdin: values['client-secret-stdin'] === true,
    output: str('output') as OutputFormat | undefined,
    json: values.json === true,
    noColor: values['no-color'] === true,
    verbose: values.verbose === true,
    dryRun: values['dry-run'] === true,
    timeoutMs: timeout === undefined ? undefined : parseDuration(timeout, '--timeout', name),
  };
  if (globals.region !== undefined && globals.baseUrl !== undefined) {
    throw new UsageError('Give --region or --base-url, not both.', { command: name });
  }
  const options: Record<string, unknown> = {};
  for (const option of Object.keys(command.options ?? {})) {
    if (values[option] !== undefined) options[option] = values[option];
  }
  return { globals, help, positionals, options };
}

function optionLine(name: string, spec: OptionSpec): [string, string] {
  const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : ''}`;
  return [flag, spec.description];
}

function columns(rows: readonly [string, string][], indent = '  '): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`).join('\n');
}

/** `telephony <command> --help`: usage, the HTTP call and its permissions, options, examples. */
export async function renderCommandHelp(
  _name: string,
  command: CommandDefinition,
  color: boolean,
): Promise<string> {
  const parts: string[] = [
    `${style.bold('Usage:', color)} telephony ${command.usage}`,
    '',
    command.summary,
  ];
  if (command.description) parts.push('', command.description);
  if (command.operationId) {
    const { operationTable } = await import('@telephony-kit/models');
    const operation = operationTable[command.operationId];
    const permissions = operation.permissions
      ? `${operation.permissions.type === 'ALL' ? 'all of' : 'any of'} ${operation.permissions.permissions.join(', ')}`
      : 'none';
    parts.push(
      '',
      `${style.bold('HTTP:', color)}        ${operation.method.toUpperCase()} ${operation.path}${operation.requiresToken ? '' : ' (no token)'}`,
      `${style.bold('Permissions:', color)} ${permissions}`,
      `${style.bold('Operation:', color)}   ${operation.operationId}${operation.visibility === 'internal' ? ' (internal to the platform: not part of the public, supported API)' : ''}`,
    );
  }
  if (command.positionals?.length) {
    parts.push(
      '',
      style.bold('Arguments:', color),
      columns(command.positionals.map((p) => [`<${p.name}>`, p.description])),
    );
  }
  const own = Object.entries(command.options ?? {});
  if (own.length) {
    parts.push(
      '',
      style.bold('Options:', color),
      columns(own.map(([option, spec]) => optionLine(option, spec))),
    );
  }
  parts.push(
    '',
    style.bold('Global options:', color),
    columns(Object.entries(globalOptions).map(([option, spec]) => optionLine(option, spec))),
  );
  if (command.examples.length) {
    parts.push('', style.bold('Examples:', color), ...command.examples.map((e) => `  ${e}`));
  }
  return `${parts.join('\n')}\n`;
}

/** `telephony --help`: every command, grouped by noun. Loads the command modules (help only). */
export async function renderMainHelp(
  color: boolean,
  entries: readonly RegistryEntry[] = registry,
): Promise<string> {
  const loaded = await Promise.all(
    entries.map(async (entry) => {
      try {
        const { command } = await entry.load();
        return { name: entry.name, summary: command.summary };
      } catch {
        return { name: entry.name, summary: '(could not be loaded)' };
      }
    }),
  );
  const groups = new Map<string, { name: string; summary: string }[]>();
  for (const item of loaded) {
    const noun = nounOf(item.name);
    groups.set(noun, [...(groups.get(noun) ?? []), item]);
  }
  const width = Math.max(...loaded.map((item) => item.name.length));
  const lines = [
    `${style.bold('Usage:', color)} telephony <command> [options]`,
    '',
    'The Genesys Cloud Telephony API from a terminal: SIP traces, ladders, PCAPs, phones, sites.',
  ];
  for (const [noun, items] of groups) {
    lines.push('', style.bold(noun, color));
    for (const item of items) lines.push(`  ${item.name.padEnd(width)}  ${item.summary}`);
  }
  lines.push(
    '',
    style.bold('Global options:', color),
    columns([
      ...Object.entries(globalOptions).map(([option, spec]) => optionLine(option, spec)),
      ['-V, --version', 'Print the version'],
    ]),
    '',
    'Run `telephony <command> --help` for a command’s HTTP call, permissions and examples.',
    'Exit codes: 0 ok, 1 API or network failure, 2 usage or validation error, 3 authentication,',
    '4 not found, 130 interrupted.',
  );
  return `${lines.join('\n')}\n`;
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') return resolve();
    stream.write(text, () => resolve());
  });
}

/** Runs `telephony` with `argv` (without node and the script) and resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const baseColor =
    !('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && !argv.includes('--no-color');
  const errColor = baseColor && io.isTTY.stderr;
  let verbose = argv.includes('--verbose');
  try {
    const invocation = parseInvocation(argv);
    if (invocation.kind === 'version') {
      await write(io.stdout, `${version}\n`);
      return ExitCode.ok;
    }
    if (invocation.kind === 'help') {
      const wanted = argv.includes('--help') || argv.includes('-h') || argv[0] === 'help';
      const helpText = await renderMainHelp(baseColor && (wanted ? io.isTTY.stdout : errColor));
      await write(wanted ? io.stdout : io.stderr, helpText);
      return wanted ? ExitCode.ok : ExitCode.usage;
    }
    if (invocation.kind === 'noun') {
      const names = invocation.entries.map((entry) => `telephony ${entry.name}`).join(', ');
      throw new UsageError(`"${invocation.noun}" needs a subcommand: ${names}.`);
    }
    const { entry, args } = invocation;
    const { command } = await entry.load();
    const parsed = parseCommandArgs(entry.name, command, args);
    verbose = parsed.globals.verbose;
    if (parsed.help) {
      await write(
        io.stdout,
        await renderCommandHelp(entry.name, command, baseColor && io.isTTY.stdout),
      );
      return ExitCode.ok;
    }
    const format = chooseFormat({
      output: parsed.globals.output,
      json: parsed.globals.json,
      stdoutIsTTY: io.isTTY.stdout,
    });
    const ctx = createContext(io, parsed.globals, entry.name);
    const result = await command.run(ctx, {
      positionals: parsed.positionals,
      options: parsed.options,
    });
    if (result !== undefined) {
      await write(io.stdout, await renderOutput(result, format, ctx.color && format === 'table'));
    }
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof DryRunComplete) return ExitCode.ok;
    const interrupted = io.signal.aborted;
    const { exitCode, message } = describeError(interrupted ? new InterruptedError() : error);
    const prefix = style.red('telephony:', errColor);
    await write(io.stderr, `${prefix} ${message}\n`);
    if (verbose && !interrupted && error instanceof Error && !(error instanceof UsageError)) {
      await write(io.stderr, `${style.dim(stackOf(error), errColor)}\n`);
    }
    return exitCode;
  }
}

function stackOf(error: Error): string {
  const lines = [error.stack ?? String(error)];
  let cause = error.cause;
  for (let depth = 0; cause && depth < 5; depth++) {
    lines.push(
      `caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`,
    );
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines.join('\n');
}
