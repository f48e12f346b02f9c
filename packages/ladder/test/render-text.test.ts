import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { buildLadder, renderText, shouldUseColor } from '../src/index';
import { expectGolden, FIXTURES, hostileRecords, loadFixture } from './helpers/fixtures';

const visibleWidths = (text: string) =>
  text.split('\n').map((line) => stringWidth(stripVTControlCharacters(line)));

describe('renderText', () => {
  for (const name of FIXTURES) {
    it(`matches the golden ladder of ${name} (Unicode, 80 columns)`, () => {
      expectGolden(`${name}.txt`, renderText(buildLadder(loadFixture(name))));
    });
  }

  it('matches the goldens for ASCII at 60 columns, colour at 100, and merged ports', () => {
    const model = buildLadder(loadFixture('cancelled-call'));
    const ascii = renderText(model, { width: 60, ascii: true });
    expect(ascii).toMatch(/^[\x20-\x7e\n]+$/);
    expectGolden('cancelled-call.ascii-60.txt', ascii);
    const colored = renderText(model, { width: 100, color: true });
    expectGolden('cancelled-call.color-100.txt', colored);
    const merged = buildLadder(
      [...loadFixture('completed-call'), ...loadFixture('busy-call-duplicated')],
      { mergeEphemeralPorts: true },
    );
    expectGolden('two-calls.merged-120.txt', renderText(merged, { width: 120 }));
  });

  it('never writes a line wider than the width asked for', () => {
    const models = [
      buildLadder(loadFixture('completed-call')),
      buildLadder([...loadFixture('completed-call'), ...loadFixture('busy-call-duplicated')]),
      buildLadder(hostileRecords()),
      buildLadder(loadFixture('cancelled-call'), {
        aliases: {
          '192.0.2.30': '運営者のキャリア境界コントローラー 📞 très long nom',
          '10.12.1.11': 'e\u0301dge with combining marks and an extremely long name',
        },
      }),
    ];
    for (const model of models) {
      const minimum = 3 * model.participants.length;
      for (const width of [minimum, 24, 30, 40, 57, 60, 80, 100, 132, 200]) {
        if (width < minimum) continue;
        for (const style of [{}, { ascii: true }, { color: true }, { color: true, ascii: true }]) {
          const text = renderText(model, { width, ...style });
          const widest = Math.max(...visibleWidths(text));
          expect(widest, `width ${width} ${JSON.stringify(style)}:\n${text}`).toBeLessThanOrEqual(
            width,
          );
        }
      }
    }
  });

  it('squeezes columns and cuts labels with an ellipsis at narrow widths', () => {
    const model = buildLadder(loadFixture('cancelled-call'));
    const narrow = renderText(model, { width: 30 });
    expect(narrow).toContain('…');
    expect(narrow).not.toContain('487 Request Terminated');
    expect(renderText(model, { width: 120 })).toContain('487 Request Terminated');
    // Too narrow for even a lifeline per participant: a clear error rather than a broken picture.
    expect(() => renderText(model, { width: 8 })).toThrow(
      /width 8 is too narrow for 3 participants; it needs at least 9 columns/,
    );
    expect(() => renderText(model, { width: 0 })).toThrow(/positive integer/);
  });

  it('colours by message class only when asked', () => {
    const model = buildLadder(loadFixture('busy-call-duplicated'));
    const plain = renderText(model);
    expect(plain).not.toContain('\u001b');
    const colored = renderText(model, { color: true });
    expect(stripVTControlCharacters(colored)).toBe(plain);
    const lineOf = (label: string) => colored.split('\n').find((l) => l.includes(label))!;
    expect(lineOf('INVITE')).toContain('\u001b[36m'); // request: cyan
    expect(lineOf('100 Trying')).toContain('\u001b[90m'); // provisional: grey
    expect(lineOf('486 Busy Here')).toContain('\u001b[31m'); // client error: red
    // No colour leaks past the end of a line.
    for (const line of colored.split('\n')) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
      const codes = line.match(/\u001b\[[\d;]*m/g) ?? [];
      if (codes.length > 0) expect(codes.at(-1)).toBe('\u001b[0m');
    }
  });

  it('keeps control characters and bidi overrides of hostile input off the terminal', () => {
    const text = renderText(buildLadder(hostileRecords()), { width: 200 });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('<script>');
  });

  it('draws a message a host sends to itself as a loop, within the width', () => {
    const records = loadFixture('cancelled-call').slice(0, 2);
    records.push({
      ...records[0]!,
      id: 'self',
      microTs: '9795566138719329',
      destinationIp: '192.0.2.30',
      destinationPort: '5060',
      method: 'OPTIONS',
    });
    for (const width of [20, 40, 80]) {
      const text = renderText(buildLadder(records), { width });
      expect(text).toMatch(/│↺/);
      expect(Math.max(...visibleWidths(text))).toBeLessThanOrEqual(width);
    }
    expect(renderText(buildLadder(records), { width: 80 })).toContain('↺ OPTIONS');
    expect(renderText(buildLadder(records), { width: 80, ascii: true })).toContain('|@ OPTIONS');
  });

  it('says so when there is nothing to draw', () => {
    expect(renderText(buildLadder([]))).toBe('(no SIP messages)\n');
  });
});

describe('shouldUseColor', () => {
  it('follows the terminal unless NO_COLOR, FORCE_COLOR or TERM=dumb say otherwise', () => {
    expect(shouldUseColor({}, true)).toBe(true);
    expect(shouldUseColor({}, false)).toBe(false);
    expect(shouldUseColor({}, undefined)).toBe(false);
    expect(shouldUseColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(shouldUseColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(shouldUseColor({ TERM: 'dumb' }, true)).toBe(false);
    expect(shouldUseColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(shouldUseColor({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(shouldUseColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(shouldUseColor({ FORCE_COLOR: 'false' }, true)).toBe(false);
    // An explicit FORCE_COLOR wins over NO_COLOR, as in Node itself.
    expect(shouldUseColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
  });
});
