// `telephony login` and `telephony profiles …`, end to end: the built binary against the emulator,
// with TELEPHONY_CONFIG_DIR in a temp dir. The secret must never show up in output or argv.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator } from '@telephony-kit/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');
const SECRET = 'telephony-kit-demo-secret';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

let emulator: Awaited<ReturnType<typeof createEmulator>>;
let dir: string;
let env: NodeJS.ProcessEnv;
const configToml = () => join(dir, 'config.toml');
const tokenRequests = () => emulator.requests.filter((r) => r.path === '/oauth/token');

beforeAll(async () => {
  emulator = await createEmulator();
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(async () => {
  emulator.reset();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = join(await mkdtemp(join(tmpdir(), 'telephony-login-')), 'config');
  env = { TELEPHONY_CONFIG_DIR: dir };
});

const login = (extra: string[], secret = SECRET, clientId = 'telephony-kit-demo') =>
  run(
    [
      'login',
      '--base-url',
      emulator.url,
      '--client-id',
      clientId,
      '--client-secret-stdin',
      ...extra,
    ],
    env,
    `${secret}\n`,
  );

describe('telephony login', () => {
  it('verifies, then saves the profile (0600 in 0700) and caches the token for the next command', async () => {
    const result = await login(['--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({
      profile: 'default',
      baseUrl: emulator.url,
      clientId: 'telephony-kit-demo',
      default: true,
      configFile: configToml(),
    });
    expect(Date.parse(out.tokenExpiresAt)).toBeGreaterThan(Date.now());
    expect(result.stdout).not.toContain(SECRET);
    // Verified against /oauth/token: one client-credentials login.
    expect(tokenRequests().map((r) => r.status)).toEqual([200]);

    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(configToml())).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'tokens', 'default.json'))).mode & 0o777).toBe(0o600);
    const toml = await readFile(configToml(), 'utf8');
    expect(toml).toContain('default = "default"');
    expect(toml).toContain(`base_url = "${emulator.url}"`);

    // The next command uses the profile and the cached token: no new login.
    const regions = await run(['media-regions', '--json', '--verbose'], env);
    expect(regions.code).toBe(0);
    expect(JSON.parse(regions.stdout)).toHaveProperty('awsHomeRegion');
    expect(regions.stderr).toContain('settings: profile "default"');
    expect(regions.stderr).not.toContain(SECRET);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('saves nothing when the login service refuses the credentials, and hints at the region', async () => {
    await login([]);
    const before = await readFile(configToml(), 'utf8');
    const result = await login(['--profile', 'other'], 'not-the-secret');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^telephony: Login failed, nothing was saved\. .*invalid_client/);
    expect(result.stderr).toMatch(/region/);
    expect(result.stderr).not.toContain('not-the-secret');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readFile(configToml(), 'utf8')).toBe(before);
  });

  it('without a terminal, says which flag to pass', async () => {
    const noRegion = await run(['login', '--client-id', 'x', '--client-secret-stdin'], env, 's');
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toContain('pass --region <region> (or --base-url <url>)');
    const noSecret = await run(['login', '--base-url', emulator.url, '--client-id', 'x'], env);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('pass --client-secret-stdin');
    const empty = await run(
      ['login', '--base-url', emulator.url, '--client-id', 'x', '--client-secret-stdin'],
      env,
      '',
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--client-secret-stdin read nothing');
    const badName = await login(['--profile', '../etc']);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('Profile name "../etc" is not valid');
    expect(tokenRequests()).toHaveLength(0);
  });
});

