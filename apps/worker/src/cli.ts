// `telephony-worker <command>`: finds the command, loads only its module, parses its options with
// node:util parseArgs, runs it and prints what it returns. Returns the exit code; never exits.
import { parseArgs } from 'node:util';
import { version } from '../package.json';
import type { CommandContext, CommandDefinition, OptionSpec } from './command';
import { CliError, exitCodes, usageError } from './exit-codes';
import type { WorkerApi } from './worker-api';

export interface CliIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: { stdout: boolean; stderr: boolean };
  /** Aborted on SIGINT. */
  signal: AbortSignal;
  now?: () => number;
}

interface Entry {
  summary: string;
  load(): Promise<CommandDefinition>;
}

// The registry: command name → summary (for the command list) and a lazy import of its module.
const registry: Record<string, Entry> = {
  'enqueue pcap-export': {
    summary: 'Enqueue PCAP exports: one from flags, or one per row of a CSV file',
    load: async () => (await import('./commands/enqueue')).command,
  },
  jobs: {
    summary: 'List jobs, newest first (--watch to follow them)',
    load: async () => (await import('./commands/jobs')).list,
  },
  'jobs get': {
    summary: 'Show one job: its data, state, retries and result',
    load: async () => (await import('./commands/jobs')).get,
  },
  'jobs cancel': {
    summary: 'Cancel a job that has not finished',
    load: async () => (await import('./commands/jobs')).cancel,
  },
  'rollout create': {
    summary: 'Schedule a rolling reboot of Edge sites inside a maintenance window',
    load: async () => (await import('./commands/rollout')).create,
  },
  'rollout list': {
    summary: 'List the rollouts',
    load: async () => (await import('./commands/rollout')).list,
  },
  'rollout get': {
    summary: 'Show one rollout and the state of each site',
    load: async () => (await import('./commands/rollout')).get,
  },
};

const globalOptions: Record<string, OptionSpec> = {
  url: {
    type: 'string',
    valueName: 'url',
    description: 'the worker API (default $TELEPHONY_WORKER_URL, else http://127.0.0.1:8377)',
  },
  output: {
    type: 'string',
    short: 'o',
    valueName: 'json|yaml|table|ndjson',
    description: 'output format (default: table on a terminal, json otherwise)',
  },
  json: { type: 'boolean', description: 'same as --output json' },
  'no-color': { type: 'boolean', description: 'no colours (also when NO_COLOR is set)' },
  verbose: { type: 'boolean', short: 'v', description: 'log each request on stderr' },
  timeout: {
    type: 'string',
    valueName: 'duration',
    description: 'give up on a request after this long (default 30s)',
  },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};

const EXIT_CODES = `Exit codes: 0 ok · 1 worker API or network failure · 2 usage or validation error ·
3 authentication (TELEPHONY_WORKER_TOKEN) · 4 not found · 130 interrupted`;

const ENVIRONMENT = `Environment:
  TELEPHONY_WORKER_URL    the worker API (default http://127.0.0.1:8377)
  TELEPHONY_WORKER_TOKEN  its bearer token, when the worker has one
  NO_COLOR                no colours`;

function topHelp(): string {
  const names = ['start', ...Object.keys(registry)];
  const width = Math.max(...names.map((name) => name.length));
  const lines = [
    ['start', 'Run the worker: the job queue, the jobs and the HTTP API'],
    ...Object.entries(registry).map(([name, entry]) => [name, entry.summary]),
  ].map(([name, summary]) => `  ${(name as string).padEnd(width)}  ${summary}`);
  return `telephony-worker ${version}: durable PCAP exports, rolling site reboots and a SIP-trace archive.

Usage: telephony-worker <command> [options]

Commands:
${lines.join('\n')}

Run \`telephony-worker <command> --help\` for a command's options and examples.

${ENVIRONMENT}

${EXIT_CODES}
`;
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const labels = Object.entries(options).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
    return [`${short}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(...labels.map(([label]) => label.length));
  return labels.map(([label, description]) => `  ${label.padEnd(width)}  ${description}`);
}

function commandHelp(name: string, definition: CommandDefinition): string {
  const parts = [`Usage: telephony-worker ${definition.usage}`, '', definition.summary];
  if (definition.description) parts.push('', definition.description);
  if (definition.positionals?.length) {
    parts.push('', 'Arguments:');
    for (const positional of definition.positionals) {
      parts.push(`  <${positional.name}>  ${positional.description}`);
    }
  }
  if (definition.options && Object.keys(definition.options).length > 0) {
    parts.push('', 'Options:', ...optionLines(definition.options));
  }
  parts.push('', 'Global options:', ...optionLines(globalOptions));
  parts.push('', 'Examples:', ...definition.examples.map((example) => `  ${example}`));
  parts.push('', ENVIRONMENT, '', EXIT_CODES);
  void name;
  return `${parts.join('\n')}\n`;
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return 30_000;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  const unit = { ms: 1, s: 1_000, m: 60_000 }[(match?.[2] ?? 'ms') as 'ms' | 's' | 'm'];
  const ms = match ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isFinite(ms) || ms < 1 || ms > 3_600_000) {
    throw usageError(
      `--timeout ${JSON.stringify(value)} must be a duration such as 30s, 2m or 5000 (ms).`,
    );
  }
  return ms;
}

/** Runs one command line and returns its exit code. */
export async function runCli(io: CliIo): Promise<number> {
  const { argv, stderr } = io;
  let commandName: string | undefined;
  try {
    const first = argv[0];
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(topHelp());
      return first === undefined ? exitCodes.usage : exitCodes.ok;
    }
    if (first === '--version' || first === '-V' || first === 'version') {
      io.stdout.write(`${version}\n`);
      return exitCodes.ok;
    }
    if (first === 'start') {
      // ENGINE's entry point: it parses its own flags and runs until a signal.
      const main = await import('./main');
      return await main.start(argv.slice(1), io);
    }
    // The longest registered name that prefixes the arguments: `jobs get` before `jobs`.
    const words = argv.slice(0, 2);
    commandName = [words.join(' '), words[0] as string].find((name) => name in registry);
    if (!commandName) {
      const family = Object.keys(registry).filter((name) => name.startsWith(`${first} `));
      throw usageError(
        family.length > 0
          ? `${words.join(' ')} is not a command: use ${family.map((name) => `\`telephony-worker ${name}\``).join(', ')}.`
          : `Unknown command ${JSON.stringify(first)}: run \`telephony-worker --help\` for the list.`,
      );
    }
    const definition = await (registry[commandName] as Entry).load();
    const rest = argv.slice(commandName.split(' ').length);
    // `enqueue pcap-export`: the job type is the command's first positional.
    if (commandName === 'enqueue pcap-export') rest.unshift('pcap-export');
    return await runCommand(io, commandName, definition, rest);
  } catch (error) {
    return report(error, stderr, commandName);
  }
}

