// argv → command and options, apart from behaviour: no process, no network.
import { describe, expect, it } from 'vitest';
import { globalOptions, parseCommandArgs, parseInvocation, renderCommandHelp } from '../src/cli';
import type { CommandDefinition } from '../src/command';
import { UsageError } from '../src/errors';
import { registry } from '../src/registry';
import { parseDuration, parseHardwareId, parseList, parsePathId } from '../src/validate';

const names = (args: string[]) => {
  const invocation = parseInvocation(args);
  return invocation.kind === 'command'
    ? { name: invocation.entry.name, args: invocation.args }
    : invocation;
};

describe('parseInvocation', () => {
  it('finds the longest registered command name and keeps the other arguments in order', () => {
    expect(names(['sip', 'traces', '--since', '2h'])).toEqual({
      name: 'sip traces',
      args: ['--since', '2h'],
    });
    expect(names(['media-regions', '--json'])).toEqual({ name: 'media-regions', args: ['--json'] });
    expect(names(['api', 'GET', '/api/v2/telephony/mediaregions'])).toEqual({
      name: 'api',
      args: ['GET', '/api/v2/telephony/mediaregions'],
    });
    expect(names(['profiles', 'list'])).toMatchObject({ name: 'profiles list' });
  });

  it('skips global options (and their values) placed before the command', () => {
    expect(names(['--profile', 'prod', 'sip', 'headers', 'x'])).toEqual({
      name: 'sip headers',
      args: ['--profile', 'prod', 'x'],
    });
    expect(names(['--json', 'media-regions'])).toMatchObject({ name: 'media-regions' });
  });

  it('answers --version and --help without a command', () => {
    expect(parseInvocation(['--version'])).toEqual({ kind: 'version' });
    expect(parseInvocation(['--help'])).toEqual({ kind: 'help' });
    expect(parseInvocation([])).toEqual({ kind: 'help' });
  });

  it('lists the subcommands of a bare noun and suggests close names', () => {
    const noun = parseInvocation(['pcap']);
    expect(noun.kind).toBe('noun');
    expect(noun.kind === 'noun' && noun.entries.map((e) => e.name)).toEqual([
      'pcap request',
      'pcap url',
      'pcap download',
    ]);
    expect(() => parseInvocation(['pcap', 'dowload'])).toThrow(/Did you mean "pcap download"/);
    expect(() => parseInvocation(['sipp', 'traces'])).toThrow(/Did you mean "sip"/);
    expect(() => parseInvocation(['frobnicate'])).toThrow(UsageError);
  });
});

const fake: CommandDefinition = {
  summary: 'A test command',
  usage: 'thing <id> [--keys a,b]',
  operationId: 'getTelephonySipmessagesConversationHeaders',
  positionals: [
    { name: 'id', description: 'The id', required: true },
    { name: 'extra', description: 'Optional', required: false },
  ],
  options: {
    keys: { type: 'string', valueName: 'names', description: 'Keys' },
    format: { type: 'string', choices: ['text', 'svg'], description: 'Format' },
    alias: { type: 'string', multiple: true, description: 'Alias' },
    yes: { type: 'boolean', short: 'y', description: 'Yes' },
  },
  examples: ['telephony thing 1'],
  run: async () => undefined,
};

describe('parseCommandArgs', () => {
  it('splits global and command options, positionals and repeated options', () => {
    const parsed = parseCommandArgs('thing', fake, [
      'abc',
      '--keys',
      'ruri,to',
      '--alias',
      'a=1',
      '--alias',
      'b=2',
      '-y',
      '--base-url',
      'http://127.0.0.1:1',
      '--output',
      'yaml',
      '--timeout',
      '2m',
      '--verbose',
      '--no-color',
    ]);
    expect(parsed.positionals).toEqual(['abc']);
    expect(parsed.options).toEqual({ keys: 'ruri,to', alias: ['a=1', 'b=2'], yes: true });
    expect(parsed.globals).toMatchObject({
      baseUrl: 'http://127.0.0.1:1',
      output: 'yaml',
      timeoutMs: 120_000,
      verbose: true,
      noColor: true,
      dryRun: false,
      json: false,
    });
    expect(parsed.help).toBe(false);
  });

  it('rejects unknown options, missing values, bad choices and wrong argument counts', () => {
    const fail = (args: string[]) => () => parseCommandArgs('thing', fake, args);
    expect(fail(['abc', '--nope'])).toThrow(/Unknown option '--nope'/);
    expect(fail(['abc', '--keys'])).toThrow(/--keys needs a value: --keys <names>/);
    expect(fail(['abc', '--format', 'png'])).toThrow(/--format "png" is not one of text, svg/);
    expect(fail(['abc', '--output', 'xml'])).toThrow(/--output "xml" is not one of/);
    expect(fail([])).toThrow(/Missing <id>/);
    expect(fail(['a', 'b', 'c'])).toThrow(/Unexpected argument "c"/);
    expect(fail(['a', '--timeout', 'soon'])).toThrow(/--timeout "soon" is not a duration/);
    expect(fail(['a', '--region', 'eu-west-1', '--base-url', 'http://127.0.0.1:1'])).toThrow(
      /not both/,
    );
    try {
      fail(['abc', '--nope'])();
    } catch (error) {
      expect((error as UsageError).command).toBe('thing');
    }
  });

  it('accepts --help without the required arguments', () => {
    expect(parseCommandArgs('thing', fake, ['--help']).help).toBe(true);
    expect(parseCommandArgs('thing', fake, ['-h']).help).toBe(true);
  });
});

