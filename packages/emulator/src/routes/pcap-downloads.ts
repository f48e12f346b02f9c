// Asynchronous PCAP jobs: POST creates one, GET answers 202 + Retry-After until it is ready on the
// emulator's clock, then a signed URL served by the emulator's own storage route.
import { toSipSearch } from '../date-range';
import { ApiError } from '../errors';
import { addJob } from '../housekeeping';
import type { OperationHandler } from '../operation-handler';
import type { PcapJob } from '../state';

const PAD_HEADER = 'x-emulator-pcap-pad-to-bytes';

export function storagePath(downloadId: string): string {
  return `/__storage/pcap/${encodeURIComponent(downloadId)}.pcap`;
}

export const postTelephonySiptracesDownload: OperationHandler<'postTelephonySiptracesDownload'> = ({
  state,
  json,
  token,
  req,
}) => {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ApiError('bad.request', {
      messageWithParams: 'The request body must be a SIPSearchPublicRequest JSON object.',
    });
  }
  const body = json as Record<string, unknown>;
  const search = toSipSearch(body);
  const padHeader = req.headers[PAD_HEADER];
  const padToBytes =
    typeof padHeader === 'string' && /^\d+$/.test(padHeader)
      ? Number(padHeader)
      : state.settings.pcapPadToBytes;
  const now = state.clock.now();
  const job: PcapJob = {
    downloadId: state.ids.uuid(),
    documentId: state.ids.uuid(),
    clientId: token?.clientId ?? '',
    createdAt: now,
    readyAt: now + state.settings.pcapReadyAfterMs,
    search,
    ...(padToBytes !== undefined && { padToBytes }),
  };
  addJob(state, job);
  return { status: 200, json: { downloadId: job.downloadId, documentId: job.documentId } };
};

export const getTelephonySiptracesDownloadDownloadId: OperationHandler<
  'getTelephonySiptracesDownloadDownloadId'
> = ({ state, params, origin }) => {
  const job = state.jobs.get(params.downloadId);
  if (!job) throw new ApiError('not.found', { entityId: params.downloadId });
  const fate = state.faults.pcapFate('getTelephonySiptracesDownloadDownloadId');
  if (fate === 'fail') {
    throw new ApiError('internal.server.error', {
      messageWithParams: 'The PCAP file {downloadId} could not be prepared.',
      params: { downloadId: job.downloadId },
      entityId: job.downloadId,
    });
  }
  const now = state.clock.now();
  if (fate === 'never-ready' || now < job.readyAt) {
    const wait = fate === 'never-ready' ? 1 : Math.max(1, Math.ceil((job.readyAt - now) / 1000));
    return { status: 202, headers: { 'Retry-After': String(wait) } };
  }
  const signed = state.signer.sign(
    storagePath(job.downloadId),
    now,
    state.settings.signedUrlLifetimeSeconds,
  );
  return {
    status: 200,
    json: {
      id: job.downloadId,
      name: `${job.downloadId}.pcap`,
      url: `${origin}${signed}`,
      selfUri: `/api/v2/telephony/siptraces/download/${encodeURIComponent(job.downloadId)}`,
    },
  };
};
