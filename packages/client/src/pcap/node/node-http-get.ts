// GETs a signed URL with node:http(s) and no credential header: the download of exportPcapToFile
// (when the client has no `fetch` of its own). Node's own streams, piped straight to the file,
// hold less memory than fetch's web streams while a large capture is written (`pnpm bench`
// measures the peak RSS of a 1 GiB download).
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { downloadFailed, downloadStalled, type SignedGet } from '../export-pcap';

/** fetch follows 20; a storage service redirects once or twice. */
const MAX_REDIRECTS = 5;

/**
 * GETs `url`, following up to 5 redirects (3xx with a Location, relative or not, http(s) only)
 * without adding any header. `idleMs` without data on the socket (before the headers or during
 * the body) destroys the download with a TimeoutError.
 */
export function nodeHttpGet(
  url: string,
  signal: AbortSignal | undefined,
  idleMs: number,
  redirects = MAX_REDIRECTS,
): Promise<SignedGet<IncomingMessage>> {
  const target = new URL(url);
  const get = target.protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined;
    let followed = false;
    const request = get(target, signal ? { signal } : {}, (answer) => {
      response = answer;
      const { statusCode = 0, headers } = answer;
      const next =
        statusCode > 299 && statusCode < 400 && headers.location && redirects > 0
          ? new URL(headers.location, target)
          : undefined;
      if (next && /^https?:$/.test(next.protocol)) {
        followed = true;
        answer.resume(); // drain it, so that its connection can be reused
        return resolve(nodeHttpGet(next.href, signal, idleMs, redirects - 1));
      }
      const fetchHeaders = new Headers();
      for (const [name, value] of Object.entries(headers)) {
        for (const one of Array.isArray(value) ? value : [value ?? '']) {
          fetchHeaders.append(name, one);
        }
      }
      resolve({
        status: statusCode,
        statusText: answer.statusMessage ?? '',
        headers: fetchHeaders,
        body: answer,
        text: async () => {
          let text = '';
          answer.setEncoding('utf8');
          for await (const chunk of answer) text += chunk;
          return text;
        },
      });
    });
    // The socket's idle time: no byte received (nor sent) for idleMs. Destroying the response
    // makes the error the body's own, so the pipeline to the file rejects with it.
    if (idleMs) {
      request.setTimeout(idleMs, () => {
        if (!followed) (response ?? request).destroy(downloadStalled(url, idleMs));
      });
    }
    request.on('error', (cause) => reject(downloadFailed(url, cause, signal)));
  });
}
