import { describe, expect, it } from 'vitest';
import { buildLadder, renderSvg } from '../src/index';
import { expectGolden, FIXTURES, hostileRecords, loadFixture } from './helpers/fixtures';

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('renderSvg', () => {
  for (const name of FIXTURES) {
    it(`matches the golden SVG of ${name}`, () => {
      expectGolden(`${name}.svg`, renderSvg(buildLadder(loadFixture(name)), { title: name }));
    });
  }

  it('is a standalone document with a title, headers, lifelines, a time axis and tooltips', () => {
    const model = buildLadder(loadFixture('completed-call'));
    const svg = renderSvg(model, { title: 'Call 1' });
    expect(
      svg.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"',
      ),
    ).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title>Call 1</title>');
    expect(count(svg, /<g class="participant"/g)).toBe(model.participants.length);
    expect(count(svg, /stroke-dasharray="4 3"/g)).toBe(model.participants.length); // lifelines
    expect(svg).toContain('time (s)');
    expect(svg).toContain('+666.171s');
    expect(count(svg, /<g class="msg /g)).toBe(model.messages.length);
    // Each message's tooltip holds its raw SIP (CRLF as LF, escaped).
    const invite = model.messages[0]!;
    const via = invite.raw.split('\r\n')[1]!;
    expect(via).toMatch(/^Via: SIP\/2\.0\/TLS /);
    expect(svg).toContain(`\n${via}\n`);
    expect(svg).toMatch(
      /<g class="msg request" id="msg-0" data-label="INVITE"><title>INVITE {2}\+0\.000s/,
    );
    expect(svg).not.toMatch(/\bhref=|<image|<script|@import|url\(/);
    expect(renderSvg(model)).toContain('<title>SIP ladder</title>');
  });

  it('escapes every piece of hostile text', () => {
    const svg = renderSvg(buildLadder(hostileRecords()), {
      title: `</title><script>alert("t")</script> & 'x'`,
    });
    expect(svg).not.toMatch(/<script|<img|<b>|<!--|\]\]>/i);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(svg).toContain(
      '&lt;/title&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;x&#39;',
    );
    expect(svg).toContain('Busy &lt;img src=x onerror=alert(3)&gt;');
    // Only the tags the renderer writes itself.
    const tags = new Set([...svg.matchAll(/<\/?([a-zA-Z?!][\w:-]*)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(
      ['?xml', 'g', 'line', 'path', 'rect', 'style', 'svg', 'text', 'title'].sort(),
    );
  });

  it('draws a message a host sends to itself as a loop', () => {
    const record = {
      ...loadFixture('cancelled-call')[0]!,
      destinationIp: '192.0.2.30',
      destinationPort: '5060',
    };
    const svg = renderSvg(buildLadder([record]));
    expect(svg).toMatch(/<path d="M \d+ \d+ h 24 v 10 h -20"/);
    expect(svg).toContain('>INVITE</text>');
  });

  it('draws an empty ladder without failing', () => {
    expect(renderSvg(buildLadder([]))).toContain('(no SIP messages)');
  });
});
