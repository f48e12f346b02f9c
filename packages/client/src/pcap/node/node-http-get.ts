// GETs a signed URL with node:http(s) and no credential header: the download of exportPcapToFile.
// Node's own streams, piped straight to the file, hold less memory than fetch's web streams while
// a large capture is written (`pnpm bench` measures the peak RSS of a 1 GiB download).
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { NetworkError } from '../../errors';
import { redactText } from '../../redact';
import { systemCodesOf } from '../../transport/network-failure';
import type { SignedGet } from '../export-pcap';

export function nodeHttpGet(
  url: string,
  signal: AbortSignal | undefined,
): Promise<SignedGet<IncomingMessage>> {
  const get = new URL(url).protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const request = get(url, signal ? { signal } : {}, (response) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        for (const one of Array.isArray(value) ? value : [value ?? '']) headers.append(name, one);
      }
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers,
        body: response,
        text: async () => {
          let text = '';
          response.setEncoding('utf8');
          for await (const chunk of response) text += chunk;
          return text;
        },
      });
    });
    request.on('error', (cause) => {
      if (signal?.aborted) return reject(signal.reason);
      const [code] = systemCodesOf(cause);
      reject(
        new NetworkError(
          `Downloading the PCAP file from ${redactText(url).split('?')[0]} failed${code ? ` (${code})` : ''}: ${cause.message}. Check the network; the file is still available for a fresh signed URL.`,
          { method: 'GET', url, cause, systemCode: code },
        ),
      );
    });
  });
}
