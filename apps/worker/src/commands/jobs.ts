// `telephony-worker jobs`, `jobs get <id>`, `jobs cancel <id>`: the queue, over the worker API.
import { jobNames, jobStates } from '../api-schemas';
import type { CommandContext, CommandDefinition } from '../command';
import { CliError, exitCodes, usageError } from '../exit-codes';
import type { Column, CommandOutput } from '../output';
import type { JobView } from '../queue';

const listColumns: Column[] = [
  { header: 'ID', value: (row) => row.id },
  { header: 'NAME', value: (row) => row.name },
  { header: 'STATE', value: (row) => row.state, colour: true },
  { header: 'RETRIES', value: (row) => row.retryCount },
  { header: 'CREATED', value: (row) => row.createdOn },
  { header: 'SUBJECT', value: (row) => subject(row.data) },
];

/** What a job is about, in a few words: the conversation, call or users of an export. */
function subject(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const record = data as Record<string, unknown>;
  for (const key of ['conversationId', 'callId', 'toUser', 'fromUser', 'rolloutId', 'siteId']) {
    if (typeof record[key] === 'string') return `${key}=${record[key]}`;
  }
  return '';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function jobIdArgument(positionals: string[], usage: string): string {
  const [id, ...rest] = positionals;
  if (!id) throw usageError(`Give the job id: telephony-worker ${usage}`);
  if (rest.length > 0) throw usageError(`Unexpected argument ${JSON.stringify(rest[0])}.`);
  if (!UUID.test(id)) {
    throw usageError(
      `${JSON.stringify(id)} is not a job id: job ids are UUIDs; list them with \`telephony-worker jobs\`.`,
    );
  }
  return id;
}

function parseInterval(value: string | undefined): number {
  if (value === undefined) return 2_000;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  const unit = { ms: 1, s: 1_000, m: 60_000 }[(match?.[2] ?? 's') as 'ms' | 's' | 'm'];
  const ms = match ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isFinite(ms) || ms < 200 || ms > 3_600_000) {
    throw usageError(
      `--interval ${JSON.stringify(value)} must be a duration from 200ms to 60m, such as 2s.`,
    );
  }
  return ms;
}

export const list: CommandDefinition = {
  summary: 'List jobs, newest first (--watch to follow them)',
  usage: 'jobs [--state <state>] [--name <job>] [--limit <n>] [--watch [--interval 2s]]',
  options: {
    state: {
      type: 'string',
      valueName: 'state',
      description: `only jobs in this state: ${jobStates.join(', ')}`,
    },
    name: {
      type: 'string',
      valueName: 'job',
      description: `only this job type: ${jobNames.join(', ')}`,
    },
    limit: {
      type: 'string',
      valueName: 'n',
      description: 'at most this many (default 100, up to 1000)',
    },
    watch: {
      type: 'boolean',
      short: 'w',
      description:
        'poll until Ctrl-C: redraws the table on a TTY, prints changed jobs as JSON lines otherwise',
    },
    interval: {
      type: 'string',
      valueName: 'duration',
      description: 'poll interval of --watch (default 2s)',
    },
  },
  examples: [
    'telephony-worker jobs',
    'telephony-worker jobs --state failed --name pcap-export',
    'telephony-worker jobs --watch',
    'telephony-worker jobs --state completed --output ndjson | jq -r .output.path',
  ],
  async run(ctx, { positionals, options }) {
    if (positionals.length > 0) {
      throw usageError(
        `Unknown jobs command ${JSON.stringify(positionals[0])}: use \`jobs\`, \`jobs get <id>\` or \`jobs cancel <id>\`.`,
      );
    }
    const opts = options as {
      state?: string;
      name?: string;
      limit?: string;
      watch?: boolean;
      interval?: string;
    };
    if (opts.state !== undefined && !(jobStates as readonly string[]).includes(opts.state)) {
      throw usageError(
        `--state ${JSON.stringify(opts.state)} is not a state: use ${jobStates.join(', ')}.`,
      );
    }
    if (opts.name !== undefined && !(jobNames as readonly string[]).includes(opts.name)) {
      throw usageError(
        `--name ${JSON.stringify(opts.name)} is not a job type: use ${jobNames.join(', ')}.`,
      );
    }
    if (opts.limit !== undefined && !/^\d+$/.test(opts.limit)) {
      throw usageError(
        `--limit ${JSON.stringify(opts.limit)} must be a whole number from 1 to 1000.`,
      );
    }
    if (opts.interval !== undefined && !opts.watch)
      throw usageError('--interval goes with --watch.');
    const interval = parseInterval(opts.interval);
    const query = { state: opts.state, name: opts.name, limit: opts.limit };
    const fetchJobs = async () =>
      (await ctx.api().request<{ jobs: JobView[] }>('GET', '/jobs', { query })).jobs;
    const output = (jobs: JobView[]): CommandOutput => ({
      data: jobs,
      items: jobs,
      columns: listColumns,
    });
    if (!opts.watch) return output(await fetchJobs());
    await watch(ctx, fetchJobs, output, interval);
    return undefined;
  },
};

