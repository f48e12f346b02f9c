// `telephony-worker enqueue pcap-export`: one export from flags, or one per row of a CSV file. Every
// row is validated before anything is sent, and problems are reported by line number.
import { readFile } from 'node:fs/promises';
import { resolveDate } from '@telephony-kit/client';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  maxBatchSize,
  type PcapExportRequest,
  pcapExportFilters,
  pcapExportRequestSchema,
  validationDetails,
} from '../api-schemas';
import type { CommandContext, CommandDefinition } from '../command';
import { usageError } from '../exit-codes';
import type { Column } from '../output';

interface EnqueueAnswer {
  id: string;
  duplicate: boolean;
}

interface BatchAnswer {
  jobs: EnqueueAnswer[];
  created: number;
  duplicates: number;
}

/** Requests per HTTP call: well under the API's body limit and batch size. */
const CHUNK = 500;
/** Problems listed before "and N more". */
const MAX_LISTED = 50;

/** CSV headings → request fields (case, `-`, `_` and spaces ignored). */
const COLUMN_ALIASES: Record<string, keyof PcapExportRequest> = {
  conversationid: 'conversationId',
  conversation: 'conversationId',
  callid: 'callId',
  call: 'callId',
  touser: 'toUser',
  fromuser: 'fromUser',
  datestart: 'dateStart',
  start: 'dateStart',
  from: 'dateStart',
  since: 'dateStart',
  dateend: 'dateEnd',
  end: 'dateEnd',
  to: 'dateEnd',
};

const columns: Column[] = [
  { header: 'LINE', value: (row) => row.line },
  { header: 'JOB', value: (row) => row.id },
  { header: 'DUPLICATE', value: (row) => (row.duplicate ? 'yes' : 'no') },
];

