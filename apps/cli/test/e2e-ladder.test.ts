// End to end: `telephony sip ladder`, from the API and from a saved traces file.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './helpers/emulator';
import { runCli, tempDir } from './helpers/run-cli';

const fx = useEmulator();

/** A completed call with both legs (an INVITE answered 200 on a B leg). */
function aCall() {
  const conversation = fx.emulator.dataset.conversations.find(
    (c) => c.outcome === 'completed' && c.callIds.length === 2,
  )!;
  return { conversationId: conversation.conversationId, callIds: conversation.callIds };
}

describe('sip ladder', () => {
  it('draws both legs of a call in the terminal', async () => {
    const { conversationId, callIds } = aCall();
    const result = await runCli(
      ['sip', 'ladder', conversationId, '--since', '4d', '--width', '120', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/─ INVITE ─+▶/);
    expect(result.stdout).toMatch(/◀─+ 200 OK ─/);
    for (const callId of callIds) expect(result.stdout).toContain(callId);
    expect(result.stdout).not.toContain('\u001b[');
    for (const line of result.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
    const ascii = await runCli(
      ['sip', 'ladder', conversationId, '--since', '4d', '--ascii', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(ascii.stdout).toMatch(/- INVITE -+>/);
  });

  it('writes SVG and HTML files atomically, and Mermaid to stdout', async () => {
    const { conversationId } = aCall();
    const dir = tempDir();
    const svg = join(dir, 'call.svg');
    const svgRun = await runCli(
      ['sip', 'ladder', conversationId, '--since', '4d', '--format', 'svg', '-o', svg, ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(svgRun.code).toBe(0);
    expect(svgRun.stdout).toBe('');
    const svgText = readFileSync(svg, 'utf8');
    expect(svgText).toMatch(/<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svgText).toContain(`SIP ladder of conversation ${conversationId}`);

    const html = join(dir, 'call.html');
    const htmlRun = await runCli(
      [
        'sip',
        'ladder',
        conversationId,
        '--since',
        '4d',
        '--format',
        'html',
        '-o',
        html,
        ...fx.base,
      ],
      { env: fx.demoEnv() },
    );
    expect(htmlRun.code).toBe(0);
    const htmlText = readFileSync(html, 'utf8');
    expect(htmlText).toMatch(/^<!DOCTYPE html>/i);
    expect(htmlText).toContain('<svg');
    expect(htmlText).toContain('INVITE sip:');
    expect(readdirSync(dir).sort()).toEqual(['call.html', 'call.svg']);

    const mermaid = await runCli(
      ['sip', 'ladder', conversationId, '--since', '4d', '--format', 'mermaid', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(mermaid.stdout.startsWith('sequenceDiagram\n')).toBe(true);
    expect(mermaid.stdout).toMatch(/->>.*INVITE/);
  });

  it('draws from a saved traces file without calling the API', async () => {
    const { conversationId } = aCall();
    const saved = await runCli(
      ['sip', 'traces', '--since', '4d', '--conversation', conversationId, '--json', ...fx.base],
      { env: fx.demoEnv() },
    );
    const file = join(tempDir(), 'traces.json');
    writeFileSync(file, saved.stdout);
    fx.emulator.reset();
    const fromFile = await runCli(['sip', 'ladder', '--input', file, '--width', '100']);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain('INVITE');
    const filtered = await runCli(['sip', 'ladder', conversationId, '--input', file, '--json']);
    const model = JSON.parse(filtered.stdout);
    expect(model.messages.length).toBe(JSON.parse(saved.stdout).data.length);
    expect(
      model.dialogs.every((d: { conversationId: string | null }) =>
        [conversationId, null].includes(d.conversationId),
      ),
    ).toBe(true);
    expect(fx.apiRequests()).toEqual([]);
  });

  it('rejects bad input before any request, and exits 4 when there is nothing to draw', async () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"data": [1, 2]}');
    const cases: [string[], RegExp][] = [
      [[], /Give a <conversationId>, or --input/],
      [['not-a-uuid'], /conversationId "not-a-uuid" is not a UUID/],
      [['--input', join(dir, 'missing.json')], /Cannot read --input .*ENOENT/],
      [['--input', broken], /holds no SIP trace records/],
      [
        [aCall().conversationId, '--format', 'png'],
        /--format "png" is not one of text, svg, html, mermaid/,
      ],
      [[aCall().conversationId, '--width', '10'], /--width "10" must be a whole number/],
      [[aCall().conversationId, '--alias', 'IND-EDGE'], /--alias "IND-EDGE" is not address=name/],
      [[aCall().conversationId, '-o', join(dir, 'no', 'x.svg')], /does not exist/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['sip', 'ladder', ...args, ...fx.base], { env: fx.demoEnv() });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(fx.apiRequests()).toEqual([]);

    const nothing = await runCli(
      ['sip', 'ladder', '6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(nothing.code).toBe(4);
    expect(nothing.stderr).toMatch(/No SIP trace records of conversation .* in the last 7 days/);
  });

  it('names aliases given on the command line', async () => {
    const { conversationId } = aCall();
    const records = fx.emulator.dataset.records.filter((r) => r.conversationId === conversationId);
    const ip = records[0]!.sourceIp!;
    const result = await runCli(
      [
        'sip',
        'ladder',
        conversationId,
        '--since',
        '4d',
        '--alias',
        `${ip}=THE-CARRIER`,
        '--width',
        '140',
        ...fx.base,
      ],
      { env: fx.demoEnv() },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('THE-CARRIER');
  });
});
