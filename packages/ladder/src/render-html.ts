// One self-contained HTML page: the SVG ladder (each arrow links to its message), a table of the
// messages and every raw SIP message. Inline CSS only; no scripts, fonts or other resources.
import { describeDialog, describeNotes, formatOffset } from './format';
import { CLASS_COLORS, escapeXml, renderSvg } from './render-svg';
import type { LadderModel, RenderHtmlOptions } from './types';

const CSS = `
:root{color-scheme:light}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;background:#fff}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:28px 0 8px}
p.summary{margin:0 0 16px;color:#57606a}
.ladder{overflow-x:auto;border:1px solid #d0d7de;border-radius:6px;padding:8px;background:#fff}
.ladder svg{display:block}
.ladder a{cursor:pointer}
table{border-collapse:collapse;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
th,td{border-bottom:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top;white-space:nowrap}
th{background:#f6f8fa}
td a{color:inherit}
ul.dialogs{font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding-left:20px}
section.raw{border:1px solid #d0d7de;border-radius:6px;margin:10px 0;scroll-margin-top:12px}
section.raw h3{font:bold 12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:0;padding:6px 10px;background:#f6f8fa;border-bottom:1px solid #d0d7de}
section.raw pre{margin:0;padding:8px 10px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
section.raw:target{outline:3px solid #0969da;outline-offset:2px}
section.raw:target h3{background:#ddf4ff}
`;

/** Renders the ladder as one self-contained HTML document. */
export function renderHtml(model: LadderModel, options: RenderHtmlOptions = {}): string {
  const title = options.title ?? 'SIP ladder';
  const svg = renderSvg(model, { title, linkMessages: true }).replace(/^<\?xml[^>]*>\n/, '');
  const participants = new Map(model.participants.map((p) => [p.id, p]));
  const name = (id: string) => participants.get(id)?.label ?? id;
  const tagOf = new Map<number, string>();
  for (const dialog of model.dialogs) {
    for (const index of dialog.messageIndexes) tagOf.set(index, dialog.tag);
  }
  const duration = formatOffset(model.endUs - model.startUs).slice(1);
  const first = model.messages[0];

  const out: string[] = [];
  out.push('<!doctype html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  // Nothing may load from elsewhere, whatever the SIP contains.
  out.push(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
  );
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push('</head>');
  out.push('<body>');
  out.push(`<h1>${escapeXml(title)}</h1>`);
  out.push(
    `<p class="summary">${model.messages.length} message${model.messages.length === 1 ? '' : 's'}, ${model.participants.length} participant${model.participants.length === 1 ? '' : 's'}, ${model.dialogs.length} dialog${model.dialogs.length === 1 ? '' : 's'}${first ? `, from ${escapeXml(first.time)} over ${duration}` : ''}. Click an arrow to see its raw SIP message.</p>`,
  );
  out.push(`<div class="ladder">${svg}</div>`);

  if (model.dialogs.length > 0 || model.duplicatesRemoved > 0 || model.warnings.length > 0) {
    out.push('<h2>Dialogs</h2>');
    out.push('<ul class="dialogs">');
    for (const dialog of model.dialogs) {
      out.push(`<li>${escapeXml(describeDialog(model, dialog))}</li>`);
    }
    for (const note of describeNotes(model)) out.push(`<li>${escapeXml(note)}</li>`);
    out.push('</ul>');
  }

  out.push('<h2>Messages</h2>');
  out.push('<table>');
  out.push(
    '<thead><tr><th>#</th><th>time</th><th>delta</th><th>dialog</th><th>from</th><th>to</th><th>message</th><th>CSeq</th><th>transport</th><th>Call-ID</th></tr></thead>',
  );
  out.push('<tbody>');
  for (const m of model.messages) {
    out.push(
      `<tr><td><a href="#m${m.index}">${m.index + 1}</a></td><td>${formatOffset(m.sinceStartUs)}</td><td>${formatOffset(m.deltaUs)}</td><td>${escapeXml(tagOf.get(m.index) ?? '')}</td><td>${escapeXml(name(m.from))}</td><td>${escapeXml(name(m.to))}</td><td style="color:${CLASS_COLORS[m.class]}"><a href="#m${m.index}">${escapeXml(m.label)}</a></td><td>${escapeXml(m.cseq)}</td><td>${escapeXml(m.transport)}</td><td>${escapeXml(m.callId)}</td></tr>`,
    );
  }
  out.push('</tbody>');
  out.push('</table>');

  out.push('<h2>Raw SIP messages</h2>');
  for (const m of model.messages) {
    const duplicates =
      m.duplicates.length > 0
        ? ` · also captured as ${m.duplicates.map((d) => `#${d.recordId}${d.node ? ` on ${d.node}` : ''}`).join(', ')}`
        : '';
    out.push(
      `<section class="raw" id="m${m.index}"><h3>${m.index + 1}. ${escapeXml(m.label)} · ${escapeXml(name(m.from))} (${escapeXml(m.source)}) → ${escapeXml(name(m.to))} (${escapeXml(m.destination)}) · ${escapeXml(m.transport)} · ${escapeXml(m.time)} · record ${escapeXml(m.recordId)}${escapeXml(duplicates)}</h3><pre>${escapeXml(m.raw.replace(/\r\n?/g, '\n')) || '(no raw message captured)'}</pre></section>`,
    );
  }
  out.push('</body>');
  out.push('</html>');
  return `${out.join('\n')}\n`;
}
