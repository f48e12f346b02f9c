// Exports the PCAP of a SIP search: request it, wait until it is prepared, then stream it from the
// signed URL. The signed URL is a credential of its own, so it is fetched with the raw fetch —
// never with the API token — and a fresh one is asked for when it has expired. Errors show only
// its origin and path.
import type { TelephonyClient } from '../create-client';
import { ApiError, NetworkError, TelephonyError, TimeoutError, ValidationError } from '../errors';
import { redactUrl } from '../redact';
import { type SipSearchInput, sipSearchRequest } from '../sip-traces/sip-search';
import { parseRetryAfter } from '../transport/backoff';
import { systemCodesOf } from '../transport/network-failure';

export type PcapProgress =
  | { phase: 'requested'; downloadId: string }
  | { phase: 'waiting'; downloadId: string; attempt: number; waitMs: number; status: number }
  | { phase: 'ready'; downloadId: string }
  | { phase: 'downloading'; downloadId: string; bytes: number; totalBytes: number | undefined }
  | { phase: 'done'; downloadId: string; bytes: number };

export interface ExportPcapOptions {
  signal?: AbortSignal;
  /** The first wait between polls; it grows by half each time. Default 2 s. */
  pollIntervalMs?: number;
  /** The longest wait between polls (a longer Retry-After is honoured up to this). Default 15 s. */
  maxPollIntervalMs?: number;
  /** Give up (TimeoutError) when the file is not ready after this long. Default 10 min. */
  timeoutMs?: number;
  /** A 404 this soon after the request means "not ready yet". Default 30 s. */
  notFoundGraceMs?: number;
  /** How many times an expired signed URL is replaced by a fresh one. Default 2. */
  maxUrlRefreshes?: number;
  /**
   * Give up (TimeoutError) when the storage sends nothing for this long while the file is
   * downloaded (before its headers or between two chunks). Default 60 s; 0 disables.
   */
  downloadIdleTimeoutMs?: number;
  onProgress?: (progress: PcapProgress) => void;
}

/** What the download step needs of a GET of the signed URL: a Response, or a Node response. */
export interface SignedGet<Body> {
  status: number;
  statusText: string;
  headers: Headers;
  body: Body;
  text(): Promise<string>;
}

export interface PcapDownload {
  downloadId: string;
  documentId: string | undefined;
  /** The file, streamed; read it once. */
  body: ReadableStream<Uint8Array>;
  /** From Content-Length, when the storage sent it. */
  contentLength: number | undefined;
  /** The storage service's response (its headers; its body is `body`). */
  response: Response;
}

const DOWNLOAD = '/api/v2/telephony/siptraces/download/{downloadId}';

/** Polls GET …/download/{id} until it answers with a url. */
async function waitForSignedUrl(
  client: TelephonyClient,
  downloadId: string,
  requestedAt: number,
  options: ExportPcapOptions,
): Promise<string> {
  const started = client.now();
  const timeoutMs = options.timeoutMs ?? 600_000;
  const graceMs = options.notFoundGraceMs ?? 30_000;
  const maxInterval = options.maxPollIntervalMs ?? 15_000;
  let interval = options.pollIntervalMs ?? 2_000;
  for (let attempt = 1; ; attempt += 1) {
    const result = await client.GET(DOWNLOAD, {
      params: { path: { downloadId } },
      signal: options.signal,
    });
    const { response } = result;
    const url = response.status === 200 ? result.data?.url : undefined;
    if (url) return url;
    const notReady =
      response.status === 202 ||
      response.status === 200 ||
      (response.status === 404 && client.now() - requestedAt < graceMs);
    if (!notReady) {
      await client.unwrap(result);
      throw new ApiError({
        status: response.status,
        method: 'GET',
        url: response.url || `${client.baseUrl}/api/v2/telephony/siptraces/download/${downloadId}`,
        code: 'contract.violation',
        message: `GET …/siptraces/download/${downloadId} answered ${response.status} without a url.`,
      });
    }
    const asked = parseRetryAfter(response.headers.get('retry-after'), client.now());
    const waitMs = Math.round(
      Math.min(Math.max(asked ?? 0, interval), Math.max(maxInterval, interval)),
    );
    if (client.now() - started + waitMs > timeoutMs) {
      throw new TimeoutError(
        `The PCAP file of download ${downloadId} was not ready after ${Math.round((client.now() - started) / 1000)} s (timeoutMs ${timeoutMs}). Large searches take longer: raise timeoutMs, or narrow the search.`,
        {
          code: 'pcap.not.ready',
          method: 'GET',
          url: `${client.baseUrl}/api/v2/telephony/siptraces/download/${downloadId}`,
          timeoutMs,
        },
      );
    }
    options.onProgress?.({
      phase: 'waiting',
      downloadId,
      attempt,
      waitMs,
      status: response.status,
    });
    client.onWait?.({
      reason: 'poll',
      ms: waitMs,
      attempt,
      status: response.status,
      method: 'GET',
      path: DOWNLOAD,
    });
    client.logger?.debug?.(
      `PCAP ${downloadId} not ready (${response.status}); polling again in ${waitMs} ms`,
    );
    await client.sleep(waitMs, options.signal);
    interval = Math.min(interval * 1.5, maxInterval);
  }
}

