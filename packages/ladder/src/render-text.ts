// The ladder for a terminal: one column per participant, one line per message, never wider than
// `width` (columns are squeezed, labels cut with an ellipsis), Unicode or ASCII, optional ANSI colour.
import { textWidth, toCells } from './display-width';
import { describeDialog, describeNotes, formatOffset } from './format';
import type { LadderModel, MessageClass, RenderTextOptions } from './types';

const MIN_SPACING = 3;
const MAX_SPACING = 36;

const GLYPHS = {
  unicode: { life: '│', shaft: '─', right: '▶', left: '◀', self: '↺', ellipsis: '…', arrow: '→' },
  ascii: { life: '|', shaft: '-', right: '>', left: '<', self: '@', ellipsis: '...', arrow: '->' },
};

const SGR: Record<MessageClass | 'header', string> = {
  header: '1',
  request: '36',
  provisional: '90',
  success: '32',
  redirect: '34',
  'client-error': '31',
  'server-error': '35',
  'global-failure': '1;31',
};

interface Cell {
  text: string;
  style: string;
}

/** Renders the ladder as terminal text (lines joined by `\n`, ending in one). */
export function renderText(model: LadderModel, options: RenderTextOptions = {}): string {
  const width = options.width ?? 80;
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`renderText: width must be a positive integer, got ${String(width)}.`);
  }
  const glyph = options.ascii ? GLYPHS.ascii : GLYPHS.unicode;
  const color = options.color === true;
  const count = Math.max(1, model.participants.length);

  if (model.messages.length === 0) {
    return `${fit('(no SIP messages)', width, glyph.ellipsis)}\n`;
  }

  // The gutter holds the time since the start and the dialog tag; it goes when space runs out.
  const timeWidth = Math.max(...model.messages.map((m) => formatOffset(m.sinceStartUs).length));
  const tagWidth = Math.max(...model.dialogs.map((d) => d.tag.length));
  let showTime = true;
  let showTag = model.dialogs.length > 1;
  const gutterWidth = () => (showTime ? timeWidth + 1 : 0) + (showTag ? tagWidth + 1 : 0);
  const spacingFor = () => Math.min(MAX_SPACING, Math.floor((width - gutterWidth()) / count));
  if (spacingFor() < MIN_SPACING) showTag = false;
  if (spacingFor() < MIN_SPACING) showTime = false;
  const spacing = spacingFor();
  if (spacing < MIN_SPACING) {
    throw new RangeError(
      `renderText: width ${width} is too narrow for ${count} participants; it needs at least ${
        MIN_SPACING * count
      } columns (try mergeEphemeralPorts, or a wider terminal).`,
    );
  }
  const gutter = gutterWidth();
  const x = (column: number) => gutter + Math.floor(spacing / 2) + column * spacing;
  const lineWidth = x(count - 1) + 1 + Math.floor((spacing - 1) / 2);
  const columnOf = new Map(model.participants.map((p, i) => [p.id, i]));
  const tagOf = new Map<number, string>();
  for (const dialog of model.dialogs) {
    for (const index of dialog.messageIndexes) tagOf.set(index, dialog.tag);
  }

  const blank = (): Cell[] => Array.from({ length: lineWidth }, () => ({ text: ' ', style: '' }));
  const put = (row: Cell[], at: number, cells: string[], style = '') => {
    cells.forEach((text, i) => {
      const cell = row[at + i];
      if (cell) {
        cell.text = text;
        cell.style = style;
      }
    });
  };
  const lifelines = (row: Cell[]) => {
    for (let i = 0; i < count; i += 1) put(row, x(i), [glyph.life]);
    return row;
  };
  const centred = (row: Cell[], column: number, text: string, style: string) => {
    const cells = toCells(text, spacing - 1, glyph.ellipsis);
    put(row, x(column) - Math.floor((cells.length - 1) / 2), cells, style);
  };

  const lines: Cell[][] = [];
  const labels = blank();
  model.participants.forEach((p, i) => {
    centred(labels, i, p.label, SGR.header);
  });
  lines.push(labels);
  if (model.participants.some((p) => p.label !== p.address)) {
    const addresses = blank();
    model.participants.forEach((p, i) => {
      centred(addresses, i, p.address, '');
    });
    lines.push(addresses);
  }
  lines.push(lifelines(blank()));

  for (const message of model.messages) {
    const row = lifelines(blank());
    if (showTime) {
      const time = formatOffset(message.sinceStartUs);
      put(row, timeWidth - time.length, [...time]);
    }
    if (showTag) put(row, showTime ? timeWidth + 1 : 0, [...(tagOf.get(message.index) ?? '')]);
    const style = SGR[message.class];
    const from = columnOf.get(message.from) ?? 0;
    const to = columnOf.get(message.to) ?? 0;
    if (from === to) {
      const room = lineWidth - x(from) - 1;
      put(row, x(from) + 1, toCells(`${glyph.self} ${message.label}`, room, glyph.ellipsis), style);
    } else {
      const left = Math.min(x(from), x(to));
      const right = Math.max(x(from), x(to));
      const shaft = right - left - 1; // cells between the two lifelines, the head included
      const arrow = Array.from({ length: shaft }, () => glyph.shaft);
      const rightward = to > from;
      if (rightward) arrow[shaft - 1] = glyph.right;
      else arrow[0] = glyph.left;
      // `─ label ───▶` when it fits, else `─label…▶`.
      const spaced = textWidth(message.label) + 4 <= shaft;
      const label = toCells(
        spaced ? ` ${message.label} ` : message.label,
        Math.max(0, shaft - 2),
        glyph.ellipsis,
      );
      const start = rightward ? 1 : shaft - 1 - label.length;
      label.forEach((text, i) => {
        arrow[start + i] = text;
      });
      put(row, left + 1, arrow, style);
    }
    lines.push(row);
  }
  lines.push(lifelines(blank()));

  const out = lines.map((row) => serialise(row, color));
  if (options.legend !== false) {
    const notes = [
      ...(model.dialogs.length > 0 ? [''] : []),
      ...model.dialogs.map((d) => describeDialog(model, d, glyph.arrow)),
      ...describeNotes(model),
    ];
    for (const note of notes) out.push(fit(note, width, glyph.ellipsis));
  }
  return `${out.join('\n')}\n`;
}

function fit(text: string, width: number, ellipsis: string): string {
  return toCells(text, width, ellipsis).join('');
}

function serialise(row: Cell[], color: boolean): string {
  let out = '';
  let style = '';
  for (const cell of row) {
    if (color && cell.style !== style) {
      if (style) out += '\u001b[0m';
      if (cell.style) out += `\u001b[${cell.style}m`;
      style = cell.style;
    }
    out += cell.text;
  }
  if (color && style) out += '\u001b[0m';
  // Trailing blanks carry no information; drop them (after any reset).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return out.replace(/ +$/, '').replace(/ +(\u001b\[0m)$/, '$1');
}
