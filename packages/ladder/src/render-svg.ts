// The ladder as one standalone SVG document: a title, participant headers with lifelines, a time
// axis, one arrow per message with its label, and the raw SIP as each message's tooltip.
import { describeDialog, describeNotes, formatOffset } from './format';
import type { LadderModel, MessageClass, RenderSvgOptions } from './types';

const FONT = 12;
const CHAR = 7.3; // advance of one 12px monospace character, rounded up
const MARGIN = 16;
const TITLE_HEIGHT = 34;
const HEADER_HEIGHT = 42;
const ROW = 28;
const AXIS_WIDTH = 96;
const TAG_WIDTH = 28;

export const CLASS_COLORS: Record<MessageClass, string> = {
  request: '#0b5cad',
  provisional: '#6a737d',
  success: '#1a7f37',
  redirect: '#8250df',
  'client-error': '#cf222e',
  'server-error': '#bc4c00',
  'global-failure': '#82071e',
};

/** Renders the ladder as a standalone SVG document (UTF-8, no external resources). */
export function renderSvg(model: LadderModel, options: RenderSvgOptions = {}): string {
  const title = options.title ?? 'SIP ladder';
  const count = Math.max(1, model.participants.length);
  const longest = Math.max(
    0,
    ...model.participants.flatMap((p) => [p.label.length, p.address.length]),
  );
  const column = Math.min(240, Math.max(150, Math.ceil(longest * CHAR) + 28));
  const left = MARGIN + AXIS_WIDTH + TAG_WIDTH;
  const x = (i: number) => left + column * i + column / 2;
  const headerTop = MARGIN + TITLE_HEIGHT;
  const firstRow = headerTop + HEADER_HEIGHT + 30;
  const y = (i: number) => firstRow + ROW * i;
  const lastRow = y(Math.max(0, model.messages.length - 1));
  const legendTop = lastRow + 40;
  const legend = [...model.dialogs.map((d) => describeDialog(model, d)), ...describeNotes(model)];
  const width = Math.ceil(
    Math.max(
      left + column * count + MARGIN,
      MARGIN * 2 + title.length * 9,
      ...legend.map((line) => MARGIN * 2 + line.length * CHAR),
    ),
  );
  const height = Math.ceil(legendTop + legend.length * 18 + MARGIN);
  const columnOf = new Map(model.participants.map((p, i) => [p.id, i]));
  const tagOf = new Map<number, string>();
  for (const dialog of model.dialogs) {
    for (const index of dialog.messageIndexes) tagOf.set(index, dialog.tag);
  }

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace" font-size="${FONT}" role="img" aria-label="${escapeXml(title)}">`,
  );
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(
    '<style>.msg:hover line,.msg:hover path{stroke-width:2.5}.msg:hover text.label{font-weight:bold}</style>',
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff" pointer-events="none"/>`);
  out.push(
    `<text x="${MARGIN}" y="${MARGIN + 20}" font-size="18" font-weight="bold" fill="#1f2328">${escapeXml(title)}</text>`,
  );

  // Participants: header boxes and lifelines.
  const lifelineEnd = lastRow + 20;
  model.participants.forEach((p, i) => {
    const boxWidth = column - 20;
    const cx = x(i);
    const maxChars = Math.floor((boxWidth - 12) / CHAR);
    out.push(`<g class="participant" id="${p.id}">`);
    out.push(`<title>${escapeXml(p.alias ? `${p.alias} (${p.address})` : p.address)}</title>`);
    out.push(
      `<rect x="${cx - boxWidth / 2}" y="${headerTop}" width="${boxWidth}" height="${HEADER_HEIGHT}" rx="6" fill="#f6f8fa" stroke="#8c959f"/>`,
    );
    out.push(
      `<text x="${cx}" y="${headerTop + 17}" text-anchor="middle" font-weight="bold" fill="#1f2328">${escapeXml(cut(p.label, maxChars))}</text>`,
    );
    out.push(
      `<text x="${cx}" y="${headerTop + 33}" text-anchor="middle" fill="#57606a" font-size="11">${escapeXml(cut(p.alias ? p.address : transportsOf(model, p.id), maxChars))}</text>`,
    );
    out.push(
      `<line x1="${cx}" y1="${headerTop + HEADER_HEIGHT}" x2="${cx}" y2="${lifelineEnd}" stroke="#8c959f" stroke-dasharray="4 3"/>`,
    );
    out.push('</g>');
  });

  // The time axis: seconds since the first message, one tick per message.
  const axisX = MARGIN + AXIS_WIDTH - 8;
  out.push('<g class="time-axis">');
  out.push(
    `<text x="${axisX}" y="${headerTop + HEADER_HEIGHT + 14}" text-anchor="end" fill="#57606a" font-size="11">time (s)</text>`,
  );
  out.push(
    `<line x1="${axisX}" y1="${y(0) - 14}" x2="${axisX}" y2="${lifelineEnd}" stroke="#57606a"/>`,
  );
  for (const message of model.messages) {
    const my = y(message.index);
    out.push(
      `<line x1="${axisX - 4}" y1="${my}" x2="${axisX}" y2="${my}" stroke="#57606a"/><text x="${axisX - 7}" y="${my + 4}" text-anchor="end" fill="#57606a" font-size="11">${formatOffset(message.sinceStartUs)}</text>`,
    );
  }
  out.push('</g>');

  for (const message of model.messages) {
    const color = CLASS_COLORS[message.class];
    const from = x(columnOf.get(message.from) ?? 0);
    const to = x(columnOf.get(message.to) ?? 0);
    const my = y(message.index);
    const dashed = message.kind === 'response' ? ' stroke-dasharray="6 3"' : '';
    const tooltip = [
      `${message.label}  ${formatOffset(message.sinceStartUs)}  ${message.time}  ${message.transport}`,
      `${message.source} → ${message.destination}`,
      '',
      message.raw.replace(/\r\n?/g, '\n').trimEnd() || '(no raw message captured)',
    ].join('\n');
    const group: string[] = [];
    group.push(
      `<g class="msg ${message.class}" id="msg-${message.index}" data-label="${escapeXml(message.label)}">`,
    );
    group.push(`<title>${escapeXml(tooltip)}</title>`);
    const tag = tagOf.get(message.index) ?? '';
    if (model.dialogs.length > 1) {
      group.push(
        `<text x="${left - 6}" y="${my + 4}" text-anchor="end" fill="#57606a" font-size="11">${escapeXml(tag)}</text>`,
      );
    }
    if (from === to) {
      group.push(
        `<rect x="${left - TAG_WIDTH}" y="${my - 18}" width="${from - left + TAG_WIDTH + column * 0.9}" height="26" fill="#ffffff" fill-opacity="0"/>`,
        `<path d="M ${from} ${my - 6} h 24 v 10 h -20" fill="none" stroke="${color}" stroke-width="1.5"${dashed}/>`,
        `<path d="M ${from} ${my + 4} l 7 -4 v 8 z" fill="${color}"/>`,
        `<text class="label" x="${from + 30}" y="${my + 4}" fill="${color}">${escapeXml(cut(message.label, Math.floor((column * 0.9 - 34) / CHAR)))}</text>`,
      );
    } else {
      const direction = to > from ? 1 : -1;
      const span = Math.abs(to - from);
      const head = to - direction * 9;
      group.push(
        // The hit area runs from the dialog tag to the arrow's end, so the group's centre is on it.
        `<rect x="${left - TAG_WIDTH}" y="${my - 18}" width="${Math.max(from, to) - left + TAG_WIDTH}" height="26" fill="#ffffff" fill-opacity="0"/>`,
        `<line x1="${from}" y1="${my}" x2="${head}" y2="${my}" stroke="${color}" stroke-width="1.5"${dashed}/>`,
        `<path d="M ${to} ${my} L ${head} ${my - 5} L ${head} ${my + 5} Z" fill="${color}"/>`,
        `<text class="label" x="${(from + to) / 2}" y="${my - 5}" text-anchor="middle" fill="${color}">${escapeXml(cut(message.label, Math.floor((span - 16) / CHAR)))}</text>`,
      );
    }
    group.push('</g>');
    const body = group.join('');
    out.push(options.linkMessages ? `<a href="#m${message.index}">${body}</a>` : body);
  }

  if (model.messages.length === 0) {
    out.push(`<text x="${MARGIN}" y="${firstRow}" fill="#57606a">(no SIP messages)</text>`);
  }
  legend.forEach((line, i) => {
    out.push(
      `<text class="legend" x="${MARGIN}" y="${legendTop + i * 18}" fill="#1f2328">${escapeXml(line)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function transportsOf(model: LadderModel, participantId: string): string {
  const seen = new Set<string>();
  for (const m of model.messages) {
    if (m.from === participantId || m.to === participantId) seen.add(m.transport);
  }
  return [...seen].join(' ');
}

function cut(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return max <= 1 ? '…'.slice(0, Math.max(0, max)) : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Text and attribute values for XML: the five special characters as entities, and the characters
 * XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) as U+FFFD.
 */
export function escapeXml(text: string): string {
  return text
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
