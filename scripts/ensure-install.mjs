// Installs the workspace's dependencies when they are missing or older than the lockfile, so that
// `npm start` and `npm test` work on a fresh clone with nothing but Node 20 and npm.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const PNPM_VERSION = '10.34.9';

/** The folders of the workspace's packages, read from pnpm-workspace.yaml (`dir` or `dir/*`). */
export function workspaceDirs() {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  // The indented `- pattern` lines right after `packages:`, up to the next top-level key.
  const list = yaml.match(/^packages:\n((?:[ \t]+.*\n?)*)/m)?.[1] ?? '';
  const dirs = [];
  for (const [, pattern] of list.matchAll(/^\s+-\s+["']?([^"'\s]+)["']?\s*$/gm)) {
    if (!pattern.endsWith('/*')) {
      dirs.push(join(root, pattern));
      continue;
    }
    const parent = join(root, pattern.slice(0, -2));
    if (existsSync(parent)) for (const name of readdirSync(parent)) dirs.push(join(parent, name));
  }
  return dirs.filter((dir) => existsSync(join(dir, 'package.json')));
}

function workspaceManifests() {
  return [
    join(root, 'package.json'),
    join(root, 'pnpm-workspace.yaml'),
    ...workspaceDirs().map((dir) => join(dir, 'package.json')),
  ];
}

export function installIsCurrent() {
  const state = join(root, 'node_modules', '.modules.yaml');
  const installedLock = join(root, 'node_modules', '.pnpm', 'lock.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (!existsSync(state) || !existsSync(installedLock) || !existsSync(lock)) return false;
  if (readFileSync(installedLock, 'utf8') !== readFileSync(lock, 'utf8')) return false;
  const installedAt = statSync(state).mtimeMs;
  return workspaceManifests().every((file) => statSync(file).mtimeMs <= installedAt);
}

/** Runs pnpm: the workspace's own copy once installed, otherwise the pinned version through npx. */
export function pnpm(args, options = {}) {
  const local = join(root, 'node_modules', '.bin', 'pnpm');
  const [command, prefix] = existsSync(local)
    ? [local, []]
    : ['npx', ['-y', `pnpm@${PNPM_VERSION}`]];
  return spawnSync(command, [...prefix, ...args], { cwd: root, stdio: 'inherit', ...options });
}

/** Runs the workspace's turbo. It finds pnpm on PATH, so the workspace's bin folder goes first. */
export function turbo(args) {
  const bin = join(root, 'node_modules', '.bin');
  return spawnSync(join(bin, 'turbo'), args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      TURBO_TELEMETRY_DISABLED: '1',
    },
  });
}

export function ensureInstall() {
  if (installIsCurrent()) return;
  console.error('telephony-kit: installing dependencies with pnpm (frozen lockfile)…');
  const result = pnpm(['install', '--frozen-lockfile', '--prefer-offline']);
  if (result.status !== 0) {
    console.error(
      'telephony-kit: `pnpm install --frozen-lockfile` failed. If you changed a package.json, run ' +
        '`npx -y pnpm@10.34.9 install` to update pnpm-lock.yaml and commit it.',
    );
    process.exit(result.status ?? 1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureInstall();
