// `telephony-worker rollout create|list|get`: rolling Edge site reboots inside a maintenance
// window, over the worker API.
import { rolloutRequestSchema, validationDetails } from '../api-schemas';
import type { CommandDefinition } from '../command';
import { usageError } from '../exit-codes';
import type { RolloutView } from '../jobs/site-reboot';
import type { Column } from '../output';

const listColumns: Column[] = [
  { header: 'ID', value: (row) => row.id },
  { header: 'STATE', value: (row) => row.state, colour: true },
  { header: 'WINDOW', value: (row) => windowText(row.window) },
  { header: 'SITES', value: (row) => progress(row.steps) },
];

const stepColumns: Column[] = [
  { header: 'SITE', value: (row) => row.siteId },
  { header: 'STATE', value: (row) => row.state, colour: true },
  { header: 'AT', value: (row) => row.at },
  { header: 'ERROR', value: (row) => row.error },
];

function windowText(window: unknown): string {
  const w = window as RolloutView['window'] | undefined;
  return w ? `${w.start} → ${w.end} (${w.timezone})` : '';
}

function progress(steps: unknown): string {
  const list = Array.isArray(steps) ? (steps as RolloutView['steps']) : [];
  const done = list.filter((step) => step.state === 'done').length;
  return `${done}/${list.length} done`;
}

export const create: CommandDefinition = {
  summary: 'Schedule a rolling reboot of Edge sites inside a maintenance window',
  usage:
    'rollout create --sites <id,id,…> --window-start <time> --window-end <time> --timezone <zone> [--max-parallel <n>] [--pause-between <duration>]',
  description: `Sites reboot in the order given, --max-parallel at a time (default 1), only inside the window, and
the rollout stops at the first failure. A reboot is never repeated automatically: a step whose
outcome is unknown after a crash is reported as unknown. Needs internal:site:edit.`,
  options: {
    sites: {
      type: 'string',
      multiple: true,
      valueName: 'id,id,…',
      description: 'the Edge site ids, comma-separated (or the flag repeated)',
    },
    'window-start': {
      type: 'string',
      valueName: 'time',
      description:
        'start of the window: 02:00 (every day), 2026-11-28T02:00 (in --timezone) or 2026-11-28T02:00:00Z',
    },
    'window-end': {
      type: 'string',
      valueName: 'time',
      description: 'end of the window, in the same form',
    },
    timezone: {
      type: 'string',
      valueName: 'zone',
      description: 'the IANA time zone of the sites, such as Europe/London',
    },
    'max-parallel': {
      type: 'string',
      valueName: 'n',
      description: 'sites rebooting at once (default 1)',
    },
    'pause-between': {
      type: 'string',
      valueName: 'duration',
      description: 'wait between batches of reboots: 30s, 5m, 1h',
    },
  },
  examples: [
    'telephony-worker rollout create --sites site-a,site-b,site-c --window-start 02:00 --window-end 05:00 --timezone Europe/London --pause-between 10m',
    'telephony-worker rollout create --sites site-a --sites site-b --window-start 2026-11-28T01:00 --window-end 2026-11-28T05:00 --timezone America/New_York --max-parallel 2',
  ],
  async run(ctx, { positionals, options }) {
    if (positionals.length > 0)
      throw usageError(`Unexpected argument ${JSON.stringify(positionals[0])}.`);
    const opts = options as Record<string, string | string[] | undefined>;
    const siteIds = ((opts.sites as string[] | undefined) ?? [])
      .flatMap((value) => value.split(','))
      .map((id) => id.trim())
      .filter(Boolean);
    const missing = [
      siteIds.length === 0 && '--sites',
      opts['window-start'] === undefined && '--window-start',
      opts['window-end'] === undefined && '--window-end',
      opts.timezone === undefined && '--timezone',
    ].filter(Boolean);
    if (missing.length > 0)
      throw usageError(
        `Missing ${missing.join(', ')}: see \`telephony-worker rollout create --help\`.`,
      );
    const body: Record<string, unknown> = {
      siteIds,
      window: { start: opts['window-start'], end: opts['window-end'], timezone: opts.timezone },
    };
    const maxParallel = opts['max-parallel'] as string | undefined;
    if (maxParallel !== undefined) {
      if (!/^\d+$/.test(maxParallel)) {
        throw usageError(
          `--max-parallel ${JSON.stringify(maxParallel)} must be a whole number, at least 1.`,
        );
      }
      body.maxParallel = Number(maxParallel);
    }
    if (opts['pause-between'] !== undefined) body.pauseBetween = opts['pause-between'];
    const flags: Record<string, string> = {
      siteIds: '--sites',
      'window.start': '--window-start',
      'window.end': '--window-end',
      'window.timezone': '--timezone',
      window: '--window-start/--window-end',
      maxParallel: '--max-parallel',
      pauseBetween: '--pause-between',
    };
    const parsed = rolloutRequestSchema.safeParse(body);
    if (!parsed.success) {
      const details = validationDetails(parsed.error).map((detail) => {
        const flag = flags[detail.field.replace(/\[\d+\]$/, '')] ?? detail.field;
        return `${flag}: ${detail.message}`;
      });
      throw usageError(details[0] as string, details.slice(1));
    }
    const answer = await ctx
      .api()
      .request<{ id: string; rollout: RolloutView | null }>('POST', '/rollouts', {
        body: parsed.data,
      });
    return {
      data: answer.rollout ?? { id: answer.id },
      note: `Scheduled rollout ${answer.id}: follow it with \`telephony-worker rollout get ${answer.id}\`.`,
    };
  },
};

export const list: CommandDefinition = {
  summary: 'List the rollouts',
  usage: 'rollout list',
  examples: ['telephony-worker rollout list', 'telephony-worker rollout list --output yaml'],
  async run(ctx, { positionals }) {
    if (positionals.length > 0)
      throw usageError(`Unexpected argument ${JSON.stringify(positionals[0])}.`);
    const { rollouts } = await ctx.api().request<{ rollouts: RolloutView[] }>('GET', '/rollouts');
    return { data: rollouts, items: rollouts, columns: listColumns };
  },
};

export const get: CommandDefinition = {
  summary: 'Show one rollout and the state of each site',
  usage: 'rollout get <id>',
  positionals: [{ name: 'id', description: 'the rollout id', required: true }],
  examples: ['telephony-worker rollout get 5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
  async run(ctx, { positionals }) {
    const [id, ...rest] = positionals;
    if (!id) throw usageError('Give the rollout id: telephony-worker rollout get <id>');
    if (rest.length > 0) throw usageError(`Unexpected argument ${JSON.stringify(rest[0])}.`);
    const rollout = await ctx
      .api()
      .request<RolloutView>('GET', `/rollouts/${encodeURIComponent(id)}`);
    // A table shows the steps (the header fields are in JSON/YAML and in the note).
    return {
      data: rollout,
      items: ctx.format === 'table' ? rollout.steps : undefined,
      columns: ctx.format === 'table' ? stepColumns : undefined,
      note: `Rollout ${rollout.id}: ${rollout.state}, window ${windowText(rollout.window)}, ${progress(rollout.steps)}.`,
    };
  },
};
