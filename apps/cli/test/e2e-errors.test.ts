// End to end: authentication, permissions, not found, rate-limit storms, --verbose and --dry-run.
import { describe, expect, it } from 'vitest';
import { useEmulator } from './helpers/emulator';
import { cachedTokens, credentialsEnv, runCli, tempDir } from './helpers/run-cli';

const fx = useEmulator();

describe('authentication (exit 3)', () => {
  it('exits 3 on a wrong secret, hinting at the credentials and the region', async () => {
    const { clientId } = fx.emulator.credentials.demo;
    const result = await runCli(['media-regions', ...fx.base], {
      env: credentialsEnv(clientId, 'not-the-secret'),
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/invalid_client/);
    expect(lines[0]).toMatch(/region/);
    expect(result.stderr).not.toContain('not-the-secret');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 3 without credentials, saying how to log in, after no API request', async () => {
    const result = await runCli(['media-regions', ...fx.base]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/telephony login|GENESYSCLOUD_OAUTHCLIENT_ID/);
    expect(fx.apiRequests().filter((r) => r.path.startsWith('/api/'))).toEqual([]);
  });
});

describe('permissions (exit 1, the permission named)', () => {
  it('names the missing permission of a view-only client', async () => {
    const result = await runCli(['pcap', 'request', '--since', '2h', ...fx.base], {
      env: fx.viewerEnv(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('telephony:pcap:add');
    expect(result.stderr).toMatch(/403/);
  });
});

describe('not found (exit 4)', () => {
  it('exits 4 with the status and a correlation id', async () => {
    const result = await runCli(
      ['sip', 'message', '6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/404/);
    expect(result.stderr).toMatch(/correlation id [0-9a-f-]{36}/);
  });
});

describe('rate limits', () => {
  it('rides out a 429 storm, showing every wait on stderr, and succeeds', async () => {
    fx.emulator.setFaults([
      {
        operationId: 'getTelephonyMediaregions',
        sequence: [
          { status: 429, retryAfter: 1 },
          { status: 429, retryAfter: 1 },
          { status: 429, retryAfter: 1 },
        ],
      },
    ]);
    const result = await runCli(['media-regions', ...fx.base], { env: fx.demoEnv() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).awsHomeRegion).toBe('us-east-1');
    const waits = result.stderr.trim().split('\n');
    expect(waits).toHaveLength(3);
    for (const wait of waits)
      expect(wait).toMatch(/429 \(rate limited\); waiting 1 s before retrying/);
    const calls = fx.apiRequests().filter((r) => r.operationId === 'getTelephonyMediaregions');
    expect(calls.map((r) => r.status)).toEqual([429, 429, 429, 200]);
  });

  it('gives up on a storm longer than its retries with exit 1 and the wait asked for', async () => {
    fx.emulator.setFaults([
      { operationId: 'getTelephonyMediaregions', rate: 1, status: 429, retryAfter: 600 },
    ]);
    const result = await runCli(['media-regions', ...fx.base], { env: fx.demoEnv() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/429/);
    expect(result.stderr).toMatch(/10 min|600/);
  });
});

describe('--verbose', () => {
  it('logs every exchange and retry wait with the token and secret redacted', async () => {
    const env = fx.demoEnv();
    fx.emulator.setFaults([
      { operationId: 'getTelephonyMediaregions', sequence: [{ status: 503 }] },
    ]);
    const result = await runCli(['media-regions', '--verbose', ...fx.base], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/→ POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token/);
    expect(result.stderr).toMatch(/authorization: Basic \[REDACTED\]/);
    expect(result.stderr).toMatch(/→ GET .*\/api\/v2\/telephony\/mediaregions/);
    expect(result.stderr).toMatch(/authorization: Bearer \[REDACTED\]/);
    expect(result.stderr).toMatch(/← 503 .*mediaregions/);
    expect(result.stderr).toMatch(/← 200 OK GET .*mediaregions/);
    expect(result.stderr).toMatch(/answered 503; waiting .* before retrying \(attempt 1\)/);
    const tokens = cachedTokens(env.TELEPHONY_CONFIG_DIR!);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(result.stderr).not.toContain(token);
    expect(result.stderr).not.toContain(fx.emulator.credentials.demo.clientSecret);
    expect(JSON.parse(result.stdout).awsHomeRegion).toBe('us-east-1');
  });

  it('prints a stack trace only with --verbose', async () => {
    const { clientId } = fx.emulator.credentials.demo;
    const quiet = await runCli(['media-regions', ...fx.base], {
      env: credentialsEnv(clientId, 'wrong'),
    });
    expect(quiet.code).toBe(3);
    expect(quiet.stderr.trim().split('\n')).toHaveLength(1);
    const verbose = await runCli(['media-regions', '--verbose', ...fx.base], {
      env: credentialsEnv(clientId, 'wrong'),
    });
    expect(verbose.code).toBe(3);
    expect(verbose.stderr).toMatch(/AuthError.*\n\s+at /);
    expect(verbose.stderr).not.toContain('wrong\n');
  });
});

describe('--dry-run', () => {
  it('prints the request as curl with the token redacted and sends nothing', async () => {
    const env = fx.demoEnv();
    const result = await runCli(
      ['sip', 'traces', '--since', '2h', '--to-user', '+13175550199', '--dry-run', ...fx.base],
      { env },
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(
      /^curl '.*\/api\/v2\/telephony\/siptraces\?dateStart=.*&toUser=%2B13175550199'/,
    );
    expect(result.stdout).toContain('"Authorization: Bearer $GENESYSCLOUD_ACCESS_TOKEN"');
    expect(result.stdout).not.toContain(fx.emulator.credentials.demo.clientSecret);
    expect(fx.apiRequests()).toEqual([]);
    expect(cachedTokens(env.TELEPHONY_CONFIG_DIR!)).toEqual([]);
  });

  it('shows the JSON body of a POST', async () => {
    const result = await runCli(
      [
        'pcap',
        'request',
        '--from',
        '2026-11-26T10:00:00Z',
        '--to',
        '2026-11-26T11:00:00Z',
        '--dry-run',
        ...fx.base,
      ],
      { env: fx.demoEnv() },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("curl -X POST '");
    expect(result.stdout).toContain(
      `--data-raw '{"dateStart":"2026-11-26T10:00:00.000Z","dateEnd":"2026-11-26T11:00:00.000Z"}'`,
    );
    expect(fx.apiRequests()).toEqual([]);
  });
});

describe('usage errors (exit 2)', () => {
  it('rejects unknown commands and options with a pointer to help', async () => {
    const unknown = await runCli(['sip', 'trace', '--since', '2h']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Did you mean "sip traces"\?/);
    const option = await runCli(['media-regions', '--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--colour'.*telephony media-regions --help/);
    const both = await runCli(['media-regions', '--region', 'eu-west-1', ...fx.base]);
    expect(both.code).toBe(2);
  });

  it('names an unknown region with the known ones', async () => {
    const result = await runCli(['media-regions', '--region', 'eu-west-9'], {
      env: { ...fx.demoEnv() },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/eu-west-1/);
  });

  it('prints help with the HTTP call and permissions, and the version', async () => {
    const help = await runCli(['pcap', 'request', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('HTTP:        POST /api/v2/telephony/siptraces/download');
    expect(help.stdout).toContain('Permissions: all of telephony:pcap:add');
    expect(help.stdout).toContain('Examples:');
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(/\nsip\n {2}sip traces/);
    expect(main.stdout).toMatch(/\npcap\n {2}pcap request/);
    const version = await runCli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const nothing = await runCli([], { env: { HOME: tempDir() } });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Usage: telephony <command>');
  });
});
