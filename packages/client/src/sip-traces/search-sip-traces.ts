// SIP metadata and messages, with the input checked before any request.
import type { Callheader, Callmessage, SipSearchResult } from '@telephony-kit/models';
import type { TelephonyClient } from '../create-client';
import { assertUuid, type SipSearchInput, sipSearch } from './sip-search';

export interface CallOptions {
  signal?: AbortSignal;
}

/** `GET /api/v2/telephony/siptraces` with a validated search (dates may be relative: `2h`). */
export async function searchSipTraces(
  client: TelephonyClient,
  input: Omit<SipSearchInput, 'participantId'>,
  options: CallOptions = {},
): Promise<SipSearchResult> {
  const { participantId: _ignored, ...query } = sipSearch(input, { now: client.now });
  return client.unwrap(
    client.GET('/api/v2/telephony/siptraces', { params: { query }, signal: options.signal }),
  );
}

/** The raw SIP message of a conversation. */
export async function getSipMessage(
  client: TelephonyClient,
  conversationId: string,
  options: CallOptions = {},
): Promise<Callmessage> {
  assertUuid(conversationId, 'conversationId');
  return client.unwrap(
    client.GET('/api/v2/telephony/sipmessages/conversations/{conversationId}', {
      params: { path: { conversationId: conversationId.trim() } },
      signal: options.signal,
    }),
  );
}

/** The parsed SIP headers of a conversation, optionally only `keys` (such as ruri, to, from). */
export async function getSipHeaders(
  client: TelephonyClient,
  conversationId: string,
  options: CallOptions & { keys?: string[] } = {},
): Promise<Callheader> {
  assertUuid(conversationId, 'conversationId');
  return client.unwrap(
    client.GET('/api/v2/telephony/sipmessages/conversations/{conversationId}/headers', {
      params: {
        path: { conversationId: conversationId.trim() },
        ...(options.keys?.length ? { query: { keys: options.keys } } : {}),
      },
      signal: options.signal,
    }),
  );
}
