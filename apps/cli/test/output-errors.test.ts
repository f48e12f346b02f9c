// Rendering, error descriptions, redaction and the `api` command's contract lookups, in process.
import { ApiError, AuthError, RateLimitError, ValidationError } from '@telephony-kit/client';
import { describe, expect, it } from 'vitest';
import { resolveOperation, resolveQuery } from '../src/commands/api';
import { parseTracesFile, recordsOfConversation } from '../src/commands/sip-ladder';
import {
  CliError,
  DryRunComplete,
  describeError,
  InterruptedError,
  UsageError,
} from '../src/errors';
import { ExitCode } from '../src/exit-codes';
import { displayHeader, displayUrl, dryRunFetch, toCurl } from '../src/http-debug';
import { chooseFormat, presented, renderOutput, table, text } from '../src/output';

describe('output', () => {
  it('chooses a table on a terminal and JSON in a pipe unless told otherwise', () => {
    expect(chooseFormat({ stdoutIsTTY: true })).toBe('table');
    expect(chooseFormat({ stdoutIsTTY: false })).toBe('json');
    expect(chooseFormat({ stdoutIsTTY: true, json: true })).toBe('json');
    expect(chooseFormat({ stdoutIsTTY: false, output: 'yaml', json: true })).toBe('yaml');
  });

  it('renders the same data as JSON, YAML, NDJSON and an aligned table', async () => {
    const data = { data: [{ a: 1 }, { a: 2 }] };
    const result = presented(
      data,
      table(
        ['name', 'value'],
        [
          ['x', 1],
          ['longer', null],
        ],
      ),
      data.data,
    );
    expect(JSON.parse(await renderOutput(result, 'json', false))).toEqual(data);
    expect(await renderOutput(result, 'yaml', false)).toBe('data:\n  - a: 1\n  - a: 2\n');
    expect(await renderOutput(result, 'ndjson', false)).toBe('{"a":1}\n{"a":2}\n');
    expect(await renderOutput(result, 'table', false)).toBe('NAME    VALUE\nx       1\nlonger\n');
    expect(await renderOutput(result, 'table', true)).toContain('\u001b[1mNAME');
    expect(await renderOutput(presented({ url: 'u' }, text('u')), 'table', false)).toBe('u\n');
    expect(await renderOutput(presented([], table(['a'], [])), 'table', false)).toBe(
      '(no results)\n',
    );
  });

  it('shows plain objects as fields and nested documents as YAML on a terminal', async () => {
    expect(await renderOutput({ status: 202 }, 'table', false)).toBe(
      'FIELD   VALUE\nstatus  202\n',
    );
    expect(await renderOutput({ a: { b: [1] } }, 'table', false)).toBe('a:\n  b:\n    - 1\n');
  });
});

describe('describeError', () => {
  const request = { method: 'GET', url: 'http://127.0.0.1/api/v2/telephony/mediaregions' };

  it('maps each failure to its exit code', () => {
    expect(describeError(new UsageError('bad', { command: 'sip traces' }))).toEqual({
      exitCode: ExitCode.usage,
      message: 'bad See `telephony sip traces --help`.',
    });
    expect(describeError(new ValidationError('dateEnd must be after dateStart')).exitCode).toBe(2);
    expect(describeError(new AuthError('no token')).exitCode).toBe(3);
    expect(describeError(new ApiError({ ...request, status: 401, message: 'x' })).exitCode).toBe(3);
    expect(describeError(new ApiError({ ...request, status: 404, message: 'x' })).exitCode).toBe(4);
    expect(describeError(new ApiError({ ...request, status: 500, message: 'x' })).exitCode).toBe(1);
    expect(describeError(new InterruptedError()).exitCode).toBe(130);
    expect(describeError(new CliError('x', ExitCode.notFound)).exitCode).toBe(4);
    expect(describeError(new TypeError('boom')).message).toMatch(/boom .*--verbose/);
  });

  it('names a missing permission and the wait a rate limit asks for, on one line', () => {
    const forbidden = describeError(
      new ApiError({
        ...request,
        status: 403,
        message: 'Forbidden.\nAsk an administrator.',
        missingPermissions: ['telephony:pcap:add'],
      }),
    );
    expect(forbidden.exitCode).toBe(1);
    expect(forbidden.message).toContain('telephony:pcap:add');
    expect(forbidden.message).not.toContain('\n');
    const limited = describeError(
      new RateLimitError({
        ...request,
        status: 429,
        message: 'Too many requests.',
        retryAfterMs: 240_000,
      }),
    );
    expect(limited.exitCode).toBe(1);
    expect(limited.message).toContain('4 min');
  });
});

