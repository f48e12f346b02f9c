// The client decodes the models' generated operationRoutes: the result must be operationTable's
// method, path, token and permissions.
import { operationTable } from '@telephony-kit/models';
import { describe, expect, it, vi } from 'vitest';
import { matchOperation, operations } from '../src/operation-match';

const table = Object.values(operationTable);

describe('operation table', () => {
  it('decodes operationRoutes into operationTable without summaries, ids and schemas', () => {
    expect(operations()).toEqual(
      table.map(({ method, path, requiresToken, permissions }) => ({
        method,
        path,
        requiresToken,
        permissions,
      })),
    );
    // The matcher turns `{name}` into a pattern and takes the rest literally.
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
