// How the thin commands print data, as the `telephony` CLI does: a table for humans on a TTY,
// JSON when piped or with --json, or --output json|yaml|table|ndjson. Data goes to stdout only.
import { stringify as toYaml } from 'yaml';
import { usageError } from './exit-codes';

export const outputFormats = ['json', 'yaml', 'table', 'ndjson'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** A column of a table: its heading and how to read a cell from a row. */
export interface Column {
  header: string;
  value(row: Record<string, unknown>): unknown;
  /** Colours the cell by its text (states). */
  colour?: boolean;
}

/** What a command returns: the data, and how it reads as rows of a table and as ndjson. */
export interface CommandOutput {
  data: unknown;
  /** The items of a list (ndjson prints one per line; table one per row). Default: the data. */
  items?: readonly object[];
  columns?: readonly Column[];
  /** One line for humans, printed on stderr. */
  note?: string;
}

export function chooseFormat(options: {
  output?: string | undefined;
  json?: boolean | undefined;
  isTTY: boolean;
}): OutputFormat {
  if (options.output !== undefined) {
    if (!(outputFormats as readonly string[]).includes(options.output)) {
      throw usageError(
        `--output ${JSON.stringify(options.output)} is not a format: use ${outputFormats.join(', ')}.`,
      );
    }
    return options.output as OutputFormat;
  }
  if (options.json) return 'json';
  return options.isTTY ? 'table' : 'json';
}

/** True unless NO_COLOR is set (to anything), --no-color was given, or stdout is not a TTY. */
export function useColour(env: NodeJS.ProcessEnv, noColourFlag: boolean, isTTY: boolean): boolean {
  return isTTY && !noColourFlag && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

const STATE_COLOURS: Record<string, string> = {
  completed: '32',
  done: '32',
  failed: '31',
  unknown: '31',
  active: '33',
  running: '33',
  retry: '33',
  'intent-recorded': '33',
  cancelled: '90',
  stopped: '90',
  created: '36',
  scheduled: '36',
  pending: '36',
};

/** The text a command's output prints in `format`. */
export function render(output: CommandOutput, format: OutputFormat, colour: boolean): string {
  const { data } = output;
  switch (format) {
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
    case 'yaml':
      return toYaml(data ?? null);
    case 'ndjson': {
      const items = output.items ?? (Array.isArray(data) ? data : [data]);
      return items.map((item) => `${JSON.stringify(item)}\n`).join('');
    }
    case 'table':
      return renderTable(output, colour);
  }
}

function renderTable(output: CommandOutput, colour: boolean): string {
  const rows = (output.items ??
    (Array.isArray(output.data) ? output.data : [output.data])) as Record<string, unknown>[];
  if (!output.columns) return renderRecord(output.data, colour);
  if (rows.length === 0) return '';
  const columns = output.columns;
  const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((row) => (row[index] as string).length)),
  );
  const line = (values: string[], paint: (value: string, index: number) => string) =>
    values
      .map((value, index) =>
        index === values.length - 1
          ? paint(value, index)
          : paint(value.padEnd(widths[index] as number), index),
      )
      .join('  ')
      .trimEnd();
  const header = line(
    columns.map((column) => column.header),
    (value) => (colour ? `\u001b[1m${value}\u001b[22m` : value),
  );
  const body = cells.map((row) =>
    line(row, (value, index) => {
      const code = STATE_COLOURS[value.trim()];
      return colour && columns[index]?.colour && code ? `\u001b[${code}m${value}\u001b[39m` : value;
    }),
  );
  return `${[header, ...body].join('\n')}\n`;
}

// One object as `key  value` lines; nested values as compact JSON.
function renderRecord(data: unknown, colour: boolean): string {
  if (data === null || typeof data !== 'object') return `${cellText(data)}\n`;
  const entries = Object.entries(data as Record<string, unknown>);
  const width = Math.max(0, ...entries.map(([key]) => key.length));
  return `${entries
    .map(([key, value]) => {
      const label = key.padEnd(width);
      return `${colour ? `\u001b[1m${label}\u001b[22m` : label}  ${cellText(value)}`;
    })
    .join('\n')}\n`;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'string') return value.replace(/[\r\n\t]+/g, ' ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
