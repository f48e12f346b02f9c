// The public API's types: typed paths, parameters, results, auth options and errors.
import type {
  Callheader,
  ErrorBody,
  MediaRegions,
  SipDownloadResponse,
  SipSearchResult,
} from '@telephony-kit/models';
import { describe, expectTypeOf, it } from 'vitest';
import { ApiClient, TelephonyApi } from '../src/compat/index';
import {
  type ApiError,
  clientCredentials,
  createTelephonyClient,
  exportPcap,
  type PcapDownload,
  type PcapRequest,
  pkce,
  type RateLimitError,
  requestPcap,
  staticToken,
  type TelephonyClient,
} from '../src/index';
import { type ExportPcapToFileResult, exportPcapToFile } from '../src/node';

declare const client: TelephonyClient;

describe('createTelephonyClient', () => {
  it('types data and error of every call', async () => {
    const result = await client.GET('/api/v2/telephony/mediaregions');
    if (result.error) expectTypeOf(result.error).toEqualTypeOf<ErrorBody>();
    else expectTypeOf(result.data).toEqualTypeOf<MediaRegions>();
    expectTypeOf(
      await client.unwrap(client.GET('/api/v2/telephony/mediaregions')),
    ).toEqualTypeOf<MediaRegions>();
    expectTypeOf(
      await client.unwrap(
        client.GET('/api/v2/telephony/siptraces', {
          params: { query: { dateStart: '2026-11-26T10:00:00Z', dateEnd: '2026-11-26T11:00:00Z' } },
        }),
      ),
    ).toEqualTypeOf<SipSearchResult>();
    expectTypeOf(
      await client.unwrap(
        client.POST('/api/v2/telephony/siptraces/download', {
          body: { dateStart: '2026-11-26T10:00:00Z', dateEnd: '2026-11-26T11:00:00Z' },
        }),
      ),
    ).toEqualTypeOf<SipDownloadResponse>();
    expectTypeOf(
      await client.unwrap(
        client.POST('/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot', {
          params: { path: { siteId: 's' } },
        }),
      ),
    ).toEqualTypeOf<undefined>();
  });

  it('rejects unknown paths, missing path parameters and wrong bodies', () => {
    // @ts-expect-error not an operation of the Telephony API
    void client.GET('/api/v2/telephony/edges');
    // @ts-expect-error the siptraces search is a GET, not a DELETE
    void client.DELETE('/api/v2/telephony/siptraces');
    void client.GET('/api/v2/telephony/sipmessages/conversations/{conversationId}', {
      // @ts-expect-error conversationId is a required path parameter
      params: { path: {} },
    });
    // @ts-expect-error the params with the path parameter are missing altogether
    void client.GET('/api/v2/telephony/sipmessages/conversations/{conversationId}/headers');
    // @ts-expect-error dateEnd is required
    void client.GET('/api/v2/telephony/siptraces', { params: { query: { dateStart: 'x' } } });
    // @ts-expect-error dateEnd is required in the download request body
    void client.POST('/api/v2/telephony/siptraces/download', { body: { dateStart: 'x' } });
    void client.GET('/api/v2/telephony/sipmessages/conversations/{conversationId}/headers', {
      // @ts-expect-error keys is an array of strings
      params: { path: { conversationId: 'c' }, query: { keys: 'ruri' } },
    });
  });

  it('accepts the auth strategies and rejects anything else', () => {
    createTelephonyClient({ region: 'eu-west-1', auth: 'token' });
    createTelephonyClient({ region: 'eu_west_1', auth: staticToken(async () => 'token') });
    createTelephonyClient({
      baseUrl: 'http://127.0.0.1:8787',
      auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
    });
    createTelephonyClient({
      region: 'mypurecloud.ie',
      auth: pkce({ clientId: 'a', redirectUri: 'https://app/cb' }),
    });
    // @ts-expect-error auth takes a strategy (clientCredentials({...})), not its options
    createTelephonyClient({ region: 'eu-west-1', auth: { clientId: 'a', clientSecret: 'b' } });
    // @ts-expect-error auth is a strategy or a token string
    createTelephonyClient({ region: 'eu-west-1', auth: 42 });
    // @ts-expect-error clientSecret is required
    clientCredentials({ clientId: 'a' });
    // @ts-expect-error region and baseUrl exclude each other
    createTelephonyClient({ region: 'eu-west-1', baseUrl: 'http://127.0.0.1:1' });
    // @ts-expect-error retry waits are numbers of milliseconds
    createTelephonyClient({ region: 'eu-west-1', retry: { maxRetries: '3' } });
  });

  it('types the errors', () => {
    expectTypeOf<RateLimitError>().toExtend<ApiError>();
    expectTypeOf<ApiError['status']>().toEqualTypeOf<number>();
    expectTypeOf<ApiError['body']>().toEqualTypeOf<ErrorBody | string | undefined>();
    expectTypeOf<RateLimitError['retryAfterMs']>().toEqualTypeOf<number>();
  });
});

describe('compat', () => {
  it('keeps the official positional signatures', () => {
    const api = new TelephonyApi(ApiClient.instance);
    expectTypeOf(
      api.getTelephonySipmessagesConversationHeaders('c', { keys: ['ruri'] }),
    ).toEqualTypeOf<Promise<Callheader>>();
    expectTypeOf(
      api.getTelephonySiptraces(new Date(), '2026-11-26T11:00:00Z', { callId: 'x' }),
    ).toEqualTypeOf<Promise<SipSearchResult>>();
    // @ts-expect-error siteId is required
    void api.postTelephonyProvidersEdgesSiteSchedulereboot();
    // @ts-expect-error keys is an array
    void api.getTelephonySipmessagesConversationHeaders('c', { keys: 'ruri' });
  });
});

describe('PCAP export', () => {
  it('takes a search or a PCAP already requested', () => {
    expectTypeOf(requestPcap(client, { dateStart: '2h', conversationId: 'c' })).toEqualTypeOf<
      Promise<PcapRequest>
    >();
    expectTypeOf(exportPcap(client, { downloadId: 'd', requestedAt: new Date() })).toEqualTypeOf<
      Promise<PcapDownload>
    >();
    expectTypeOf(
      exportPcapToFile(client, { dateStart: '1h', callId: 'x' }, 'f.pcap'),
    ).toEqualTypeOf<Promise<ExportPcapToFileResult>>();
    // @ts-expect-error a search needs dateStart
    void exportPcap(client, { callId: 'x' });
    // @ts-expect-error a downloadId is a string
    void exportPcapToFile(client, { downloadId: 42 }, 'f.pcap');
  });
});