describe('redaction', () => {
  it('hides signatures, codes and credentials', () => {
    expect(displayUrl('https://s.example/f.pcap?expires=1&signature=abc&x=1')).toBe(
      'https://s.example/f.pcap?expires=REDACTED&signature=REDACTED&x=1',
    );
    expect(displayHeader('Authorization', 'Bearer abc.def')).toBe('Bearer [REDACTED]');
    expect(displayHeader('authorization', 'Basic Zm9vOmJhcg==')).toBe('Basic [REDACTED]');
    expect(displayHeader('accept', 'application/json')).toBe('application/json');
  });

  it('prints a request as curl with the bearer token as a variable and sends nothing', async () => {
    const request = new Request('http://127.0.0.1:1/api/v2/telephony/siptraces/download', {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token', 'content-type': 'application/json' },
      body: '{"a":"it\'s"}',
    });
    const curl = await toCurl(request);
    expect(curl).toBe(
      `curl -X POST 'http://127.0.0.1:1/api/v2/telephony/siptraces/download' -H "Authorization: Bearer $GENESYSCLOUD_ACCESS_TOKEN" -H 'content-type: application/json' --data-raw '{"a":"it'\\''s"}'`,
    );
    const written: string[] = [];
    const out = {
      write: (chunk: string, done: () => void) => {
        written.push(chunk);
        done();
      },
    };
    let ended: Error | undefined;
    const fetch = dryRunFetch(out as unknown as NodeJS.WritableStream, (reason) => {
      ended = reason;
    });
    await expect(fetch(new Request('http://127.0.0.1:1/x'))).rejects.toBeInstanceOf(DryRunComplete);
    expect(ended).toBeInstanceOf(DryRunComplete);
    expect(written).toEqual(["curl 'http://127.0.0.1:1/x'\n"]);
  });
});

describe('api: the operation table', () => {
  it('finds operations by method and concrete path', () => {
    expect(resolveOperation('get', '/api/v2/telephony/mediaregions')).toEqual({
      operationId: 'getTelephonyMediaregions',
      path: {},
    });
    expect(resolveOperation('POST', '/api/v2/telephony/siptraces/download').operationId).toBe(
      'postTelephonySiptracesDownload',
    );
    expect(
      resolveOperation('GET', '/api/v2/telephony/siptraces/download/9f3c2b1a-7e6d-4c5b').path,
    ).toEqual({ downloadId: '9f3c2b1a-7e6d-4c5b' });
    expect(
      resolveOperation('GET', 'api/v2/telephony/phonehome/phoneconfiguration/00:04:F2:A1:B2:C3')
        .path,
    ).toEqual({ hardwareId: '0004f2a1b2c3' });
  });

  it('checks query names, repeats array parameters and requires what the contract requires', () => {
    expect(
      resolveQuery('getTelephonySipmessagesConversationHeaders', ['keys=ruri,to', 'keys=from']),
    ).toEqual({
      keys: ['ruri', 'to', 'from'],
    });
    expect(() => resolveQuery('getTelephonySiptraces', ['dateStart=2h'])).toThrow(/dateEnd/);
    expect(() => resolveQuery('getTelephonySiptraces', ['callid=1'])).toThrow(
      /no query parameter "callid"/,
    );
    expect(() => resolveQuery('getTelephonySiptraces', ['dateStart'])).toThrow(/not key=value/);
  });
});

describe('sip ladder input', () => {
  const records = [
    { id: '1', callid: 'a', conversationId: 'c1' },
    { id: '2', callid: 'b', callidAleg: 'a' },
    { id: '3', callid: 'z', conversationId: 'c2' },
  ];

  it('reads the sip traces envelope, an array or NDJSON', () => {
    expect(parseTracesFile(JSON.stringify({ data: records }), 'f')).toEqual(records);
    expect(parseTracesFile(JSON.stringify(records), 'f')).toEqual(records);
    expect(parseTracesFile(records.map((r) => JSON.stringify(r)).join('\n'), 'f')).toEqual(records);
    expect(() => parseTracesFile('{"count": 3}', 'f')).toThrow(/holds no SIP trace records/);
    expect(() => parseTracesFile('not json', 'f')).toThrow(/neither JSON nor NDJSON/);
  });

  it("keeps a conversation's records and the B legs of its Call-IDs", () => {
    expect(recordsOfConversation(records, 'c1').map((r) => r.id)).toEqual(['1', '2']);
    expect(recordsOfConversation(records, 'c3')).toEqual([]);
  });
});

describe('terminal niceties', () => {
  it('draws PCAP progress on a terminal only, and clears it', async () => {
    const { createProgress } = await import('../src/commands/pcap-download');
    const chunks: string[] = [];
    const stream = {
      write: (chunk: string) => chunks.push(chunk),
    } as unknown as NodeJS.WritableStream;
    const off = createProgress(stream, false);
    off.update({ phase: 'requested', downloadId: 'd-1' });
    off.done();
    expect(chunks).toEqual([]);
    const on = createProgress(stream, true);
    on.update({ phase: 'waiting', downloadId: 'd-1', attempt: 2, waitMs: 3000, status: 202 });
    on.update({ phase: 'downloading', downloadId: 'd-1', bytes: 512, totalBytes: 1024 });
    on.done();
    expect(chunks[0]).toBe('\r\u001b[KPCAP d-1 is being prepared (check 2, next in 3 s)…');
    expect(chunks[1]).toBe(
      `\r\u001b[KDownloading [${'█'.repeat(15)}${'░'.repeat(15)}] 50% 512 B / 1.0 KiB`,
    );
    expect(chunks[2]).toBe('\r\u001b[K');
  });

  it('colours only a terminal, and never with NO_COLOR or --no-color', async () => {
    const { useColor } = await import('../src/context');
    expect(useColor({}, true, false)).toBe(true);
    expect(useColor({}, false, false)).toBe(false);
    expect(useColor({ NO_COLOR: '1' }, true, false)).toBe(false);
    expect(useColor({ NO_COLOR: '' }, true, false)).toBe(true);
    expect(useColor({}, true, true)).toBe(false);
  });
});