async function watch(
  ctx: CommandContext,
  fetchJobs: () => Promise<JobView[]>,
  output: (jobs: JobView[]) => CommandOutput,
  interval: number,
): Promise<never> {
  const redraw = ctx.isTTY.stdout && ctx.format === 'table';
  const seen = new Map<string, string>();
  for (;;) {
    const jobs = await fetchJobs();
    if (redraw) {
      ctx.stdout.write('\u001b[H\u001b[2J');
      ctx.print(output(jobs));
      ctx.stderr.write(
        `${jobs.length} job${jobs.length === 1 ? '' : 's'}, every ${interval / 1000} s; Ctrl-C to stop\n`,
      );
    } else {
      // Only what changed since the last poll, one JSON object per line, oldest first.
      const changed = jobs
        .filter((job) => seen.get(job.id) !== `${job.state}/${job.retryCount}`)
        .reverse();
      for (const job of changed) seen.set(job.id, `${job.state}/${job.retryCount}`);
      if (changed.length > 0) {
        // A stream of JSON documents is JSON lines; YAML and tables print a block per poll.
        ctx.print(
          { data: changed, items: changed, columns: listColumns },
          ctx.format === 'json' ? 'ndjson' : ctx.format,
        );
      }
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, interval);
      ctx.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    if (ctx.signal.aborted) throw new CliError('Stopped watching.', exitCodes.interrupted);
  }
}

export const get: CommandDefinition = {
  summary: 'Show one job: its data, state, retries and result',
  usage: 'jobs get <id>',
  positionals: [{ name: 'id', description: 'the job id (a UUID)', required: true }],
  examples: ['telephony-worker jobs get 0c3e4f5a-6b7c-4d8e-9f01-2a3b4c5d6e7f'],
  async run(ctx, { positionals }) {
    const id = jobIdArgument(positionals, 'jobs get <id>');
    const job = await ctx.api().request<JobView>('GET', `/jobs/${id}`);
    return { data: job };
  },
};

export const cancel: CommandDefinition = {
  summary: 'Cancel a job that has not finished',
  usage: 'jobs cancel <id>',
  positionals: [{ name: 'id', description: 'the job id (a UUID)', required: true }],
  examples: ['telephony-worker jobs cancel 0c3e4f5a-6b7c-4d8e-9f01-2a3b4c5d6e7f'],
  async run(ctx, { positionals }) {
    const id = jobIdArgument(positionals, 'jobs cancel <id>');
    const answer = await ctx
      .api()
      .request<{ id: string; cancelled: boolean; job: JobView }>('DELETE', `/jobs/${id}`);
    return { data: answer.job, note: `Cancelled job ${id}.` };
  },
};