/** The idle timeout of a download, in ms (0: none). */
export const idleTimeoutOf = (options: ExportPcapOptions): number => {
  const ms = options.downloadIdleTimeoutMs ?? 60_000;
  return ms > 0 && ms < 2 ** 31 ? ms : 0;
};

/** The error of a download from the signed `url` that stalled for `idleMs`. */
export const downloadStalled = (url: string, idleMs: number): TimeoutError =>
  new TimeoutError(
    `Downloading the PCAP file from ${redactUrl(url)} stalled: no data arrived for ${idleMs} ms (downloadIdleTimeoutMs). Retry the export, or raise downloadIdleTimeoutMs on a slow link.`,
    { method: 'GET', url: redactUrl(url), timeoutMs: idleMs },
  );

/**
 * The error of a download from the signed `url` that failed with `cause`, before or during the
 * body: the caller's abort reason, our own TimeoutError, else a NetworkError.
 */
export function downloadFailed(
  url: string,
  cause: unknown,
  signal: AbortSignal | undefined,
): unknown {
  if (signal?.aborted) return signal.reason;
  if (cause instanceof TelephonyError) return cause;
  const [code] = systemCodesOf(cause);
  return new NetworkError(
    `Downloading the PCAP file from ${redactUrl(url)} failed${code ? ` (${code})` : ''}: ${(cause as Error)?.message ?? cause}. Check the network and retry the export; the file is still available for a fresh signed URL.`,
    { method: 'GET', url: redactUrl(url), cause, systemCode: code },
  );
}

/**
 * `promise`, or a rejection with the signal's reason as soon as `signal` aborts: every wait of a
 * download is raced against it, so that a fetch that ignores its signal cannot hang the export.
 * The listener is removed once `promise` settles: a long-lived promise raced against each chunk
 * would keep every chunk reachable, the whole file in memory.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * GETs the signed URL with the raw fetch and no credential header. Until the body has been read,
 * `idleMs` without data (waiting for the headers, or for the next chunk while the reader waits)
 * aborts the download with a TimeoutError; a failure mid-body becomes a NetworkError.
 */
