// The emulator's object store: PCAP files behind signed URLs. It answers like S3 does (XML errors,
// 400 when an Authorization header comes along with a signed URL), never with an ErrorBody.

import type { Reply } from '../http';
import { createPcapStream, pcapSize } from '../pcap/pcap-stream';
import type { RouteContext } from '../state';

const PCAP_PATH = /^\/__storage\/pcap\/([^/]+)\.pcap$/;

function s3Error(status: number, code: string, message: string, ctx: RouteContext): Reply {
  return {
    status,
    contentType: 'application/xml',
    text: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${ctx.correlationId}</RequestId></Error>\n`,
  };
}

export function handleStorage(ctx: RouteContext): Reply {
  const { state, req, url } = ctx;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return {
      ...s3Error(
        405,
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        ctx,
      ),
      headers: { Allow: 'GET, HEAD' },
    };
  }
  if (req.headers.authorization !== undefined) {
    return s3Error(
      400,
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      ctx,
    );
  }
  const match = PCAP_PATH.exec(url.pathname);
  const verdict = state.signer.verify(url.pathname, url.searchParams, state.clock.now());
  if (verdict === 'expired') return s3Error(403, 'AccessDenied', 'Request has expired', ctx);
  if (verdict !== 'ok' || !match) {
    return s3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
      ctx,
    );
  }
  const job = state.jobs.get(decodeURIComponent(match[1] as string));
  if (!job) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.', ctx);

  const records = state.index.search(job.search);
  const options = job.padToBytes !== undefined ? { padToBytes: job.padToBytes } : {};
  return {
    status: 200,
    headers: {
      'Content-Disposition': `attachment; filename="${job.downloadId}.pcap"`,
      'Cache-Control': 'private, no-store',
    },
    contentType: 'application/vnd.tcpdump.pcap',
    length: pcapSize(records, options),
    stream: createPcapStream(records, options),
  };
}
