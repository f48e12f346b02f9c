// The committed fixture records (see scripts/generate-fixtures.mjs), hostile records, and the
// golden-file check.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HomerRecord } from '@telephony-kit/models';
import { expect } from 'vitest';

export const FIXTURES = ['completed-call', 'cancelled-call', 'busy-call-duplicated'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function loadFixture(name: FixtureName): HomerRecord[] {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', `${name}.json`), 'utf8'));
}

const goldenDir = join(import.meta.dirname, '../golden');

/** Compares with test/golden/<name>; `UPDATE_GOLDEN=1` rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const file = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    throw new Error(`test/golden/${name} does not exist yet: run UPDATE_GOLDEN=1 pnpm test`);
  }
  expect(actual, `differs from test/golden/${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(
    readFileSync(file, 'utf8'),
  );
}

/** Two records whose every text field tries to break out of SVG, HTML, Mermaid or a terminal. */
export function hostileRecords(): HomerRecord[] {
  const base = loadFixture('busy-call-duplicated')[0]!;
  const evil = `<script>alert("x")</script> & 'quoted' "double" ]]> <!-- \u0000\u0007 \u001b[31mred\u001b[0m \u202Eevil #59; ; %% {}`;
  return [
    {
      ...base,
      id: 'h1',
      method: 'INVITE',
      sourceAlias: `</text><script>alert(1)</script>${evil}`,
      destinationAlias: 'edge "B" <b>&amp;</b>',
      callid: `call<id>&"'${evil}`,
      msg: `INVITE sip:x SIP/2.0\r\nSubject: </title><script>alert(2)</script>${evil}\r\n\r\n`,
    },
    {
      ...base,
      id: 'h2',
      microTs: String(BigInt(base.microTs!) + 1000n),
      sourceIp: base.destinationIp,
      sourcePort: base.destinationPort,
      destinationIp: base.sourceIp,
      destinationPort: base.sourcePort,
      sourceAlias: 'edge "B" <b>&amp;</b>',
      destinationAlias: '',
      method: '486',
      replyReason: `Busy <img src=x onerror=alert(3)> ${evil}`,
      callid: `call<id>&"'${evil}`,
      msg: `SIP/2.0 486 Busy\r\nX-Evil: ${evil}\r\n\r\n`,
    },
  ];
}