async function runCommand(
  io: CliIo,
  name: string,
  definition: CommandDefinition,
  args: string[],
): Promise<number> {
  const specs = { ...globalOptions, ...definition.options };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(specs).map(([key, spec]) => [
          key,
          {
            type: spec.type,
            ...(spec.short ? { short: spec.short } : {}),
            ...(spec.multiple ? { multiple: true } : {}),
          },
        ]),
      ),
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw usageError(`${(error as Error).message.split('\n')[0]}`);
  }
  const options = parsed.values as Record<string, unknown>;
  if (options.help) {
    io.stdout.write(commandHelp(name, definition));
    return exitCodes.ok;
  }
  // Loaded here rather than at the top: `--version` and `--help` stay cheap.
  const { chooseFormat, render, useColour } = await import('./output');
  const format = chooseFormat({
    output: options.output as string | undefined,
    json: options.json as boolean | undefined,
    isTTY: io.isTTY.stdout,
  });
  const colour = useColour(io.env, options['no-color'] === true, io.isTTY.stdout);
  const timeoutMs = parseTimeout(options.timeout as string | undefined);
  const verbose = options.verbose === true;
  let api: WorkerApi | undefined;
  const { createWorkerApi, defaultWorkerUrl } = await import('./worker-api');
  const url =
    (options.url as string | undefined) ?? (io.env.TELEPHONY_WORKER_URL || defaultWorkerUrl);
  const ctx: CommandContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    env: io.env,
    isTTY: io.isTTY,
    signal: io.signal,
    format,
    colour,
    api() {
      api ??= createWorkerApi({
        url,
        token: io.env.TELEPHONY_WORKER_TOKEN,
        timeoutMs,
        signal: io.signal,
        log: (message) => {
          if (verbose || message.startsWith('warning')) io.stderr.write(`${message}\n`);
        },
      });
      return api;
    },
    print(output, as = format) {
      io.stdout.write(render(output, as, colour));
    },
    log(message) {
      if (verbose) io.stderr.write(`${message}\n`);
    },
    warn(message) {
      io.stderr.write(`${message}\n`);
    },
    now: io.now ?? Date.now,
  };
  // Before any request: a bad URL is a usage error.
  (await import('./worker-api')).parseWorkerUrl(
    url,
    options.url !== undefined ? '--url' : 'TELEPHONY_WORKER_URL',
  );
  const output = await definition.run(ctx, {
    positionals: parsed.positionals,
    options: Object.fromEntries(Object.entries(options).filter(([key]) => !(key in globalOptions))),
  });
  if (output) {
    ctx.print(output);
    if (output.note) io.stderr.write(`${output.note}\n`);
  }
  return exitCodes.ok;
}

function report(
  error: unknown,
  stderr: NodeJS.WritableStream,
  command: string | undefined,
): number {
  if (error instanceof CliError) {
    stderr.write(`telephony-worker: ${error.message}\n`);
    for (const detail of error.details) stderr.write(`  - ${detail}\n`);
    if (error.exitCode === exitCodes.usage && command) {
      stderr.write(`See \`telephony-worker ${command} --help\`.\n`);
    }
    return error.exitCode;
  }
  const { exitCode } = error as { exitCode?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`telephony-worker: ${message}\n`);
  return typeof exitCode === 'number' ? exitCode : exitCodes.failure;
}
