// The release check: what users get from npm must work. Every public package of the workspace is
// packed with `pnpm pack` (which rewrites `workspace:` and `catalog:` ranges), the tarballs are
// installed together into a scratch project outside the workspace with npm, and an ESM consumer, a
// CommonJS consumer and `tsc --strict` consumers (nodenext, ESM and CJS) use them. publint --strict
// and attw check each tarball too.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumers } from './consumers';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = (name: string) => join(root, 'tooling/release-check/node_modules/.bin', name);

interface PublicPackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown>;
  tarball: string;
}

function publicPackages(): Omit<PublicPackage, 'tarball'>[] {
  const found: Omit<PublicPackage, 'tarball'>[] = [];
  for (const group of ['packages', 'apps']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir)) {
      const dir = join(groupDir, entry);
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private !== true) found.push({ name: manifest.name, dir, manifest });
    }
  }
  return found;
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

const packages: PublicPackage[] = [];
let scratch = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'telephony-kit-release-'));
  const packDir = join(scratch, 'tarballs');
  mkdirSync(packDir);
  for (const pkg of publicPackages()) {
    const before = new Set(readdirSync(packDir));
    run(join(root, 'node_modules/.bin/pnpm'), ['pack', '--pack-destination', packDir], pkg.dir);
    const tarball = readdirSync(packDir).find((file) => !before.has(file));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`);
    packages.push({ ...pkg, tarball: join(packDir, tarball) });
  }
  const app = join(scratch, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packages.map((p) => p.tarball)],
    app,
  );
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('release check', () => {
  it('finds every public package', () => {
    expect(packages.map((p) => p.name)).toContain('@telephony-kit/models');
    // turbo builds a package before this check only when it is a dependency of this one.
    const own = JSON.parse(readFileSync(join(root, 'tooling/release-check/package.json'), 'utf8'));
    for (const pkg of packages) {
      expect(consumers, `no consumer test for ${pkg.name}`).toHaveProperty(pkg.name);
      expect(
        own.devDependencies,
        `add ${pkg.name} to release-check's devDependencies`,
      ).toHaveProperty(pkg.name);
    }
  });

  it('packs no private or workspace-only ranges', () => {
    for (const pkg of packages) {
      const manifest = JSON.parse(
        execFileSync('tar', ['-xOzf', pkg.tarball, 'package/package.json'], { encoding: 'utf8' }),
      );
      const ranges = JSON.stringify({ ...manifest.dependencies, ...manifest.peerDependencies });
      expect(ranges, pkg.name).not.toMatch(/workspace:|catalog:/);
      expect(manifest.engines?.node, pkg.name).toBe('>=20');
    }
  });

  it('works for an ESM consumer', () => {
    const app = join(scratch, 'app');
    for (const pkg of packages) {
      const file = join(app, `esm-${pkg.name.replace(/\W/g, '_')}.mjs`);
      writeFileSync(file, consumers[pkg.name]?.esm ?? '');
      expect(run(process.execPath, [file], app), pkg.name).toContain('ok');
    }
  });

  it('works for a CommonJS consumer', () => {
    const app = join(scratch, 'app');
    for (const pkg of packages) {
      const source = consumers[pkg.name]?.cjs;
      if (source === undefined) continue; // ESM-only bins
      const file = join(app, `cjs-${pkg.name.replace(/\W/g, '_')}.cjs`);
      writeFileSync(file, source);
      expect(run(process.execPath, [file], app), pkg.name).toContain('ok');
    }
  });

  it('type-checks for tsc --strict consumers, ESM and CommonJS, with the shipped declarations', () => {
    const app = join(scratch, 'app');
    const files: string[] = [];
    for (const pkg of packages) {
      const base = pkg.name.replace(/\W/g, '_');
      const { types } = consumers[pkg.name] ?? {};
      if (!types) continue;
      writeFileSync(join(app, `${base}.mts`), types);
      writeFileSync(join(app, `${base}.cts`), types);
      files.push(`${base}.mts`, `${base}.cts`);
    }
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          noEmit: true,
          skipLibCheck: false,
          types: [],
          lib: ['es2023', 'dom'],
        },
        files,
      }),
    );
    run(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'],
      app,
    );
  });

  it('is clean under publint --strict', () => {
    for (const pkg of packages) {
      const out = run(bin('publint'), ['--strict', pkg.tarball], root);
      expect(out, pkg.name).not.toMatch(/error|warning|suggestion/i);
    }
  });

  it('is clean under attw', () => {
    for (const pkg of packages) {
      const profile = consumers[pkg.name]?.cjs === undefined ? ['--profile', 'esm-only'] : [];
      run(bin('attw'), [pkg.tarball, '--format', 'ascii', ...profile], root);
    }
  });
});
