// The config layer: paths, the TOML profile store, modes and atomic writes, settings precedence,
// and the on-disk token cache (against the real emulator, with a manual clock).
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTelephonyClient } from '@telephony-kit/client';
import { createEmulator, createManualClock } from '@telephony-kit/emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configDir, configFile, tokensDir } from '../src/config/paths';
import { type ConfigData, loadConfig, parseConfig, saveConfig } from '../src/config/profile-store';
import { resolveSettings } from '../src/config/resolve-settings';
import {
  cachedClientCredentials,
  credentialsTokenFile,
  profileTokenFile,
  readTokenFile,
  secretFingerprint,
} from '../src/config/token-cache';
import { writeFileAtomic } from '../src/config/write-file-atomic';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'telephony-config-'));
  env = { TELEPHONY_CONFIG_DIR: join(dir, 'cfg') };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('configDir', () => {
  const home = () => '/home/ada';
  it('prefers TELEPHONY_CONFIG_DIR, then XDG_CONFIG_HOME, then the platform default', () => {
    expect(configDir({ TELEPHONY_CONFIG_DIR: '/x', XDG_CONFIG_HOME: '/y' }, 'linux', home)).toBe(
      '/x',
    );
    expect(configDir({ XDG_CONFIG_HOME: '/y' }, 'darwin', home)).toBe('/y/telephony-kit');
    expect(configDir({}, 'linux', home)).toBe('/home/ada/.config/telephony-kit');
    expect(configDir({}, 'darwin', home)).toBe('/home/ada/Library/Preferences/telephony-kit');
    expect(configDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', home)).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\telephony-kit',
    );
  });
  it('puts config.toml and tokens/ inside it', () => {
    expect(configFile({ TELEPHONY_CONFIG_DIR: '/x' })).toBe('/x/config.toml');
    expect(tokensDir({ TELEPHONY_CONFIG_DIR: '/x' })).toBe('/x/tokens');
  });
});

describe('writeFileAtomic', () => {
  it('writes mode 0600 in a 0700 directory and leaves no temp file', async () => {
    const file = join(dir, 'a', 'b', 'secret.txt');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(join(dir, 'a', 'b'))).toBe(0o700);
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['secret.txt']);
  });
  it('keeps the old content when the write fails, and cleans up', async () => {
    const file = join(dir, 'keep.txt');
    await writeFileAtomic(file, 'old');
    // A directory where the file should go makes the rename fail.
    const blocked = join(dir, 'blocked');
    await writeFileAtomic(join(blocked, 'x'), 'x');
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('old');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
  it('tightens an existing directory to 0700', async () => {
    const open = join(dir, 'open');
    await writeFileAtomic(join(open, 'f'), 'x', { dirMode: 0o755 });
    expect(await modeOf(open)).toBe(0o755);
    await writeFileAtomic(join(open, 'f'), 'y');
    expect(await modeOf(open)).toBe(0o700);
  });
});

const sample: ConfigData = {
  default: 'prod',
  profiles: {
    prod: { name: 'prod', region: 'eu-west-1', clientId: 'id-prod', clientSecret: 's3cr3t-prod' },
    emu: {
      name: 'emu',
      baseUrl: 'http://127.0.0.1:8787',
      clientId: 'id-emu',
      clientSecret: 's3cr3t-emu',
    },
  },
};

