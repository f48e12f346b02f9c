// The published build is pure and browser-safe: no import or require of anything at all (the
// models package is a dependency for its types only), and no Node globals.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '../dist');
const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8'));

describe('the built package', () => {
  for (const file of ['index.js', 'index.cjs']) {
    it(`${file} imports and requires nothing`, () => {
      const code = readFileSync(join(dist, file), 'utf8');
      expect(code).toContain('buildLadder');
      expect(code).not.toMatch(/^\s*import[\s{*'"]/m);
      expect(code).not.toMatch(/\bimport\s*\(/);
      expect(code).not.toMatch(/\bfrom\s*['"]/);
      expect(code).not.toMatch(/\brequire\s*\(/);
      expect(code).not.toMatch(/\bprocess\.|\bBuffer\b|['"]node:|__dirname/);
    });
  }

  it('works from both builds', async () => {
    const esm = await import(join(dist, 'index.js'));
    expect(Object.keys(esm).sort()).toEqual([
      'LadderInputError',
      'buildLadder',
      'renderHtml',
      'renderMermaid',
      'renderSvg',
      'renderText',
      'shouldUseColor',
    ]);
  });

  it('has only the models package as a dependency, for types', () => {
    expect(manifest.dependencies).toEqual({ '@telephony-kit/models': 'workspace:^' });
    for (const file of ['index.d.ts', 'index.d.cts']) {
      const types = readFileSync(join(dist, file), 'utf8');
      expect(types).toMatch(/import \{ HomerRecord \} from '@telephony-kit\/models'/);
    }
  });
});