export const command: CommandDefinition = {
  summary: 'Enqueue PCAP exports: one from flags, or one per row of a CSV file',
  usage:
    'enqueue pcap-export (--conversation <id> | --call-id <id> | --to-user <user> | --from-user <user>) (--since <duration> | --from <date> [--to <date>])\n       enqueue pcap-export --file calls.csv [--since <duration> | --from <date> [--to <date>]]',
  description: `The worker requests each capture, waits until it is ready, and writes it to its output
directory; the same export enqueued twice runs once (it is reported as a duplicate).

With --file, the first row of the CSV names the columns: conversationId, callId, toUser,
fromUser, dateStart, dateEnd (or conversation, call-id, to-user, from-user, from, to). Rows
without dates use --since, --from and --to. Every row is checked before anything is sent, and
problems are listed by line.

Dates are ISO-8601 (2026-11-26T10:00:00Z), "now", or a duration before now (30m, 2h, 7d).`,
  options: {
    conversation: {
      type: 'string',
      valueName: 'id',
      description: 'the conversation id (a UUID)',
    },
    'call-id': { type: 'string', valueName: 'id', description: 'the SIP Call-ID' },
    'to-user': { type: 'string', valueName: 'user', description: 'the SIP user called' },
    'from-user': { type: 'string', valueName: 'user', description: 'the SIP user who called' },
    since: {
      type: 'string',
      valueName: 'duration',
      description: 'start the search this long ago: 30m, 2h, 7d',
    },
    from: { type: 'string', valueName: 'date', description: 'start of the search' },
    to: { type: 'string', valueName: 'date', description: 'end of the search (default now)' },
    file: {
      type: 'string',
      short: 'f',
      valueName: 'calls.csv',
      description: 'a CSV file with a header row, one export per row',
    },
  },
  positionals: [{ name: 'job', description: 'the job type: pcap-export', required: true }],
  examples: [
    'telephony-worker enqueue pcap-export --conversation 3f2c8a1e-5b7d-4e9f-a0c1-2d3e4f5a6b7c --since 2h',
    'telephony-worker enqueue pcap-export --to-user +442079460013 --from 2026-11-26T08:00:00Z --to 2026-11-26T09:00:00Z',
    'telephony-worker enqueue pcap-export --file bad-audio.csv --since 7d',
  ],
  async run(ctx, { positionals, options }) {
    const [job, ...rest] = positionals;
    if (job !== 'pcap-export') {
      throw usageError(
        job
          ? `Unknown job type ${JSON.stringify(job)}: the worker API enqueues pcap-export (rollouts have \`telephony-worker rollout create\`).`
          : 'Name the job type: telephony-worker enqueue pcap-export …',
      );
    }
    if (rest.length > 0) throw usageError(`Unexpected argument ${JSON.stringify(rest[0])}.`);
    const opts = options as Record<string, string | undefined>;
    if (opts.since !== undefined && opts.from !== undefined) {
      throw usageError('Give --since or --from, not both.');
    }
    const filterFlags = ['conversation', 'call-id', 'to-user', 'from-user'] as const;
    if (opts.file !== undefined) {
      const given = filterFlags.filter((flag) => opts[flag] !== undefined);
      if (given.length > 0) {
        throw usageError(
          `--${given[0]} and --file do not mix: put the filters in the file's columns, or drop --file.`,
        );
      }
      const requests = await requestsFromFile(ctx, opts.file, opts);
      return enqueueBatch(ctx, requests);
    }
    const start = opts.since ?? opts.from;
    if (start === undefined) {
      throw usageError('Give the time range: --since 2h, or --from <date> [--to <date>].');
    }
    const raw: Record<string, string> = {
      dateStart: date(ctx, start, opts.since !== undefined ? '--since' : '--from'),
      dateEnd: date(ctx, opts.to ?? 'now', '--to'),
    };
    const flagFields = {
      conversation: 'conversationId',
      'call-id': 'callId',
      'to-user': 'toUser',
      'from-user': 'fromUser',
    } as const;
    for (const flag of filterFlags) {
      const value = opts[flag];
      if (value !== undefined) raw[flagFields[flag]] = value;
    }
    const parsed = pcapExportRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const flagOf = Object.fromEntries(
        Object.entries(flagFields).map(([flag, field]) => [field, `--${flag}`]),
      ) as Record<string, string>;
      const details = validationDetails(parsed.error).map((detail) =>
        detail.field === '(body)'
          ? `give at least one of --conversation, --call-id, --to-user, --from-user`
          : `${flagOf[detail.field] ?? (detail.field === 'dateEnd' ? '--to' : detail.field === 'dateStart' ? '--since/--from' : detail.field)}: ${detail.message}`,
      );
      throw usageError(details[0] as string, details.slice(1));
    }
    const answer = await ctx
      .api()
      .request<EnqueueAnswer & { name: string }>('POST', '/jobs/pcap-export', {
        body: parsed.data,
      });
    return {
      data: answer,
      columns: [
        { header: 'JOB', value: (row) => row.id },
        { header: 'DUPLICATE', value: (row) => (row.duplicate ? 'yes' : 'no') },
      ],
      note: answer.duplicate
        ? `Already enqueued: job ${answer.id} (the same export runs once).`
        : `Enqueued job ${answer.id}: follow it with \`telephony-worker jobs get ${answer.id}\`.`,
    };
  },
};

