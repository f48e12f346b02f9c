// Small formatting helpers the renderers share.
import type { LadderDialog, LadderModel } from './types';

/** `+12.345s`: microseconds since the start, in seconds with millisecond precision. */
export function formatOffset(us: number): string {
  return `+${(us / 1e6).toFixed(3)}s`;
}

/** One line describing a dialog: its tag, method, outcome, leg relation, size and Call-ID. */
export function describeDialog(model: LadderModel, dialog: LadderDialog, arrow = '→'): string {
  const tagOf = (callId: string) => model.dialogs.find((d) => d.callId === callId)?.tag;
  let text = `dialog ${dialog.tag}: ${dialog.method || '?'}`;
  if (dialog.outcome) text += ` ${arrow} ${dialog.outcome}`;
  const relations: string[] = [];
  if (dialog.aLegCallId !== null) {
    const tag = tagOf(dialog.aLegCallId);
    relations.push(tag ? `B leg of ${tag}` : `B leg of Call-ID ${dialog.aLegCallId}`);
  }
  if (dialog.bLegCallIds.length > 0) {
    relations.push(`A leg of ${dialog.bLegCallIds.map((id) => tagOf(id) ?? id).join(', ')}`);
  }
  const count = dialog.messageIndexes.length;
  relations.push(`${count} message${count === 1 ? '' : 's'}`);
  return `${text} (${relations.join(', ')}), Call-ID ${dialog.callId || '(none)'}`;
}

/** Lines about hidden duplicate captures and skipped records. */
export function describeNotes(model: LadderModel): string[] {
  const notes: string[] = [];
  if (model.duplicatesRemoved > 0) {
    notes.push(
      `${model.duplicatesRemoved} duplicate capture${model.duplicatesRemoved === 1 ? '' : 's'} of the same packet shown once.`,
    );
  }
  for (const warning of model.warnings) notes.push(`skipped: ${warning.message}`);
  return notes;
}
