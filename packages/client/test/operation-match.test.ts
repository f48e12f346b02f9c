// The client's compact copy of the contract (src/operation-match.ts) must say what the models'
// operationTable says; when the contract changes, this test prints the new OPERATIONS text.
import { operationTable } from '@telephony-kit/models';
import { describe, expect, it, vi } from 'vitest';
import { matchOperation, OPERATIONS, operations } from '../src/operation-match';

const table = Object.values(operationTable);

describe('operation table', () => {
  it('is operationTable without summaries, ids and schemas', () => {
    const encoded = table
      .map((op) =>
        [
          op.method,
          op.path.replace('/api/v2/telephony', ''),
          op.requiresToken ? '+' : '-',
          op.permissions ? `${op.permissions.type}=${op.permissions.permissions.join(',')}` : '-',
        ].join(' '),
      )
      .join('\n');
    expect(OPERATIONS, 'paste this text into OPERATIONS in src/operation-match.ts').toBe(encoded);
    expect(operations()).toEqual(
      table.map(({ method, path, requiresToken, permissions }) => ({
        method,
        path,
        requiresToken,
        permissions,
      })),
    );
    // The decoder turns `{name}` into a pattern and takes the rest literally.
    for (const op of table) expect(op.path).toMatch(/^\/api\/v2\/telephony\/[\w/{}-]+$/);
  });

  it('finds the operation of a request URL or of a path template', () => {
    const download = '/api/v2/telephony/siptraces/download';
    expect(matchOperation('GET', `https://api.mypurecloud.ie${download}/d-1?x=1`)?.path).toBe(
      `${download}/{downloadId}`,
    );
    expect(matchOperation('post', `http://127.0.0.1:8787/gateway${download}/`)?.path).toBe(
      download,
    );
    expect(matchOperation('GET', `${download}/{downloadId}`)?.permissions).toEqual({
      type: 'ALL',
      permissions: ['telephony:pcap:view'],
    });
    expect(
      matchOperation('GET', '/api/v2/telephony/phonehome/phoneconfiguration/00:11')?.requiresToken,
    ).toBe(false);
    expect(matchOperation('GET', download)).toBeUndefined();
    expect(matchOperation('DELETE', '/api/v2/telephony/mediaregions')).toBeUndefined();
  });

  it('decodes the table and compiles its patterns once, not per request', () => {
    const url = 'https://api.mypurecloud.com/api/v2/telephony/siptraces/download/abc';
    const first = matchOperation('GET', url);
    expect(first?.path).toBe('/api/v2/telephony/siptraces/download/{downloadId}');
    const compile = vi.spyOn(globalThis, 'RegExp');
    try {
      for (let i = 0; i < 10; i++) expect(matchOperation('GET', url)).toBe(first);
      expect(matchOperation('POST', url.replace('/abc', ''))?.method).toBe('post');
      expect(compile).not.toHaveBeenCalled();
    } finally {
      compile.mockRestore();
    }
  });
});
