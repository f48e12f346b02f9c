// PCAP export over real HTTP: request, poll until ready (404 soon after, 202 with Retry-After, 200
// without url), stream from the signed URL without the API token, refresh an expired URL, and
// write the file atomically after checking its magic number.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  createTelephonyClient,
  exportPcap,
  NetworkError,
  type PcapProgress,
  requestPcap,
  TelephonyError,
  TimeoutError,
  ValidationError,
} from '../src/index';
import { exportPcapToFile } from '../src/node';
import { recordingSleep } from './helpers/fast';
import {
  errorBody,
  type Handler,
  sendJson,
  startServer,
  type TestServer,
} from './helpers/http-server';

const DOWNLOAD = '/api/v2/telephony/siptraces/download';
const JOB = `${DOWNLOAD}/d-1`;
const dir = mkdtempSync(join(tmpdir(), 'telephony-kit-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A libpcap file: the global header (magic a1b2c3d4, little-endian) then `records` filler bytes. */
function pcapBytes(size: number, magic = [0xd4, 0xc3, 0xb2, 0xa1]): Buffer {
  const file = Buffer.alloc(size, 0x2a);
  Buffer.from([...magic, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0]).copy(
    file,
  );
  return file;
}

interface Storage {
  file: Buffer;
  /** Signatures the storage still accepts. */
  valid: Set<string>;
  /** What GET …/download/d-1 answers, in order; then a fresh signed URL. */
  polls: ('404' | '202' | 'no-url' | 'url')[];
  /** Signature of the next URL handed out. */
  signatures: string[];
}

async function start(partial: Partial<Storage> = {}) {
  const storage: Storage = {
    file: pcapBytes(64 * 1024),
    valid: new Set(['sig-1']),
    polls: ['url'],
    signatures: ['sig-1'],
    ...partial,
  };
  server = await startServer((req, res) => {
    if (req.path === DOWNLOAD && req.method === 'POST')
      return sendJson(res, 200, { downloadId: 'd-1', documentId: 'doc-1' });
    if (req.path === JOB) {
      const step = storage.polls.shift() ?? 'url';
      if (step === '404') return sendJson(res, 404, errorBody(404, 'not.found', 'No download d-1'));
      if (step === '202') {
        res.writeHead(202, { 'retry-after': '1' });
        return res.end();
      }
      if (step === 'no-url') return sendJson(res, 200, { id: 'd-1' });
      const signature = storage.signatures.shift() ?? 'sig-x';
      return sendJson(res, 200, {
        id: 'd-1',
        url: `${server?.url}/storage/d-1.pcap?X-Amz-Signature=${signature}`,
      });
    }
    if (req.path === '/storage/d-1.pcap') {
      const signature = new URL(req.url, 'http://x').searchParams.get('X-Amz-Signature') ?? '';
      if (req.headers.authorization !== undefined || !storage.valid.has(signature)) {
        res.writeHead(403, { 'content-type': 'application/xml' });
        return res.end(
          '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
        );
      }
      res.writeHead(200, {
        'content-type': 'application/vnd.tcpdump.pcap',
        'content-length': storage.file.length,
      });
      // Write in chunks, honouring the socket's backpressure.
      let offset = 0;
      const pump = () => {
        while (offset < storage.file.length) {
          const chunk = storage.file.subarray(offset, offset + 16 * 1024);
          offset += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    sendJson(res, 404, errorBody(404, 'not.found', 'no route'));
  });
  const { waits, sleep } = recordingSleep();
  const client = createTelephonyClient({
    baseUrl: server.url,
    auth: 'api-token',
    sleep,
    retry: { maxRetries: 0 },
  });
  return { server, storage, client, waits };
}

const search = {
  dateStart: '2026-11-26T10:00:00Z',
  dateEnd: '2026-11-26T11:00:00Z',
  callId: 'abc@pbx',
};

describe('exportPcap', () => {
  it('polls until ready (404 soon after, 202 with Retry-After, 200 without url) and streams without the token', async () => {
    const { server: s, client, waits } = await start({ polls: ['404', '202', 'no-url', 'url'] });
    const progress: PcapProgress[] = [];
    const download = await exportPcap(client, search, {
      pollIntervalMs: 10,
      onProgress: (p) => progress.push(p),
    });
    const bytes = Buffer.from(await new Response(download.body).arrayBuffer());
    expect(bytes.equals(pcapBytes(64 * 1024))).toBe(true);
    expect(download).toMatchObject({
      downloadId: 'd-1',
      documentId: 'doc-1',
      contentLength: 65536,
    });
    expect(JSON.parse(s.hits(DOWNLOAD)[0]?.body ?? '')).toEqual({
      dateStart: '2026-11-26T10:00:00.000Z',
      dateEnd: '2026-11-26T11:00:00.000Z',
      callId: 'abc@pbx',
    });
    expect(s.hits(JOB)).toHaveLength(4);
    expect(s.hits(JOB).every((r) => r.headers.authorization === 'Bearer api-token')).toBe(true);
    const [fileRequest] = s.hits('/storage/d-1.pcap');
    expect(fileRequest?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(fileRequest?.headers)).not.toContain('api-token');
    // 10 ms, then Retry-After (1 s) wins over 15 ms, then 22.5 ms
    expect(waits).toEqual([10, 1000, 23]);
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['requested', 'waiting', 'ready', 'downloading', 'done']),
    );
    expect(progress.at(-1)).toEqual({ phase: 'done', downloadId: 'd-1', bytes: 65536 });
  });

  it('fetches a fresh signed URL when the storage refuses an expired one', async () => {
    const { server: s, client, storage } = await start({ signatures: ['sig-old', 'sig-1'] });
    const download = await exportPcap(client, search);
    expect((await new Response(download.body).arrayBuffer()).byteLength).toBe(storage.file.length);
    expect(s.hits(JOB)).toHaveLength(2);
    expect(s.hits('/storage/d-1.pcap')).toHaveLength(2);
  });

  it('gives up after maxUrlRefreshes with an ApiError that hides the signature', async () => {
    const { server: s, client } = await start({ signatures: ['old-1', 'old-2', 'old-3'] });
    const error = await exportPcap(client, search, { maxUrlRefreshes: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'signed.url.expired' });
    expect(JSON.stringify((error as ApiError).toJSON())).not.toContain('old-2');
    expect(s.hits('/storage/d-1.pcap')).toHaveLength(2);
  });

  it('treats a 404 long after the request as a real 404', async () => {
    const { client } = await start({ polls: ['404'] });
    const error = await exportPcap(client, search, { notFoundGraceMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'not.found' });
  });

  it('times out when the file never becomes ready', async () => {
    const { client } = await start({ polls: Array(50).fill('202') });
    const error = await exportPcap(client, search, { timeoutMs: 2500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'pcap.not.ready' });
    expect((error as Error).message).toMatch(/not ready .*raise timeoutMs/);
  });

  it('validates the search before any request', async () => {
    const { server: s, client } = await start();
    await expect(exportPcap(client, { dateStart: '1h', dateEnd: '2h' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(s.requests).toHaveLength(0);
  });
});

describe('requestPcap, then exporting a PCAP already requested ({ downloadId })', () => {
  it('requests once; a later export (after a restart, say) polls and downloads without asking again', async () => {
    const { server: s, client } = await start({ polls: ['202', 'url'] });
    const requested = await requestPcap(client, search);
    expect(requested).toEqual({
      downloadId: 'd-1',
      documentId: 'doc-1',
      requestedAt: expect.any(Number),
    });
    const progress: PcapProgress[] = [];
    const file = join(dir, 'resumed.pcap');
    const result = await exportPcapToFile(client, requested, file, {
      pollIntervalMs: 10,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ downloadId: 'd-1', bytes: 65536, format: 'pcap' });
    expect(readFileSync(file).equals(pcapBytes(64 * 1024))).toBe(true);
    expect(s.hits(DOWNLOAD)).toHaveLength(1); // the POST of requestPcap only
    expect(s.hits(JOB)).toHaveLength(2);
    // Nothing was requested by the export itself.
    expect(progress.map((p) => p.phase)).not.toContain('requested');
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['waiting', 'ready', 'done']),
    );
  });

  it('counts the 404 grace from requestedAt: a download the platform forgot is a real 404', async () => {
    const { server: s, client } = await start({ polls: ['404'] });
    const error = await exportPcap(client, {
      downloadId: 'd-1',
      requestedAt: Date.now() - 60_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404 });
    expect(s.hits(DOWNLOAD)).toHaveLength(0);
  });

  it('rejects a downloadId that cannot be one before any request', async () => {
    const { server: s, client } = await start();
    for (const downloadId of ['', ' ', '../x', 'a/b', 'd-1?x=1']) {
      await expect(exportPcap(client, { downloadId })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(
      exportPcap(client, { downloadId: 'd-1', requestedAt: new Date('nope') }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(s.requests).toHaveLength(0);
  });
});

describe('exportPcapToFile', () => {
  it('streams a large file to <file>.part, fsyncs and renames it, and reports the bytes', async () => {
    const big = pcapBytes(3 * 1024 * 1024);
    const { client } = await start({ file: big, polls: ['202', 'url'] });
    const file = join(dir, 'call.pcap');
    const seen: number[] = [];
    const result = await exportPcapToFile(client, search, file, {
      onProgress: (p) => p.phase === 'downloading' && seen.push(p.bytes),
    });
    expect(result).toEqual({ file, bytes: big.length, downloadId: 'd-1', format: 'pcap' });
    expect(readFileSync(file).equals(big)).toBe(true);
    expect(existsSync(`${file}.part`)).toBe(false);
    expect(seen.length).toBeGreaterThan(3); // arrived in many chunks, not one buffer
    expect(seen.at(-1)).toBe(big.length);
  });

  it('accepts pcapng and nanosecond pcap', async () => {
    for (const [magic, format] of [
      [[0x0a, 0x0d, 0x0d, 0x0a], 'pcapng'],
      [[0xa1, 0xb2, 0x3c, 0x4d], 'pcap-ns'],
    ] as const) {
      const { client } = await start({ file: pcapBytes(100, [...magic]) });
      const result = await exportPcapToFile(client, search, join(dir, `${format}.pcap`));
      expect(result.format).toBe(format);
      await server?.close();
      server = undefined;
    }
  });

  it('refuses a file that is not a capture and leaves nothing behind', async () => {
    const { client } = await start({
      file: Buffer.from('<?xml version="1.0"?><Error>nope</Error>'),
    });
    const file = join(dir, 'bad.pcap');
    const error = await exportPcapToFile(client, search, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelephonyError);
    expect(error).toMatchObject({ code: 'pcap.invalid' });
    expect((error as Error).message).toMatch(
      /not a pcap or pcapng capture \(it starts with 3c3f786d "<\?xm"\)/,
    );
    expect(readdirSync(dir).filter((f) => f.startsWith('bad.pcap'))).toEqual([]);
  });
});

describe('the download from the signed URL', () => {
  const SIGNED = '/signed/d-1.pcap';
  const SECRET = /goog-sig|cred-1|sig-[23]/;
  const kinds = ['node:http', 'custom fetch'] as const;
  type Kind = (typeof kinds)[number];

  /** A server whose signed URL is `/signed/d-1.pcap?X-Goog-Signature=…`, served by `storage`. */
  async function withStorage(storage: Handler) {
    server = await startServer((req, res, raw) => {
      if (req.path === DOWNLOAD && req.method === 'POST')
        return sendJson(res, 200, { downloadId: 'd-1' });
      if (req.path === JOB)
        return sendJson(res, 200, {
          id: 'd-1',
          url: `${server?.url}${SIGNED}?X-Goog-Signature=goog-sig-1&X-Goog-Credential=cred-1`,
        });
      return storage(req, res, raw);
    });
    return server;
  }

  /** The default client (node:http downloads) or one created with a fetch of its own. */
  function clientOf(kind: Kind, url: string) {
    const fetched: string[] = [];
    const client = createTelephonyClient({
      baseUrl: url,
      auth: 'api-token',
      retry: false,
      ...(kind === 'custom fetch' && {
        fetch: (request: Request) => {
          fetched.push(request.url);
          return fetch(request);
        },
      }),
    });
    return { client, fetched };
  }

  /** Sends the headers and the first bytes of a capture, then `then` (nothing: a stall). */
  const firstBytes =
    (then?: (raw: IncomingMessage) => void): Handler =>
    (_req, res, raw) => {
      res.writeHead(200, { 'content-length': 1_000_000 });
      res.write(pcapBytes(4096));
      then?.(raw);
    };

  const leftovers = (name: string) => readdirSync(dir).filter((f) => f.startsWith(name));

  it.each(kinds)(
    'follows redirects, absolute and relative, without adding a header (%s)',
    async (kind) => {
      const file = pcapBytes(10_000);
      const s = await withStorage((req, res) => {
        if (req.path === SIGNED) {
          res.writeHead(302, { location: `${s.url}/hop/a?sig-2=x` });
          return res.end();
        }
        if (req.path === '/hop/a') {
          res.writeHead(307, { location: 'b?sig-3=y' }); // relative to /hop/a
          return res.end();
        }
        if (req.path === '/hop/b') {
          res.writeHead(301, { location: '/real/d-1.pcap' });
          return res.end();
        }
        res.writeHead(200, { 'content-length': file.length });
        res.end(file);
      });
      const { client, fetched } = clientOf(kind, s.url);
      expect(client.customFetch).toBe(kind === 'custom fetch');
      const target = join(dir, `redirected-${kind.replace(/\W/g, '')}.pcap`);
      const result = await exportPcapToFile(client, search, target);
      expect(result.bytes).toBe(file.length);
      expect(readFileSync(target).equals(file)).toBe(true);
      const hops = ['/hop/a', '/hop/b', '/real/d-1.pcap'].map((path) => s.hits(path)[0]);
      expect(hops.map((hop) => hop?.url)).toEqual([
        '/hop/a?sig-2=x',
        '/hop/b?sig-3=y',
        '/real/d-1.pcap',
      ]);
      // Every hop gets the headers of the first request and no more: never a credential.
      const first = s.hits(SIGNED)[0];
      for (const hop of hops) {
        expect(Object.keys(hop?.headers ?? {}).sort()).toEqual(
          Object.keys(first?.headers ?? {}).sort(),
        );
        expect(hop?.headers.authorization).toBeUndefined();
      }
      // A client created with a fetch of its own downloads with it (a proxy, custom TLS).
      expect(fetched.some((url) => url.includes(SIGNED))).toBe(kind === 'custom fetch');
    },
  );

  it('gives up after 5 redirects with an error that shows no query', async () => {
    let n = 0;
    const s = await withStorage((_req, res) => {
      n += 1;
      res.writeHead(302, { location: `/loop/${n}?X-Goog-Signature=goog-sig-${n}` });
      res.end();
    });
    const { client } = clientOf('node:http', s.url);
    const error = await exportPcapToFile(client, search, join(dir, 'loop.pcap')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 302,
      code: 'pcap.download.failed',
      url: `${s.url}${SIGNED}?[REDACTED]`,
      headers: { location: `/loop/6?[REDACTED]` },
    });
    expect(n).toBe(6);
    expect(JSON.stringify((error as ApiError).toJSON())).not.toMatch(SECRET);
  });

  it('shows only the origin and path of a signed URL in errors, whatever its parameters', async () => {
    const s = await withStorage((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/xml' });
      res.end('<Error><Code>InternalError</Code></Error>');
    });
    for (const kind of kinds) {
      const { client } = clientOf(kind, s.url);
      for (const error of [
        await exportPcap(client, search).catch((e: unknown) => e),
        await exportPcapToFile(client, search, join(dir, 'storage-500.pcap')).catch(
          (e: unknown) => e,
        ),
      ]) {
        expect(error).toMatchObject({
          status: 500,
          code: 'pcap.download.failed',
          url: `${s.url}${SIGNED}?[REDACTED]`,
          path: `${SIGNED}?[REDACTED]`,
        });
        expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toMatch(SECRET);
      }
    }
  });

  it.each(kinds)(
    'times out when the storage stalls after the first bytes, leaving no .part (%s)',
    async (kind) => {
      const s = await withStorage(firstBytes());
      const { client } = clientOf(kind, s.url);
      const name = `stalled-${kind.replace(/\W/g, '')}.pcap`;
      let received = 0;
      const started = Date.now();
      const error = await exportPcapToFile(client, search, join(dir, name), {
        downloadIdleTimeoutMs: 200,
        onProgress: (p) => {
          if (p.phase === 'downloading') received = p.bytes;
        },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ timeoutMs: 200, url: `${s.url}${SIGNED}?[REDACTED]` });
      expect((error as Error).message).toMatch(/stalled: no data arrived for 200 ms/);
      expect((error as Error).message).not.toMatch(SECRET);
      expect(received).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(leftovers(name)).toEqual([]);
    },
  );

  it('times out exportPcap’s stream when the storage stalls after the first bytes', async () => {
    const s = await withStorage(firstBytes());
    const { client } = clientOf('node:http', s.url);
    const download = await exportPcap(client, search, { downloadIdleTimeoutMs: 200 });
    const reader = download.body.getReader();
    let bytes = 0;
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        bytes += value.byteLength;
      }
    })().catch((e: unknown) => e);
    expect(bytes).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200 });
  });

  it.each(kinds)(
    'rejects with the abort reason when aborted mid-download, leaving no .part (%s)',
    async (kind) => {
      const s = await withStorage(firstBytes());
      const { client } = clientOf(kind, s.url);
      const name = `aborted-${kind.replace(/\W/g, '')}.pcap`;
      const controller = new AbortController();
      const reason = new Error('the user cancelled');
      const error = await exportPcapToFile(client, search, join(dir, name), {
        signal: controller.signal,
        onProgress: (p) => p.phase === 'downloading' && controller.abort(reason),
      }).catch((e: unknown) => e);
      expect(error).toBe(reason);
      expect(leftovers(name)).toEqual([]);
    },
  );

  it.each(kinds)(
    'turns a connection reset mid-body into a NetworkError, leaving no .part (%s)',
    async (kind) => {
      const s = await withStorage(firstBytes((raw) => setTimeout(() => raw.socket.destroy(), 50)));
      const { client } = clientOf(kind, s.url);
      const name = `reset-${kind.replace(/\W/g, '')}.pcap`;
      const error = await exportPcapToFile(client, search, join(dir, name)).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).not.toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ url: `${s.url}${SIGNED}?[REDACTED]` });
      expect((error as Error).message).toMatch(/^Downloading the PCAP file from .* failed/);
      expect(leftovers(name)).toEqual([]);
    },
  );
});
