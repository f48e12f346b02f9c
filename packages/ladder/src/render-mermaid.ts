// The ladder as a Mermaid `sequenceDiagram`: participants with safe ids and their labels as
// aliases, requests as solid arrows, responses as dotted ones, a note per dialog.
import { describeDialog, formatOffset } from './format';
import type { LadderModel, RenderMermaidOptions } from './types';

/** Renders the ladder as Mermaid sequence-diagram source. */
export function renderMermaid(model: LadderModel, options: RenderMermaidOptions = {}): string {
  const lines = ['sequenceDiagram'];
  for (const p of model.participants) {
    const name = p.alias
      ? `${escapeMermaid(p.alias)}<br/>${escapeMermaid(p.address)}`
      : escapeMermaid(p.address);
    lines.push(`  participant ${p.id} as ${name}`);
  }
  const firstOf = new Map(model.dialogs.map((d) => [d.messageIndexes[0], d]));
  const showTags = model.dialogs.length > 1;
  const tagOf = new Map<number, string>();
  for (const dialog of model.dialogs) {
    for (const index of dialog.messageIndexes) tagOf.set(index, dialog.tag);
  }
  for (const message of model.messages) {
    const dialog = firstOf.get(message.index);
    if (dialog && options.dialogNotes !== false) {
      const over = message.from === message.to ? message.from : `${message.from},${message.to}`;
      lines.push(`  Note over ${over}: ${escapeMermaid(describeDialog(model, dialog))}`);
    }
    const arrow = message.kind === 'request' ? '->>' : '-->>';
    const tag = showTags ? `[${tagOf.get(message.index) ?? ''}] ` : '';
    const text = `${tag}${message.label} (${formatOffset(message.sinceStartUs)})`;
    lines.push(`  ${message.from}${arrow}${message.to}: ${escapeMermaid(text)}`);
  }
  return `${lines.join('\n')}\n`;
}

const BIDI = /^[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]$/u;

/**
 * Text Mermaid can take in a message, note or alias: characters that would end a statement, open
 * a comment, an entity or markup, or break the line become Mermaid entity codes (`#59;`) or
 * spaces; control characters and bidirectional overrides become `?`.
 */
export function escapeMermaid(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n|[\r\n\t]/g, ' ')) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || BIDI.test(char)) out += '?';
    else if ('#;<>&"`{}%\\'.includes(char)) out += `#${code};`;
    else out += char;
  }
  return out;
}
