// `npm test` must fail, and say how to fix it, when src/generated no longer matches the contract.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/generate.mjs', import.meta.url));
const generated = fileURLToPath(new URL('../src/generated', import.meta.url));
let copy = '';

afterEach(() => rmSync(copy, { recursive: true, force: true }));

function check(dir: string) {
  return spawnSync(process.execPath, [script, '--check', '--out', dir], { encoding: 'utf8' });
}

describe('the freshness check of generated models', () => {
  it('passes on the committed files', () => {
    copy = mkdtempSync(join(tmpdir(), 'models-fresh-'));
    cpSync(generated, copy, { recursive: true });
    const result = check(copy);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails on a stale file and names the command that regenerates it', () => {
    copy = mkdtempSync(join(tmpdir(), 'models-stale-'));
    cpSync(generated, copy, { recursive: true });
    writeFileSync(join(copy, 'schemas.ts'), '// edited by hand\n');
    const result = check(copy);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('schemas.ts');
    expect(result.stderr).toContain('pnpm generate');
  });
});