describe('the profile store', () => {
  it('round-trips through TOML, mode 0600 in a 0700 directory', async () => {
    const file = await saveConfig(sample, { env });
    expect(file).toBe(join(dir, 'cfg', 'config.toml'));
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(join(dir, 'cfg'))).toBe(0o700);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('default = "prod"');
    expect(text).toContain('[profiles.prod]');
    expect(text).toContain('base_url = "http://127.0.0.1:8787"');
    expect(await loadConfig({ env })).toEqual(sample);
  });

  it('treats a missing file as no profiles', async () => {
    expect(await loadConfig({ env })).toEqual({ profiles: {} });
  });

  it('reports a malformed file with path, line and column, without quoting it', () => {
    const text = 'default = "prod"\n[profiles.prod]\nclient_secret = "hunter2\nregion = "x"\n';
    let error: Error | undefined;
    try {
      parseConfig('/c/config.toml', text);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('ValidationError');
    expect(error?.message).toMatch(/^\/c\/config\.toml:3:\d+: not valid TOML \(.+\)\. Fix/);
    expect(error?.message).toContain('telephony login');
    expect(error?.message).not.toContain('hunter2');
  });

  it.each([
    [
      'region and base_url',
      '[profiles.a]\nregion="eu-west-1"\nbase_url="http://127.0.0.1:1"\nclient_id="i"\nclient_secret="s"\n',
      /exactly one of region and base_url/,
    ],
    [
      'no secret',
      '[profiles.a]\nregion="eu-west-1"\nclient_id="i"\n',
      /needs client_id and client_secret/,
    ],
    [
      'a dangling default',
      'default="b"\n[profiles.a]\nregion="eu-west-1"\nclient_id="i"\nclient_secret="s"\n',
      /names no profile/,
    ],
    [
      'an unknown key',
      '[profiles.a]\nregion="eu-west-1"\nclient_id="i"\nclient_secret="s"\nsecret="t"\n',
      /unknown key "secret"/,
    ],
    [
      'a wrong type',
      '[profiles.a]\nregion=1\nclient_id="i"\nclient_secret="s"\n',
      /region must be a non-empty string/,
    ],
  ])('rejects %s with a clear message', (_, text, pattern) => {
    expect(() => parseConfig('/c/config.toml', text)).toThrow(pattern);
  });

  it('warns when other users can read the file', async () => {
    const file = await saveConfig(sample, { env });
    const warnings: string[] = [];
    await loadConfig({ env, warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    await import('node:fs/promises').then(({ chmod }) => chmod(file, 0o644));
    await loadConfig({ env, warn: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('mode 0644');
    expect(warnings[0]).toContain(`chmod 600 ${file}`);
  });
});

describe('resolveSettings precedence', () => {
  beforeEach(async () => {
    await saveConfig(sample, { env });
  });

  it('uses the default profile when nothing else is given', async () => {
    const settings = await resolveSettings({}, env);
    expect(settings).toMatchObject({
      profile: 'prod',
      region: 'eu-west-1',
      source: 'profile "prod"',
    });
    expect(settings.auth?.kind).toBe('client-credentials');
    expect((settings.auth as unknown as { file?: string }).file).toBe(
      profileTokenFile('prod', env),
    );
  });

  it('TELEPHONY_PROFILE picks a profile, --profile wins over it', async () => {
    expect(await resolveSettings({}, { ...env, TELEPHONY_PROFILE: 'emu' })).toMatchObject({
      profile: 'emu',
      baseUrl: 'http://127.0.0.1:8787',
    });
    expect(
      await resolveSettings({ profile: 'prod' }, { ...env, TELEPHONY_PROFILE: 'emu' }),
    ).toMatchObject({ profile: 'prod', region: 'eu-west-1' });
  });

  it('env overrides the profile, flags override env', async () => {
    const withEnv = { ...env, GENESYSCLOUD_REGION: 'us-east-1' };
    expect(await resolveSettings({}, withEnv)).toMatchObject({
      region: 'us-east-1',
      source: 'profile "prod" + env GENESYSCLOUD_REGION',
    });
    const flagged = await resolveSettings({ baseUrl: 'http://127.0.0.1:9' }, withEnv);
    expect(flagged).toMatchObject({ baseUrl: 'http://127.0.0.1:9' });
    expect(flagged.region).toBeUndefined();
    expect(flagged.source).toBe('profile "prod" + --base-url');
  });

  it('client credentials from env use a hashed cache file, never the profile secret', async () => {
    const settings = await resolveSettings(
      {},
      { ...env, GENESYSCLOUD_OAUTHCLIENT_ID: 'other', GENESYSCLOUD_OAUTHCLIENT_SECRET: 'x' },
    );
    expect(settings.source).toBe(
      'profile "prod" + env GENESYSCLOUD_OAUTHCLIENT_ID + env GENESYSCLOUD_OAUTHCLIENT_SECRET',
    );
    const file = (settings.auth as unknown as { file: string }).file;
    expect(file).toBe(credentialsTokenFile('https://login.mypurecloud.ie', 'other', env));
    expect(file).not.toContain('other');
    // A client id without its secret does not borrow the profile's.
    await expect(resolveSettings({ clientId: 'third' }, env)).rejects.toThrow(
      /No client secret for client id third \(from --client-id\)/,
    );
    // The secret piped through --client-secret-stdin completes it.
    const piped = await resolveSettings({ clientId: 'third', clientSecret: 'piped' }, env);
    expect(piped.source).toBe('profile "prod" + --client-id + --client-secret-stdin');
  });

  it('GENESYSCLOUD_ACCESS_TOKEN becomes a static token; --client-id wins over it', async () => {
    const withToken = { ...env, GENESYSCLOUD_ACCESS_TOKEN: 'tok-123' };
    const settings = await resolveSettings({}, withToken);
    expect(settings.auth?.kind).toBe('static');
    expect(await settings.auth?.getToken()).toBe('tok-123');
    expect(settings.source).not.toContain('tok-123');
    const flagged = await resolveSettings({ clientId: 'c', clientSecret: 's' }, withToken);
    expect(flagged.auth?.kind).toBe('client-credentials');
  });

  it('reads no profile when flags and env say everything (a malformed file does not matter)', async () => {
    await writeFile(configFile(env), 'not = [valid', { mode: 0o600 });
    const settings = await resolveSettings(
      { region: 'eu-central-1' },
      { ...env, GENESYSCLOUD_ACCESS_TOKEN: 'tok' },
    );
    expect(settings).toMatchObject({
      region: 'eu-central-1',
      source: '--region + env GENESYSCLOUD_ACCESS_TOKEN',
    });
    expect(settings.profile).toBeUndefined();
    await expect(resolveSettings({}, env)).rejects.toThrow(/config\.toml:1:\d+: not valid TOML/);
  });

  it('explains what is missing or wrong', async () => {
    await expect(resolveSettings({ profile: 'nope' }, env)).rejects.toThrow(
      'Profile "nope" (from --profile) does not exist (profiles: prod, emu): run `telephony login --profile nope`',
    );
    await expect(resolveSettings({ region: 'eu-west-3' }, env)).rejects.toThrow(
      /Region "eu-west-3" is unknown.*\(from --region\)/,
    );
    await expect(
      resolveSettings({ region: 'us-east-1', baseUrl: 'http://127.0.0.1:1' }, env),
    ).rejects.toThrow('Pass one of --region and --base-url');
    const empty = { TELEPHONY_CONFIG_DIR: join(dir, 'empty') };
    await expect(resolveSettings({}, empty)).rejects.toThrow(/No region: .*telephony login/);
    const anonymous = await resolveSettings({ region: 'us-east-1' }, empty);
    expect(anonymous.source).toBe('--region');
    await expect(anonymous.auth?.getToken()).rejects.toMatchObject({
      name: 'AuthError',
      message: expect.stringContaining('run `telephony login`'),
    });
    await expect(
      resolveSettings({ region: 'us-east-1' }, { ...empty, GENESYSCLOUD_OAUTHCLIENT_SECRET: 's' }),
    ).rejects.toThrow(/no client id: pass --client-id or set GENESYSCLOUD_OAUTHCLIENT_ID/);
  });
});

describe('the on-disk token cache (emulator, manual clock)', () => {
  const start = Date.parse('2026-11-26T12:00:00Z');
  const clock = createManualClock(start);
  let emulator: Awaited<ReturnType<typeof createEmulator>>;
  beforeAll(async () => {
    emulator = await createEmulator({ clock, tokenLifetimeSeconds: 3600 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const tokenRequests = () =>
    emulator.requests.filter((r) => r.path === '/oauth/token' && r.status === 200).length;
  const clientFor = (file: string, secret = emulator.credentials.demo.clientSecret) =>
    createTelephonyClient({
      baseUrl: emulator.url,
      now: () => emulator.clock.now(),
      retry: false,
      auth: cachedClientCredentials({
        clientId: emulator.credentials.demo.clientId,
        clientSecret: secret,
        loginBaseUrl: emulator.url,
        file,
      }),
    });
  const mediaRegions = (client: ReturnType<typeof clientFor>) =>
    client.unwrap(client.GET('/api/v2/telephony/mediaregions'));

  it('reuses a cached token across clients (processes) until shortly before expiry', async () => {
    emulator.reset();
    const file = join(dir, 'tokens', 'p.json');
    await mediaRegions(clientFor(file));
    expect(tokenRequests()).toBe(1);
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(join(dir, 'tokens'))).toBe(0o700);
    const cached = await readTokenFile(file);
    expect(cached).toMatchObject({
      clientId: 'telephony-kit-demo',
      loginBaseUrl: emulator.url,
      expiresAt: emulator.clock.now() + 3_600_000,
    });

    // A new client, as in the next run: the token comes from the file.
    await mediaRegions(clientFor(file));
    expect(tokenRequests()).toBe(1);
    // A changed (here wrong) secret is not masked by the cache: it goes to the login service.
    await expect(mediaRegions(clientFor(file, 'wrong-secret'))).rejects.toMatchObject({
      name: 'AuthError',
    });
    expect(emulator.requests.filter((r) => r.path === '/oauth/token').length).toBe(2);
    expect((await readTokenFile(file))?.accessToken).toBe(cached?.accessToken);

    // 59 minutes later it is still reused; a moment after, it is within the refresh margin (60 s
    // before expiry): a new one is fetched and cached.
    emulator.clock.advance(59 * 60_000 - 1);
    await mediaRegions(clientFor(file));
    expect(tokenRequests()).toBe(1);
    emulator.clock.advance(2);
    await mediaRegions(clientFor(file));
    expect(tokenRequests()).toBe(2);
    const renewed = await readTokenFile(file);
    expect(renewed?.accessToken).not.toBe(cached?.accessToken);
    expect(renewed?.expiresAt).toBe(emulator.clock.now() + 3_600_000);
  });

  it('ignores a token cached for another client or host', async () => {
    emulator.reset();
    const file = join(dir, 'tokens', 'q.json');
    await writeFileAtomic(
      file,
      JSON.stringify({
        accessToken: 'foreign',
        expiresAt: emulator.clock.now() + 3_600_000,
        issuedAt: emulator.clock.now(),
        clientId: 'someone-else',
        loginBaseUrl: emulator.url,
        secretHash: secretFingerprint('someone-else', 'x'),
      }),
    );
    await mediaRegions(clientFor(file));
    expect(tokenRequests()).toBe(1);
    expect((await readTokenFile(file))?.clientId).toBe('telephony-kit-demo');
  });

  it('after a 401 drops the cached token and re-authenticates exactly once', async () => {
    emulator.reset();
    const file = join(dir, 'tokens', 'r.json');
    await mediaRegions(clientFor(file));
    const first = await readTokenFile(file);
    // The emulator forgets its tokens: the cached one is now rejected with 401.
    emulator.reset({ tokens: true });
    await mediaRegions(clientFor(file));
    expect(tokenRequests()).toBe(1);
    const statuses = emulator.requests
      .filter((r) => r.path === '/api/v2/telephony/mediaregions')
      .map((r) => r.status);
    expect(statuses).toEqual([401, 200]);
    const second = await readTokenFile(file);
    expect(second?.accessToken).toBeTruthy();
    expect(second?.accessToken).not.toBe(first?.accessToken);
  });
});
