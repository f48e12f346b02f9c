// End to end: `telephony api` and `telephony site reboot`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './helpers/emulator';
import { runCli, tempDir } from './helpers/run-cli';

const fx = useEmulator();

describe('api', () => {
  it('calls a GET operation by path, with query parameters', async () => {
    const regions = await runCli(['api', 'GET', '/api/v2/telephony/mediaregions', ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(regions.code).toBe(0);
    expect(JSON.parse(regions.stdout)).toEqual(fx.emulator.dataset.mediaRegions);

    const conversation = fx.emulator.dataset.records.find((r) => r.conversationId)!.conversationId!;
    const headers = await runCli(
      [
        'api',
        'get',
        `/api/v2/telephony/sipmessages/conversations/${conversation}/headers`,
        '--query',
        'keys=ruri,to',
        ...fx.base,
      ],
      { env: fx.demoEnv() },
    );
    expect(headers.code).toBe(0);
    expect(Object.keys(JSON.parse(headers.stdout).headers).sort()).toEqual(['ruri', 'to']);
  });

  it('posts a JSON body from a file or stdin', async () => {
    const body = JSON.stringify({
      dateStart: '2026-11-26T10:00:00Z',
      dateEnd: '2026-11-26T11:00:00Z',
    });
    const file = join(tempDir(), 'search.json');
    writeFileSync(file, body);
    const fromFile = await runCli(
      ['api', 'POST', '/api/v2/telephony/siptraces/download', '--body', file, ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout).downloadId).toMatch(/^[0-9a-f-]{36}$/);
    const fromStdin = await runCli(
      ['api', 'POST', '/api/v2/telephony/siptraces/download', '--body', '-', ...fx.base],
      { env: fx.demoEnv(), input: body },
    );
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout).downloadId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects unknown paths, wrong methods, unknown query names and bad bodies before any request', async () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"dateStart": ');
    const cases: [string[], RegExp][] = [
      [
        ['GET', '/api/v2/telephony/mediaregion'],
        /Closest known paths: \/api\/v2\/telephony\/mediaregions/,
      ],
      [['DELETE', '/api/v2/telephony/mediaregions'], /DELETE is not allowed on .*: use GET/],
      [['FETCH', '/api/v2/telephony/mediaregions'], /not an HTTP method/],
      [['GET', '/api/v2/telephony/siptraces', '--query', 'dateStart=2h'], /needs --query dateEnd=/],
      [['GET', '/api/v2/telephony/mediaregions', '--query', 'x=1'], /takes no query parameters/],
      [['GET', '/api/v2/telephony/phone/abc/settings'], /phoneId "abc" is not a UUID/],
      [['POST', '/api/v2/telephony/siptraces/download'], /needs a JSON body/],
      [['POST', '/api/v2/telephony/siptraces/download', '--body', broken], /is not valid JSON/],
      [
        ['POST', '/api/v2/telephony/siptraces/download', '--body', join(dir, 'nope.json')],
        /Cannot read --body .*ENOENT/,
      ],
      [['GET', '/api/v2/telephony/mediaregions', '--body', broken], /takes no request body/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['api', ...args, ...fx.base], { env: fx.demoEnv() });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(fx.apiRequests()).toEqual([]);
  });

  it('maps API errors to exit codes', async () => {
    const notFound = await runCli(
      [
        'api',
        'GET',
        '/api/v2/telephony/siptraces/download/9f3c2b1a-7e6d-4c5b-8a9f-0e1d2c3b4a59',
        ...fx.base,
      ],
      { env: fx.demoEnv() },
    );
    expect(notFound.code).toBe(4);
  });
});

describe('site reboot', () => {
  const site = () => fx.emulator.dataset.sites[0]!;

  it('refuses without --yes when stdin is not a terminal (exit 2, nothing sent)', async () => {
    const result = await runCli(['site', 'reboot', site().siteId, ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stdin is not a terminal\. Add --yes/);
    expect(fx.apiRequests()).toEqual([]);
    expect(fx.emulator.reboots).toEqual([]);
  });

  it('schedules the reboot with --yes', async () => {
    const result = await runCli(['site', 'reboot', site().siteId, '--yes', ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ siteId: site().siteId, scheduled: true });
    expect(fx.emulator.reboots.map((r) => r.siteId)).toEqual([site().siteId]);
  });

  it('exits 1 naming internal:site:edit for a view-only client, 4 for an unknown site', async () => {
    const viewer = await runCli(['site', 'reboot', site().siteId, '--yes', ...fx.base], {
      env: fx.viewerEnv(),
    });
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain('internal:site:edit');
    expect(fx.emulator.reboots).toEqual([]);

    const unknown = await runCli(
      ['site', 'reboot', '2e8d4c6a-1b3f-4a5e-9c7d-8f0a1b2c3d4e', '--yes', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(unknown.code).toBe(4);

    const invalid = await runCli(['site', 'reboot', 'HQ', '--yes', ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(invalid.code).toBe(2);
  });
});
