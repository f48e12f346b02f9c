import { describe, expect, it } from 'vitest';
import { buildLadder, renderMermaid } from '../src/index';
import { expectGolden, FIXTURES, hostileRecords, loadFixture } from './helpers/fixtures';

describe('renderMermaid', () => {
  for (const name of FIXTURES) {
    it(`matches the golden sequence diagram of ${name}`, () => {
      expectGolden(`${name}.mmd`, renderMermaid(buildLadder(loadFixture(name))));
    });
  }

  it('declares participants with safe ids and aliases, arrows by kind, a note per dialog', () => {
    const model = buildLadder(loadFixture('completed-call'));
    const lines = renderMermaid(model).trimEnd().split('\n');
    expect(lines[0]).toBe('sequenceDiagram');
    expect(lines.filter((l) => l.startsWith('  participant '))).toEqual([
      '  participant p1 as phone-2006<br/>10.11.30.25:50546',
      '  participant p2 as rdu-edge-01<br/>10.11.1.11:5061',
      '  participant p3 as rdu-edge-01<br/>10.11.1.11:53371',
      '  participant p4 as carrier-b-sbc<br/>198.51.100.20:5061',
    ]);
    expect(lines.filter((l) => l.includes('->>'))).toHaveLength(model.messages.length);
    expect(lines).toContain('  p1->>p2: [1] INVITE (+0.000s)');
    expect(lines).toContain('  p2-->>p1: [1] 100 Trying (+0.008s)');
    expect(lines.filter((l) => l.startsWith('  Note over '))).toHaveLength(2);
    expect(renderMermaid(model, { dialogNotes: false })).not.toContain('Note over');
  });

  it('escapes what Mermaid cannot take', () => {
    const text = renderMermaid(buildLadder(hostileRecords()));
    // No statement separators, entities, markup, control characters or bidi overrides from the
    // input: only Mermaid entity codes and the renderer's own <br/>.
    for (const line of text.trimEnd().split('\n').slice(1)) {
      const content = line.replace(
        /^ {2}(participant \w+ as |Note over [\w,]+: |\w+-{1,2}>>\w+: )/,
        '',
      );
      expect(content, line).not.toBe(line);
      expect(content.replace(/<br\/>/g, '').replace(/#\d+;/g, ''), line).not.toMatch(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
        /[;#<>&"`{}%\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      );
    }
    expect(text).toContain('#60;script#62;alert(1)#60;/script#62;');
    expect(text.trimEnd().split('\n')).toHaveLength(1 + 2 + 1 + 2); // header, 2 participants, 1 note, 2 messages
  });
});
