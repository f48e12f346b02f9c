// End to end: the read commands, spawned from dist/bin.js against a real emulator.

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { useEmulator } from './helpers/emulator';
import { runCli } from './helpers/run-cli';

const fx = useEmulator();

const aConversation = () => {
  const conversation = fx.emulator.dataset.conversations.find((c) =>
    fx.emulator.dataset.records.some((r) => r.conversationId === c.conversationId),
  );
  if (!conversation) throw new Error('the data set has no conversation with records');
  return conversation;
};

describe('media-regions', () => {
  it('prints JSON when stdout is not a terminal', async () => {
    const result = await runCli(['media-regions', ...fx.base], { env: fx.demoEnv() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(fx.emulator.dataset.mediaRegions);
  });

  it('prints a table, YAML or NDJSON on request', async () => {
    const tableRun = await runCli(['media-regions', '--output', 'table', ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(tableRun.code).toBe(0);
    const [header, first] = tableRun.stdout.split('\n');
    expect(header).toMatch(/^REGION\s+ROLE$/);
    expect(first).toMatch(
      new RegExp(`^${fx.emulator.dataset.mediaRegions.awsHomeRegion}\\s+home$`),
    );
    expect(tableRun.stdout).not.toContain('\u001b[');

    const yamlRun = await runCli(['media-regions', '--output', 'yaml', ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(parseYaml(yamlRun.stdout)).toEqual(fx.emulator.dataset.mediaRegions);

    const jsonRun = await runCli(['media-regions', '--json', ...fx.base], { env: fx.demoEnv() });
    expect(JSON.parse(jsonRun.stdout).awsHomeRegion).toBe('us-east-1');
  });
});

describe('phone settings', () => {
  it("shows a phone's registration settings", async () => {
    const phone = fx.emulator.dataset.phones[0]!;
    const result = await runCli(['phone', 'settings', phone.phoneId, ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(phone.settings);
  });

  it('exits 4 for an unknown phone and 2 for an id that is not a UUID (nothing sent)', async () => {
    const unknown = await runCli(
      ['phone', 'settings', '4a1a5e1c-9d3b-4b0e-8a51-2f7c6e0d9b13', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/404/);

    fx.emulator.reset();
    const invalid = await runCli(['phone', 'settings', 'phone-1', ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/phoneId "phone-1" is not a UUID/);
    expect(fx.apiRequests()).toEqual([]);
  });
});

describe('phone config', () => {
  it('accepts a MAC address in any usual form, without credentials (no token needed)', async () => {
    const phone = fx.emulator.dataset.phones.find((p) => /^[0-9a-f]{12}$/.test(p.hardwareId))!;
    const mac = phone.hardwareId.toUpperCase().match(/../g)!.join(':');
    const result = await runCli(['phone', 'config', mac, ...fx.base]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const config = JSON.parse(result.stdout);
    expect(config.hardwareId).toBe(phone.hardwareId);
    expect(config.phoneId).toBe(phone.phoneId);
    expect(fx.apiRequests().every((r) => r.operationId !== 'oauth.token')).toBe(true);
  });

  it('rejects a malformed MAC address before any request', async () => {
    for (const bad of ['00:04:f2:a1:b2', '00:04:f2:a1:b2:zz', '0004f2a1b2c3d4', 'not a phone']) {
      const result = await runCli(['phone', 'config', bad, ...fx.base], { env: fx.demoEnv() });
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toMatch(/neither a MAC address nor a softphone's FQDN/);
    }
    expect(fx.apiRequests()).toEqual([]);
  });
});

describe('sip traces', () => {
  it('searches a window with filters and prints the Homer envelope', async () => {
    const record = fx.emulator.dataset.records.find((r) => r.toUser && r.conversationId)!;
    const result = await runCli(
      ['sip', 'traces', '--since', '4d', '--to-user', record.toUser!, ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((r: { toUser: string }) => r.toUser === record.toUser)).toBe(true);
    const search = fx.apiRequests().find((r) => r.operationId === 'getTelephonySiptraces');
    expect(search?.status).toBe(200);
  });

  it('writes one record per line with --output ndjson, and a table on request', async () => {
    const { conversationId } = aConversation();
    const ndjson = await runCli(
      [
        'sip',
        'traces',
        '--since',
        '4d',
        '--conversation',
        conversationId,
        '--output',
        'ndjson',
        ...fx.base,
      ],
      { env: fx.demoEnv() },
    );
    expect(ndjson.code).toBe(0);
    const lines = ndjson.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const expected = fx.emulator.dataset.records.filter((r) => r.conversationId === conversationId);
    expect(lines.length).toBe(expected.length);
    expect(lines.every((r) => r.conversationId === conversationId)).toBe(true);

    const tableRun = await runCli(
      [
        'sip',
        'traces',
        '--since',
        '4d',
        '--conversation',
        conversationId,
        '--output',
        'table',
        ...fx.base,
      ],
      { env: fx.demoEnv() },
    );
    expect(tableRun.stdout.split('\n')[0]).toMatch(/^TIME\s+MESSAGE\s+FROM\s+TO\s+SOURCE/);
    expect(tableRun.stdout).toContain('INVITE');
  });

  it('rejects bad windows and ids before any request', async () => {
    const cases: [string[], RegExp][] = [
      [['--since', 'yesterday'], /--since "yesterday" is not a duration/],
      [['--from', '2026-13-45'], /is not a date/],
      [
        ['--from', '2026-11-26T11:00:00Z', '--to', '2026-11-26T10:00:00Z'],
        /must be after dateStart/,
      ],
      [['--since', '2h', '--from', '2026-11-26T10:00:00Z'], /not both/],
      [['--to', '2026-11-26T10:00:00Z'], /--to needs --from/],
      [[], /Give a time window/],
      [['--since', '2h', '--conversation', 'abc'], /conversationId "abc" is not a UUID/],
      [['--since', '2h', '--call-id'], /--call-id needs a value: --call-id <id>/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['sip', 'traces', ...args, ...fx.base], { env: fx.demoEnv() });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(fx.apiRequests()).toEqual([]);
  });
});

describe('sip message and sip headers', () => {
  it('prints the raw SIP of a conversation', async () => {
    const { conversationId } = aConversation();
    const json = await runCli(['sip', 'message', conversationId, ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(json.code).toBe(0);
    const message = JSON.parse(json.stdout);
    expect(message.message).toMatch(/^INVITE sip:/);

    const raw = await runCli(['sip', 'message', conversationId, '--output', 'table', ...fx.base], {
      env: fx.demoEnv(),
    });
    expect(raw.stdout.startsWith('INVITE sip:')).toBe(true);
    expect(raw.stdout).not.toContain('\r\n');
  });

  it('prints the chosen headers with --keys', async () => {
    const { conversationId } = aConversation();
    const result = await runCli(
      ['sip', 'headers', conversationId, '--keys', 'ruri,to,from', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body.headers).sort()).toEqual(['from', 'ruri', 'to']);
  });

  it('exits 4 for an unknown conversation and 2 for bad ids or keys (nothing sent)', async () => {
    const unknown = await runCli(
      ['sip', 'headers', '6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f', ...fx.base],
      { env: fx.demoEnv() },
    );
    expect(unknown.code).toBe(4);
    fx.emulator.reset();
    const { conversationId } = aConversation();
    const badKeys = await runCli(
      ['sip', 'headers', conversationId, '--keys', 'ruri,,to from', ...fx.base],
      {
        env: fx.demoEnv(),
      },
    );
    expect(badKeys.code).toBe(2);
    expect(badKeys.stderr).toMatch(/--keys has "to from", which is not a header name/);
    const badId = await runCli(['sip', 'message', '12345', ...fx.base], { env: fx.demoEnv() });
    expect(badId.code).toBe(2);
    const missing = await runCli(['sip', 'message', ...fx.base], { env: fx.demoEnv() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing <conversationId>/);
    expect(fx.apiRequests()).toEqual([]);
  });
});
