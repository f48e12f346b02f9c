// The reply a route produces and the one place that writes it to the socket, so that faults
// (truncated bodies) and common headers apply to every route alike.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

export type Headers = Record<string, string>;

export type Reply =
  | { status: number; headers?: Headers; json: unknown }
  | { status: number; headers?: Headers; text: string; contentType: string }
  | { status: number; headers?: Headers; stream: Readable; length: number; contentType: string }
  | { status: number; headers?: Headers };

export const MAX_BODY_BYTES = 512_000;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body over ${MAX_BODY_BYTES} bytes`);
  }
}

/** Reads the request body; throws BodyTooLargeError as soon as it passes the limit. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The media type of a Content-Type header, lowercased and without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export interface SendOptions {
  /** Announce the full Content-Length, send part of the body, then close the connection. */
  truncate?: boolean;
}

export function sendReply(res: ServerResponse, reply: Reply, options: SendOptions = {}): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.statusCode = reply.status;

  if ('stream' in reply) {
    res.setHeader('Content-Type', reply.contentType);
    res.setHeader('Content-Length', String(reply.length));
    if (res.req.method === 'HEAD') {
      reply.stream.destroy();
      res.end();
      return;
    }
    if (options.truncate) {
      let sent = 0;
      const half = Math.floor(reply.length / 2);
      reply.stream.on('data', (chunk: Buffer) => {
        if (sent >= half) return;
        const part = chunk.subarray(0, half - sent);
        sent += part.length;
        res.write(part);
        if (sent >= half) {
          reply.stream.destroy();
          destroyAfterFlush(res);
        }
      });
      return;
    }
    reply.stream.on('error', () => res.destroy());
    reply.stream.pipe(res);
    return;
  }

  let body: Buffer;
  if ('json' in reply) {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    body = Buffer.from(JSON.stringify(reply.json));
  } else if ('text' in reply) {
    res.setHeader('Content-Type', reply.contentType);
    body = Buffer.from(reply.text);
  } else {
    body = Buffer.alloc(0);
  }

  if (options.truncate) {
    // A body-less reply still gets a promise of bytes that never come.
    res.setHeader('Content-Length', String(Math.max(body.length, 16)));
    res.write(body.subarray(0, Math.floor(body.length / 2)));
    destroyAfterFlush(res);
    return;
  }
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}

function destroyAfterFlush(res: ServerResponse): void {
  // Let the headers and the partial body reach the client before the connection goes away.
  res.socket?.uncork?.();
  setTimeout(() => res.destroy(), 20);
}
