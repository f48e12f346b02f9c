// The raw SIP of a conversation and the parsed headers of its initial INVITE.
import type { HomerRecord } from '@telephony-kit/models';
import { parseSipHeaders } from '../data/sip-message';
import { ApiError } from '../errors';
import type { OperationHandler } from '../operation-handler';
import type { EmulatorState } from '../state';

const BASE = '/api/v2/telephony/sipmessages/conversations';

/** RFC 3261 compact header names, so `keys=f` finds `from`. */
const COMPACT: Record<string, string> = {
  c: 'content-type',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  s: 'subject',
  t: 'to',
  v: 'via',
};

function conversationMessages(state: EmulatorState, conversationId: string): HomerRecord[] {
  const conversation = state.lookup.conversations.get(conversationId);
  const records = state.index.conversationRecords(conversationId, conversation?.callIds ?? []);
  if (records.length === 0) throw new ApiError('not.found', { entityId: conversationId });
  return records;
}

function initialInvite(records: HomerRecord[]): HomerRecord {
  return (records.find((r) => r.method === 'INVITE') ?? records[0]) as HomerRecord;
}

function startLine(record: HomerRecord): string {
  return (record.msg ?? '').split('\r\n', 1)[0] ?? '';
}

/** "INVITE sip:+1317…@example.com": the start line without the SIP version. */
function nameOf(record: HomerRecord): string {
  return startLine(record).replace(/\s+SIP\/2\.0$/, '');
}

export const getTelephonySipmessagesConversation: OperationHandler<
  'getTelephonySipmessagesConversation'
> = ({ state, params }) => {
  const records = conversationMessages(state, params.conversationId);
  return {
    status: 200,
    json: {
      id: params.conversationId,
      name: nameOf(initialInvite(records)),
      message: records.map((r) => r.msg ?? '').join(''),
      selfUri: `${BASE}/${encodeURIComponent(params.conversationId)}`,
    },
  };
};

export const getTelephonySipmessagesConversationHeaders: OperationHandler<
  'getTelephonySipmessagesConversationHeaders'
> = ({ state, params, url }) => {
  const invite = initialInvite(conversationMessages(state, params.conversationId));
  const parsed: Record<string, string[]> = {
    ruri: [invite.ruri || (startLine(invite).split(' ')[1] ?? '')],
    ...parseSipHeaders(invite.msg ?? ''),
  };
  // `keys=ruri&keys=to` and `keys=ruri,to` mean the same.
  const keys = url.searchParams
    .getAll('keys')
    .flatMap((value) => value.split(','))
    .map((key) => key.trim().toLowerCase())
    .filter((key) => key !== '');
  let headers = parsed;
  if (keys.length > 0) {
    headers = {};
    for (const key of keys) {
      const values = parsed[COMPACT[key] ?? key];
      if (values) headers[key] = values;
    }
  }
  return {
    status: 200,
    json: {
      id: params.conversationId,
      name: nameOf(invite),
      headers,
      selfUri: `${BASE}/${encodeURIComponent(params.conversationId)}/headers`,
    },
  };
};