describe('telephony profiles', () => {
  it('lists, switches and removes profiles (with their tokens), never showing secrets', async () => {
    expect((await login([])).code).toBe(0);
    expect(
      (await login(['--profile', 'viewer'], 'telephony-kit-viewer-secret', 'telephony-kit-viewer'))
        .code,
    ).toBe(0);

    const list = await run(['profiles', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout);
    expect(rows).toEqual([
      expect.objectContaining({ name: 'default', clientId: 'telephony-kit-demo', default: true }),
      expect.objectContaining({ name: 'viewer', clientId: 'telephony-kit-viewer', default: false }),
    ]);
    expect(Date.parse(rows[1].tokenCachedUntil)).toBeGreaterThan(Date.now());
    expect(list.stdout).not.toMatch(/secret/i);
    const table = await run(['profiles', 'list', '--output', 'table'], env);
    expect(table.stdout).toMatch(/^\s+NAME\s+REGION \/ BASE URL\s+CLIENT ID\s+TOKEN CACHED UNTIL/);
    expect(table.stdout).toMatch(
      /\n\*\s+default\s+http:\/\/127\.0\.0\.1:\d+\s+telephony-kit-demo\s+20/,
    );
    expect(table.stdout).not.toMatch(/-secret/);

    const use = await run(['profiles', 'use', 'viewer', '--output', 'table'], env);
    expect(use.code).toBe(0);
    expect(use.stdout).toContain('"viewer" is now the default profile (was "default")');
    expect(await readFile(configToml(), 'utf8')).toContain('default = "viewer"');

    const remove = await run(['profiles', 'remove', 'viewer', '--output', 'table'], env);
    expect(remove.code).toBe(0);
    expect(remove.stdout).toContain('There is no default profile now');
    await expect(stat(join(dir, 'tokens', 'viewer.json'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    const toml = await readFile(configToml(), 'utf8');
    expect(toml).not.toContain('viewer');
    expect(toml).not.toMatch(/^default =/m);

    const missing = await run(['profiles', 'use', 'nope'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no profile "nope" (profiles: default)');
    // Without a default profile, commands say how to choose one.
    const noDefault = await run(['media-regions'], env);
    expect(noDefault.code).toBe(2);
    expect(noDefault.stderr).toContain('No region');
  });

  it('env and flags override the profile', async () => {
    await login([]);
    // A static token from the environment wins over the profile's client credentials.
    const bogus = await run(['media-regions', '--json'], {
      ...env,
      GENESYSCLOUD_ACCESS_TOKEN: 'bogus-token',
    });
    expect(bogus.code).toBe(3);
    expect(bogus.stderr).not.toContain('bogus-token');
    // --profile names a profile that does not exist.
    const named = await run(['media-regions', '--profile', 'ghost'], env);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('Profile "ghost" (from --profile) does not exist');
    // TELEPHONY_PROFILE too.
    const fromEnv = await run(['media-regions'], { ...env, TELEPHONY_PROFILE: 'ghost' });
    expect(fromEnv.stderr).toContain('Profile "ghost" (from TELEPHONY_PROFILE) does not exist');
    // Client credentials from env (the viewer) replace the profile's.
    emulator.reset();
    const viewer = await run(['media-regions', '--json'], {
      ...env,
      GENESYSCLOUD_OAUTHCLIENT_ID: 'telephony-kit-viewer',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: 'telephony-kit-viewer-secret',
    });
    expect(viewer.code).toBe(0);
    expect(tokenRequests()).toHaveLength(1);
    expect(
      emulator.requests
        .filter((r) => r.path === '/api/v2/telephony/mediaregions')
        .map((r) => [r.status, r.clientId]),
    ).toEqual([[200, 'telephony-kit-viewer']]);
  });

  it('reports a malformed config file and warns when others can read it', async () => {
    await login([]);
    await chmod(configToml(), 0o644);
    const warned = await run(['profiles', 'list', '--json'], env);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(`run \`chmod 600 ${configToml()}\``);
    await writeFile(configToml(), '[profiles.default]\nclient_id = "x\n', { mode: 0o600 });
    const broken = await run(['profiles', 'list'], env);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${configToml()}:2:`);
    expect(broken.stderr).toContain('not valid TOML');
  });
});