function date(ctx: CommandContext, value: string, flag: string): string {
  try {
    return resolveDate(value, { now: () => ctx.now(), field: flag }).toISOString();
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

interface FileRequest {
  line: number;
  request: PcapExportRequest;
}

async function requestsFromFile(
  ctx: CommandContext,
  file: string,
  opts: Record<string, string | undefined>,
): Promise<FileRequest[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(
      code === 'ENOENT'
        ? `--file ${file}: no such file.`
        : `--file ${file} cannot be read (${code ?? (error as Error).message}).`,
    );
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let headings: string[] = [];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => {
        headings = header;
        return header.map((heading) => heading.trim());
      },
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as typeof records;
  } catch (error) {
    const { lines } = error as { lines?: number };
    throw usageError(
      `${file}${lines ? ` line ${lines}` : ''}: not a valid CSV file (${(error as Error).message.replace(/^Invalid Record Length: /, '')}).`,
    );
  }
  if (headings.length === 0) throw usageError(`${file} is empty: the first row names the columns.`);
  const fieldOf = new Map<string, keyof PcapExportRequest>();
  const problems: string[] = [];
  for (const heading of headings.map((h) => h.trim())) {
    const field = COLUMN_ALIASES[heading.toLowerCase().replace(/[-_\s]/g, '')];
    if (!field) {
      problems.push(
        `line 1: unknown column ${JSON.stringify(heading)}: use ${[...pcapExportFilters, 'dateStart', 'dateEnd'].join(', ')}`,
      );
    } else if ([...fieldOf.values()].includes(field)) {
      problems.push(`line 1: two columns mean ${field}: keep one`);
    } else {
      fieldOf.set(heading, field);
    }
  }
  if (problems.length > 0) throw usageError(`${file}: the header row is not valid.`, problems);
  if (records.length === 0) throw usageError(`${file} has a header row but no exports.`);

  const defaultStart = opts.since ?? opts.from;
  const requests: FileRequest[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const raw: Record<string, string> = {};
    for (const [heading, value] of Object.entries(record)) {
      const field = fieldOf.get(heading);
      if (field && value !== '') raw[field] = value;
    }
    try {
      raw.dateStart = resolveDate(raw.dateStart ?? defaultStart ?? '', {
        now: () => ctx.now(),
        field: 'dateStart',
      }).toISOString();
      raw.dateEnd = resolveDate(raw.dateEnd ?? opts.to ?? 'now', {
        now: () => ctx.now(),
        field: 'dateEnd',
      }).toISOString();
    } catch (error) {
      const message = (error as Error).message;
      problems.push(
        `line ${line}: ${raw.dateStart === undefined && defaultStart === undefined ? 'dateStart is missing: add a dateStart column or give --since/--from' : message}`,
      );
      continue;
    }
    const parsed = pcapExportRequestSchema.safeParse(raw);
    if (!parsed.success) {
      for (const detail of validationDetails(parsed.error)) {
        problems.push(
          `line ${line}: ${detail.field === '(body)' ? '' : `${detail.field}: `}${detail.message}`,
        );
      }
      continue;
    }
    requests.push({ line, request: parsed.data });
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED);
    if (problems.length > MAX_LISTED) listed.push(`… and ${problems.length - MAX_LISTED} more`);
    throw usageError(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was enqueued. Fix the rows and run again.`,
      listed,
    );
  }
  if (requests.length > 100 * maxBatchSize) {
    throw usageError(
      `${file} holds ${requests.length} exports: split it into files of at most ${100 * maxBatchSize}.`,
    );
  }
  return requests;
}

async function enqueueBatch(ctx: CommandContext, requests: FileRequest[]) {
  const api = ctx.api();
  const jobs: (EnqueueAnswer & { line: number })[] = [];
  for (let offset = 0; offset < requests.length; offset += CHUNK) {
    const chunk = requests.slice(offset, offset + CHUNK);
    const answer = await api.request<BatchAnswer>('POST', '/jobs/pcap-export', {
      body: chunk.map((item) => item.request),
    });
    answer.jobs.forEach((job, index) => {
      jobs.push({ line: (chunk[index] as FileRequest).line, id: job.id, duplicate: job.duplicate });
    });
    if (requests.length > CHUNK) {
      ctx.log(`enqueued ${Math.min(offset + CHUNK, requests.length)} of ${requests.length}`);
    }
  }
  const created = jobs.filter((job) => !job.duplicate).length;
  const duplicates = jobs.length - created;
  return {
    data: { jobs, created, duplicates },
    items: jobs,
    columns,
    note: `Enqueued ${created} export${created === 1 ? '' : 's'}${duplicates ? `; ${duplicates} already enqueued (duplicates run once)` : ''}.`,
  };
}
