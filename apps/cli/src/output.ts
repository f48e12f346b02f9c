// Renders what a command returns: a table (or text) on a terminal, JSON when piped or asked for,
// YAML or NDJSON on request. Only data goes to stdout.
import type { OutputFormat } from './context';

export const outputFormats = ['json', 'yaml', 'table', 'ndjson'] as const;

/** How a command's data looks on a terminal: a table, or plain text (raw SIP, a URL, an id). */
export type HumanView =
  | { kind: 'table'; columns: readonly string[]; rows: readonly (readonly unknown[])[] }
  | { kind: 'text'; text: string };

const VIEW = Symbol('human view');

/** Data plus its human view; machine formats use `data` alone. */
export interface Presented<T = unknown> {
  readonly data: T;
  readonly [VIEW]: HumanView;
  /** The items NDJSON writes one per line, when they are not `data` itself. */
  readonly items?: readonly unknown[];
}

export function presented<T>(data: T, view: HumanView, items?: readonly unknown[]): Presented<T> {
  return { data, [VIEW]: view, ...(items ? { items } : {}) };
}

export function isPresented(value: unknown): value is Presented {
  return !!value && typeof value === 'object' && VIEW in value;
}

export const table = (
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): HumanView => ({ kind: 'table', columns, rows });
export const text = (value: string): HumanView => ({ kind: 'text', text: value });

/** --output, else --json, else a table on a terminal and JSON in a pipe. */
export function chooseFormat(options: {
  output?: OutputFormat | undefined;
  json?: boolean;
  stdoutIsTTY: boolean;
}): OutputFormat {
  if (options.output) return options.output;
  if (options.json) return 'json';
  return options.stdoutIsTTY ? 'table' : 'json';
}

const ESC = '\u001b[';
export const style = {
  bold: (s: string, color: boolean) => (color ? `${ESC}1m${s}${ESC}22m` : s),
  dim: (s: string, color: boolean) => (color ? `${ESC}2m${s}${ESC}22m` : s),
  red: (s: string, color: boolean) => (color ? `${ESC}31m${s}${ESC}39m` : s),
  yellow: (s: string, color: boolean) => (color ? `${ESC}33m${s}${ESC}39m` : s),
};

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.replace(/[\r\n\t]+/g, ' ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(cell).join(', ');
  return JSON.stringify(value);
}

/** The display width of a string (no ANSI codes in cells; wide characters are rare here). */
const width = (s: string) => [...s].length;

export function renderTable(view: Extract<HumanView, { kind: 'table' }>, color: boolean): string {
  const rows = view.rows.map((row) => row.map(cell));
  if (rows.length === 0) return `${style.dim('(no results)', color)}\n`;
  const widths = view.columns.map((column, i) =>
    Math.max(width(column), ...rows.map((row) => width(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - width(c))))
      .join('  ')
      .trimEnd();
  const header = style.bold(line(view.columns.map((c) => c.toUpperCase())), color);
  return `${[header, ...rows.map(line)].join('\n')}\n`;
}

/** A generic table for data that has no view of its own. */
function genericView(data: unknown): HumanView {
  if (Array.isArray(data)) {
    const objects = data.filter((item) => item && typeof item === 'object' && !Array.isArray(item));
    if (objects.length === data.length && objects.length > 0) {
      const columns = [...new Set(objects.flatMap((o) => Object.keys(o as object)))];
      return table(
        columns,
        objects.map((o) => columns.map((c) => (o as Record<string, unknown>)[c])),
      );
    }
    return text(data.map(cell).join('\n'));
  }
  if (data && typeof data === 'object') {
    return table(
      ['field', 'value'],
      Object.entries(data).map(([key, value]) => [key, value]),
    );
  }
  return text(cell(data));
}

/** An object with objects inside: too deep for a two-column table. */
function isNested(data: unknown): boolean {
  return (
    !!data &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Object.values(data).some((value) => value !== null && typeof value === 'object')
  );
}

/** The text to write on stdout for `result` in `format`. */
export async function renderOutput(
  result: unknown,
  format: OutputFormat,
  color: boolean,
): Promise<string> {
  const data = isPresented(result) ? result.data : result;
  switch (format) {
    case 'json':
      return `${JSON.stringify(data ?? null, null, 2)}\n`;
    case 'yaml': {
      const { stringify } = await import('yaml');
      return stringify(data ?? null);
    }
    case 'ndjson': {
      const items = isPresented(result) && result.items ? result.items : data;
      const lines = Array.isArray(items) ? items : [items ?? null];
      return lines.map((item) => `${JSON.stringify(item)}\n`).join('');
    }
    case 'table': {
      if (!isPresented(result) && isNested(data)) {
        // A free-form document (phone configuration) reads best as YAML.
        const { stringify } = await import('yaml');
        return stringify(data);
      }
      const view = isPresented(result) ? result[VIEW] : genericView(data);
      if (view.kind === 'text') return view.text.endsWith('\n') ? view.text : `${view.text}\n`;
      return renderTable(view, color);
    }
  }
}
