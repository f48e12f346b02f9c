import { describe, expect, it } from 'vitest';
import { buildLadder, renderHtml, renderSvg } from '../src/index';
import { expectGolden, hostileRecords, loadFixture } from './helpers/fixtures';

describe('renderHtml', () => {
  it('matches the golden page of the completed call', () => {
    expectGolden(
      'completed-call.html',
      renderHtml(buildLadder(loadFixture('completed-call')), { title: 'Completed call' }),
    );
  });

  it('matches the golden page of the busy call with duplicate captures', () => {
    expectGolden(
      'busy-call-duplicated.html',
      renderHtml(buildLadder(loadFixture('busy-call-duplicated'))),
    );
  });

  it('is one self-contained file: inline SVG and CSS, every raw message anchored', () => {
    const model = buildLadder(loadFixture('completed-call'));
    const html = renderHtml(model, { title: 'Call' });
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<title>Call</title>');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(
      /<script|<link|<img|<iframe|src=|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/,
    );
    // The SVG is inline (without its XML declaration) and its arrows link to the raw messages.
    const svg = renderSvg(model, { title: 'Call', linkMessages: true });
    expect(html).toContain(svg.replace(/^<\?xml[^>]*>\n/, '').trimEnd());
    for (const m of model.messages) {
      expect(html).toContain(`<a href="#m${m.index}"><g class="msg`);
      expect(html).toContain(`<section class="raw" id="m${m.index}">`);
    }
    // The raw SIP, escaped, with line breaks.
    expect(html).toContain(`<pre>${model.messages[0]!.raw.split('\r\n')[0]}\nVia: `);
  });

  it('escapes hostile text', () => {
    const html = renderHtml(buildLadder(hostileRecords()), { title: '<script>x</script>' });
    expect(html).not.toMatch(/<script|<img|<b>|<!--/i);
    expect(html).toContain('<title>&lt;script&gt;x&lt;/script&gt;</title>');
  });
});