export async function fetchSigned(
  client: TelephonyClient,
  url: string,
  signal: AbortSignal | undefined,
  idleMs: number,
): Promise<SignedGet<ReadableStream<Uint8Array> | null> & { response: Response }> {
  signal?.throwIfAborted();
  const controller = new AbortController();
  const abort = () => controller.abort(signal?.reason);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    if (idleMs) timer = setTimeout(() => controller.abort(downloadStalled(url, idleMs)), idleMs);
  };
  const stop = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  };
  const fail = (cause: unknown) => {
    stop();
    return downloadFailed(
      url,
      controller.signal.aborted ? controller.signal.reason : cause,
      signal,
    );
  };
  signal?.addEventListener('abort', abort, { once: true });
  arm();
  let response: Response;
  try {
    response = await untilAborted(
      client.rawFetch(new Request(url, { method: 'GET', signal: controller.signal })),
      controller.signal,
    );
  } catch (cause) {
    throw fail(cause);
  }
  clearTimeout(timer);
  const reader = response.body?.getReader();
  // Pulled only when its reader asks: a slow consumer is not a stalled server.
  const body =
    reader &&
    new ReadableStream<Uint8Array>(
      {
        async pull(stream) {
          arm();
          let chunk: ReadableStreamReadResult<Uint8Array>;
          try {
            chunk = await untilAborted(reader.read(), controller.signal);
          } catch (cause) {
            reader.cancel().catch(() => {});
            throw fail(cause);
          }
          clearTimeout(timer);
          if (!chunk.done) return stream.enqueue(chunk.value);
          stop();
          stream.close();
        },
        cancel(reason) {
          stop();
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  if (!body) stop();
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: body ?? null,
    text: () => new Response(body).text(),
    response,
  };
}

/** A PCAP that was already requested (see {@link requestPcap}): exported without requesting again. */
export interface PcapJob {
  downloadId: string;
  /**
   * When it was requested (a Date or epoch ms; default now): a 404 within `notFoundGraceMs` of it
   * means "not ready yet", a later one that the platform has forgotten it.
   */
  requestedAt?: Date | number;
}

/** What to export: a SIP search (requested first), or a PCAP already requested. */
export type PcapSource = SipSearchInput | PcapJob;

/** A requested PCAP: keep its `downloadId` to resume the export later (a {@link PcapJob}). */
export interface PcapRequest {
  downloadId: string;
  documentId: string | undefined;
  /** Epoch ms, on the client's clock. */
  requestedAt: number;
}

const isPcapJob = (source: PcapSource): source is PcapJob =>
  typeof (source as PcapJob).downloadId === 'string';

/**
 * Requests the PCAP of `search` (POST /api/v2/telephony/siptraces/download). The search is checked
 * before any request. Pass the answer to exportPcap or exportPcapToFile as the source to wait for
 * and download it, now or after a restart.
 */
export async function requestPcap(
  client: TelephonyClient,
  search: SipSearchInput,
  options: { signal?: AbortSignal } = {},
): Promise<PcapRequest> {
  const { signal } = options;
  signal?.throwIfAborted();
  // A SIPSearchPublicRequest (ISO strings) passes through unchanged.
  const body = sipSearchRequest(search, { now: client.now });
  const requestedAt = client.now();
  const job = await client.unwrap(
    client.POST('/api/v2/telephony/siptraces/download', { body, signal }),
  );
  const downloadId = job?.downloadId;
  if (!downloadId) {
    throw new ApiError({
      status: 200,
      method: 'POST',
      url: `${client.baseUrl}/api/v2/telephony/siptraces/download`,
      code: 'contract.violation',
      message:
        'POST /api/v2/telephony/siptraces/download answered without a downloadId, which the contract promises.',
    });
  }
  return { downloadId, documentId: job.documentId, requestedAt };
}

function pcapJob(client: TelephonyClient, job: PcapJob): PcapRequest {
  const { downloadId } = job;
  if (!downloadId.trim() || /[/?#\s]/.test(downloadId)) {
    throw new ValidationError(
      `downloadId ${JSON.stringify(downloadId.slice(0, 80))} is not a download id: use the downloadId that POST /api/v2/telephony/siptraces/download (requestPcap) answered.`,
      { field: 'downloadId' },
    );
  }
  const requestedAt = job.requestedAt === undefined ? client.now() : Number(job.requestedAt);
  if (!Number.isFinite(requestedAt)) {
    throw new ValidationError('requestedAt must be a valid Date or epoch milliseconds.', {
      field: 'requestedAt',
    });
  }
  return { downloadId, documentId: undefined, requestedAt };
}

/**
 * Requests the PCAP of `source` (unless it is a {@link PcapJob} already requested), waits until its
 * signed URL is ready and GETs it with `get` (which sends no credential), asking for a fresh URL
 * when the storage refuses an expired one. Shared by `exportPcap` (fetch, a ReadableStream) and
 * `exportPcapToFile` (node:http, a Node stream; or the client's own fetch when it was given one).
 */
export async function openPcapDownload<Get extends SignedGet<unknown>>(
  client: TelephonyClient,
  source: PcapSource,
  options: ExportPcapOptions,
  get: (url: string, signal: AbortSignal | undefined) => Promise<Get>,
): Promise<{
  downloadId: string;
  documentId: string | undefined;
  /** The signed URL the download came from. */
  url: string;
  download: Get;
}> {
  const { signal } = options;
  signal?.throwIfAborted();
  const job = isPcapJob(source)
    ? pcapJob(client, source)
    : await requestPcap(client, source, { signal });
  const { downloadId, requestedAt } = job;
  if (!isPcapJob(source)) options.onProgress?.({ phase: 'requested', downloadId });

  const maxRefreshes = options.maxUrlRefreshes ?? 2;
  for (let refresh = 0; ; refresh += 1) {
    const url = await waitForSignedUrl(client, downloadId, requestedAt, options);
    if (refresh === 0) options.onProgress?.({ phase: 'ready', downloadId });
    const response = await get(url, signal);
    if (response.status >= 200 && response.status < 300 && response.body) {
      return { downloadId, documentId: job.documentId, url, download: response };
    }
    // An expired signed URL: storage services answer 403 (S3: AccessDenied, Request has expired).
    const expired = response.status === 403 || response.status === 401;
    const text = await response.text().catch(() => '');
    if (!expired || refresh >= maxRefreshes) {
      // A redirect's Location is a signed URL too.
      const headers = new Headers(response.headers);
      const location = headers.get('location');
      if (location) headers.set('location', redactUrl(location));
      throw new ApiError({
        status: response.status,
        statusText: response.statusText,
        method: 'GET',
        url: redactUrl(url),
        headers,
        body: text.slice(0, 500),
        code: expired ? 'signed.url.expired' : 'pcap.download.failed',
        message: expired
          ? `The signed URL of PCAP ${downloadId} was refused (${response.status}) ${refresh + 1} time(s), even after fetching fresh ones. Check the machine's clock and retry the export.`
          : `Downloading PCAP ${downloadId} from storage failed with ${response.status} ${response.statusText}. Retry the export later.`,
      });
    }
    client.logger?.info?.(
      `PCAP ${downloadId}: the signed URL was refused (${response.status}); fetching a fresh one`,
    );
  }
}

/** The Content-Length of a download, when the storage sent one. */
export function contentLengthOf(headers: Headers): number | undefined {
  const length = Number(headers.get('content-length') ?? Number.NaN);
  return Number.isFinite(length) ? length : undefined;
}

/**
 * Requests the PCAP of a search (or takes one already requested: `{ downloadId }`), waits until it
 * is ready and opens the download. Browser-safe: the file arrives as a ReadableStream (see
 * `exportPcapToFile` in `@telephony-kit/client/node`).
 */
export async function exportPcap(
  client: TelephonyClient,
  source: PcapSource,
  options: ExportPcapOptions = {},
): Promise<PcapDownload> {
  const idleMs = idleTimeoutOf(options);
  const { downloadId, documentId, download } = await openPcapDownload(
    client,
    source,
    options,
    (url, signal) => fetchSigned(client, url, signal, idleMs),
  );
  const { response } = download;
  const contentLength = contentLengthOf(response.headers);
  let bytes = 0;
  const counting = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      options.onProgress?.({ phase: 'downloading', downloadId, bytes, totalBytes: contentLength });
      controller.enqueue(chunk);
    },
    flush() {
      options.onProgress?.({ phase: 'done', downloadId, bytes });
    },
  });
  return {
    downloadId,
    documentId,
    body: (download.body as ReadableStream<Uint8Array>).pipeThrough(counting),
    contentLength,
    response,
  };
}
