// The browser-safe entries must not reach Node built-ins: only src/pcap/node (and the ./node entry)
// may import them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
const NODE_ONLY = /^(pcap\/node\/|node\.ts$)/;
const BUILTINS =
  /from\s+['"](node:|fs|path|os|crypto|http|https|net|stream|buffer|url|util)(\/[^'"]*)?['"]|require\(/;

describe('package layout', () => {
  it('keeps Node built-ins out of the browser-safe code', () => {
    const offenders = files(src)
      .map((file) => relative(src, file).replace(/\\/g, '/'))
      .filter((file) => !NODE_ONLY.test(file))
      .filter((file) => BUILTINS.test(readFileSync(join(src, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('declares the three entries as ESM + CJS with types, side-effect free', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.files).toEqual(['dist']);
    expect(manifest.engines.node).toBe('>=20');
    for (const [entry, file] of [
      ['.', 'index'],
      ['./node', 'node'],
      ['./compat', 'compat'],
    ]) {
      expect(manifest.exports[entry as string]).toEqual({
        import: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
        require: { types: `./dist/${file}.d.cts`, default: `./dist/${file}.cjs` },
      });
    }
  });
});
