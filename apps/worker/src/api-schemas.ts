// The request schemas of the worker's HTTP API, shared by the server (http.ts) and the thin
// commands (which validate every row of a CSV file before sending anything). The pcap-export
// request is the contract's SIPSearchPublicRequest, narrowed to the fields an export uses.
import type { SIPSearchPublicRequest } from '@telephony-kit/models';
import { z } from 'zod';
import type { pcapExportSchema } from './jobs/pcap-export';
import type { rolloutSchema } from './jobs/site-reboot';

/** The job states and job types; queue.ts derives `JobState` and `JobName` from them. */
export const jobStates = [
  'created',
  'retry',
  'active',
  'completed',
  'cancelled',
  'failed',
] as const;
export const jobNames = ['pcap-export', 'site-reboot', 'sip-archive'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const uuid = (field: string) =>
  z
    .string({ invalid_type_error: `${field} must be a string (a UUID)` })
    .trim()
    .regex(
      UUID,
      `${field} must be a UUID such as 3f2c8a1e-5b7d-4e9f-a0c1-2d3e4f5a6b7c: copy it from the interaction details or the analytics API`,
    );
const text = (field: string) =>
  z
    .string({ invalid_type_error: `${field} must be a string` })
    .trim()
    .min(1, `${field} must not be empty: give a value or leave the field out`)
    .max(512, `${field} is longer than 512 characters`);
const dateTime = (field: string) =>
  z
    .string({
      required_error: `${field} is required: an ISO-8601 date-time such as 2026-11-26T10:00:00Z`,
      invalid_type_error: `${field} must be an ISO-8601 date-time string such as 2026-11-26T10:00:00Z`,
    })
    .trim()
    .refine(
      (value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
      `${field} must be an ISO-8601 date-time with a time zone, such as 2026-11-26T10:00:00Z`,
    );

/** The filters of a PCAP export; at least one of them is required. */
export const pcapExportFilters = ['conversationId', 'callId', 'toUser', 'fromUser'] as const;

const pcapExportFields = z
  .object({
    conversationId: uuid('conversationId').optional(),
    callId: text('callId').optional(),
    toUser: text('toUser').optional(),
    fromUser: text('fromUser').optional(),
    dateStart: dateTime('dateStart'),
    dateEnd: dateTime('dateEnd'),
  })
  .strict();

// One source of truth: every field is a field of the contract's SIPSearchPublicRequest (checked by
// the `satisfies` below, with its type) and one the pcap-export job accepts (checked here).
type PcapExportFields = z.output<typeof pcapExportFields>;
const onlyJobFields: Exclude<
  keyof PcapExportFields,
  keyof z.input<typeof pcapExportSchema>
> extends never
  ? true
  : false = true;
void onlyJobFields;

/** `POST /jobs/pcap-export`: one export. */
export const pcapExportRequestSchema = pcapExportFields.superRefine((value, ctx) => {
  if (!pcapExportFilters.some((field) => value[field] !== undefined)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [],
      message: `give at least one of ${pcapExportFilters.join(', ')}: an export of every call in a range is refused`,
    });
  }
  const start = Date.parse(value.dateStart);
  const end = Date.parse(value.dateEnd);
  if (!Number.isNaN(start) && !Number.isNaN(end) && end <= start) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['dateEnd'],
      message: `dateEnd (${value.dateEnd}) must be after dateStart (${value.dateStart}): swap them or widen the range`,
    });
  }
}) satisfies z.ZodType<Omit<SIPSearchPublicRequest, 'id' | 'name' | 'selfUri'>>;

export type PcapExportRequest = z.output<typeof pcapExportRequestSchema>;

/** The most requests one batch may hold. */
export const maxBatchSize = 1000;

/** `POST /jobs/pcap-export`: one request, or a batch (an array) of them. */
export const pcapExportBodySchema = z.union([
  pcapExportRequestSchema,
  z
    .array(pcapExportRequestSchema)
    .min(1, 'a batch must hold at least one request')
    .max(maxBatchSize, `a batch holds at most ${maxBatchSize} requests: split it`),
]);

const limit = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `limit must be a whole number from 1 to ${max}`)
    .transform(Number)
    .pipe(
      z.number().int().min(1, `limit must be at least 1`).max(max, `limit must be at most ${max}`),
    )
    .default(String(fallback));

/** `GET /jobs?state=&name=&limit=` */
export const jobsQuerySchema = z
  .object({
    state: z
      .enum(jobStates, {
        errorMap: () => ({ message: `state must be one of ${jobStates.join(', ')}` }),
      })
      .optional(),
    name: z
      .enum(jobNames, {
        errorMap: () => ({ message: `name must be one of ${jobNames.join(', ')}` }),
      })
      .optional(),
    limit: limit(1000, 100),
  })
  .strict();

export type JobsQuery = z.output<typeof jobsQuerySchema>;

const queryDate = (field: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
      `${field} must be an ISO-8601 date-time with a time zone, such as 2026-11-26T10:00:00Z`,
    )
    .transform((value) => new Date(value));

/** `GET /archive/siptraces?conversationId=&callId=&toUser=&fromUser=&from=&to=&limit=` */
export const archiveQuerySchema = z
  .object({
    conversationId: uuid('conversationId').optional(),
    callId: text('callId').optional(),
    toUser: text('toUser').optional(),
    fromUser: text('fromUser').optional(),
    from: queryDate('from').optional(),
    to: queryDate('to').optional(),
    limit: limit(10_000, 1000),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to.getTime() <= value.from.getTime()) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['to'],
        message: 'to must be after from: swap them or widen the range',
      });
    }
  });