describe('help', () => {
  it('shows the HTTP call and permissions of the operation', async () => {
    const help = await renderCommandHelp('thing', fake, false);
    expect(help).toContain('Usage: telephony thing <id> [--keys a,b]');
    expect(help).toContain(
      'HTTP:        GET /api/v2/telephony/sipmessages/conversations/{conversationId}/headers',
    );
    expect(help).toContain('Permissions: all of telephony:pcap:view');
    expect(help).toContain('--keys <names>');
    expect(help).toContain('-y, --yes');
    expect(help).toContain('telephony thing 1');
    expect(help).not.toContain('\u001b[');
  });

  it('gives every registered command a summary, usage, examples and valid option names', async () => {
    for (const entry of registry) {
      const { command } = await entry.load();
      expect(command.summary, entry.name).toBeTruthy();
      expect(command.usage.startsWith(entry.name), entry.name).toBe(true);
      expect(command.examples.length, entry.name).toBeGreaterThan(0);
      for (const option of Object.keys(command.options ?? {})) {
        expect(Object.keys(globalOptions), `${entry.name} --${option}`).not.toContain(option);
      }
    }
  });
});

describe('value parsers', () => {
  it('parses durations', () => {
    expect(parseDuration('30000', '--timeout')).toBe(30_000);
    expect(parseDuration('30s', '--timeout')).toBe(30_000);
    expect(parseDuration('1.5m', '--wait')).toBe(90_000);
    expect(parseDuration('2h', '--wait')).toBe(7_200_000);
    for (const bad of ['', '0', '-1s', '5 years', 'soon']) {
      expect(() => parseDuration(bad, '--wait'), bad).toThrow(UsageError);
    }
  });

  it('normalizes MAC addresses and softphone names, and refuses the rest', () => {
    for (const mac of [
      '0004F2A1B2C3',
      '00:04:f2:a1:b2:c3',
      '00-04-F2-A1-B2-C3',
      '0004.f2a1.b2c3',
    ]) {
      expect(parseHardwareId(mac), mac).toBe('0004f2a1b2c3');
    }
    expect(parseHardwareId('WebRTC-1a2b3c4d.softphone.example.com.')).toBe(
      'webrtc-1a2b3c4d.softphone.example.com',
    );
    for (const bad of ['00:04:f2:a1:b2', '00:04-f2:a1:b2:c3', '0004f2a1b2cg', 'phone', '../x']) {
      expect(() => parseHardwareId(bad), bad).toThrow(/neither a MAC address/);
    }
  });

  it('parses comma-separated header names and safe path ids', () => {
    expect(parseList('ruri, to,from', '--keys', /^[a-z]+$/i, 'a header')).toEqual([
      'ruri',
      'to',
      'from',
    ]);
    expect(() => parseList(',', '--keys', /^[a-z]+$/i, 'a header')).toThrow(/--keys is empty/);
    expect(() => parseList('to from', '--keys', /^[a-z]+$/i, 'a header')).toThrow(
      /"to from", which is not a header/,
    );
    expect(parsePathId('9f3c2b1a-7e6d', 'downloadId')).toBe('9f3c2b1a-7e6d');
    expect(() => parsePathId('../etc', 'downloadId')).toThrow(UsageError);
    expect(() => parsePathId('a b', 'downloadId')).toThrow(UsageError);
  });
});

describe('telephony --version', () => {
  it('is answered by bin.js, which imports nothing before it', async () => {
    const { readFileSync } = await import('node:fs');
    const { binPath } = await import('./helpers/run-cli');
    const bin = readFileSync(binPath, 'utf8');
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // No static import: the commands, the client and cli.ts load only after the --version check.
    expect(bin).not.toMatch(/^\s*import\s/m);
    const versionCheck = bin.indexOf('--version');
    const firstImport = bin.indexOf('import(');
    expect(versionCheck).toBeGreaterThan(-1);
    expect(firstImport).toBeGreaterThan(versionCheck);
  });
});