export type ArchiveQuery = z.output<typeof archiveQuerySchema>;

// The rollout engine's formats (jobs/site-reboot.ts): a duration in ms, s, m or h; a window point
// as a time of day (a daily window), a date-time in the window's time zone, or an instant.
const DURATION = /^\d+(?:\.\d+)?(?:ms|s|m|h)?$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;

const windowPoint = (field: string) =>
  z
    .string({
      required_error: `${field} is required`,
      invalid_type_error: `${field} must be a string`,
    })
    .trim()
    .refine(
      (value) =>
        TIME_OF_DAY.test(value) ||
        (LOCAL_DATE_TIME.test(value) && !Number.isNaN(Date.parse(`${value}Z`))) ||
        (ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))),
      `${field} must be a time of day (02:00, for a window every day), a date-time in the window's time zone (2026-11-28T02:00), or an instant (2026-11-28T02:00:00Z)`,
    );

/** `POST /rollouts`: the shape; the rollout engine checks the window against its time zone. */
export const rolloutRequestSchema = z
  .object({
    siteIds: z
      .array(text('siteIds[]'), {
        required_error: 'siteIds is required: the ids of the Edge sites to reboot, in order',
        invalid_type_error: 'siteIds must be an array of site ids',
      })
      .min(1, 'siteIds must name at least one site')
      .max(1000, 'siteIds holds at most 1000 sites: split the rollout')
      .refine((ids) => new Set(ids).size === ids.length, 'siteIds must not repeat a site'),
    window: z
      .object(
        {
          start: windowPoint('window.start'),
          end: windowPoint('window.end'),
          timezone: text('window.timezone').refine(
            isTimeZone,
            'window.timezone must be an IANA time zone such as Europe/London or UTC',
          ),
        },
        {
          required_error: 'window is required: { start, end, timezone }',
          invalid_type_error: 'window must be an object { start, end, timezone }',
        },
      )
      .strict()
      .superRefine((w, ctx) => {
        const daily = [w.start, w.end].map((point) => TIME_OF_DAY.test(point));
        if (daily[0] !== daily[1]) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['end'],
            message:
              'window.start and window.end must both be times of day (a daily window) or both date-times',
          });
        } else if (daily[0] && w.start === w.end) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['end'],
            message: 'window.end must differ from window.start',
          });
        } else if (!daily[0] && LOCAL_DATE_TIME.test(w.start) === LOCAL_DATE_TIME.test(w.end)) {
          // Both local (same time zone) or both instants: comparable as they are.
          const local = LOCAL_DATE_TIME.test(w.start) ? 'Z' : '';
          if (Date.parse(w.end + local) <= Date.parse(w.start + local)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: ['end'],
              message: 'window.end must be after window.start',
            });
          }
        }
      }),
    maxParallel: z
      .number({ invalid_type_error: 'maxParallel must be a whole number' })
      .int('maxParallel must be a whole number')
      .min(1, 'maxParallel must be at least 1')
      .max(100, 'maxParallel must be at most 100')
      .optional(),
    pauseBetween: z
      .union([
        z
          .number()
          .min(0, 'pauseBetween must not be negative')
          .max(86_400, 'pauseBetween is at most 86400 seconds (a day)'),
        z
          .string()
          .trim()
          .regex(
            DURATION,
            'pauseBetween is seconds (a number) or a duration such as 30s, 5m or 1h',
          ),
      ])
      .optional(),
  })
  .strict();

// Every field is one the rollout engine accepts.
const onlyRolloutFields: Exclude<
  keyof z.output<typeof rolloutRequestSchema>,
  keyof z.input<typeof rolloutSchema>
> extends never
  ? true
  : false = true;
void onlyRolloutFields;

export type RolloutRequest = z.output<typeof rolloutRequestSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** One problem with a request: the field (a path such as `[2].dateStart`) and what to do. */
export interface ValidationDetail {
  field: string;
  message: string;
}

/** Zod issues as `{ field, message }`, the field written as a path from the root. */
export function validationDetails(
  error: z.ZodError,
  options: { root?: string; rootType?: string } = {},
): ValidationDetail[] {
  const root = options.root ?? '';
  const details: ValidationDetail[] = [];
  const seen = new Set<string>();
  for (const issue of flattenIssues(error.issues)) {
    let field = root;
    for (const key of issue.path) {
      field += typeof key === 'number' ? `[${key}]` : field ? `.${key}` : String(key);
    }
    let message = issue.message;
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'} (check the spelling)`;
    } else if (issue.code === z.ZodIssueCode.invalid_type && issue.path.length === 0) {
      message = `expected ${options.rootType ?? issue.expected}, not ${issue.received}`;
    } else if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') {
      message = message === 'Required' ? `${field || 'the value'} is required` : message;
    }
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ field: field || '(body)', message });
  }
  return details;
}

// A union's failure reports the issues of its closest branch rather than "Invalid input".
function flattenIssues(issues: readonly z.ZodIssue[]): z.ZodIssue[] {
  const out: z.ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code === z.ZodIssueCode.invalid_union && issue.unionErrors.length > 0) {
      const best = [...issue.unionErrors].sort((a, b) => score(a) - score(b))[0] as z.ZodError;
      // zod reports the branches' issues with paths from the root already.
      out.push(...flattenIssues(best.issues));
    } else {
      out.push(issue);
    }
  }
  return out;
}

// A branch that failed on the type of the root itself is a worse match than one that got inside.
function score(error: z.ZodError): number {
  return error.issues.some((issue) => issue.code === 'invalid_type' && issue.path.length === 0)
    ? 1000
    : error.issues.length;
}
