// The official SDK's TelephonyApi: the nine methods with their positional signatures, resolving
// with the data (or an extended response) and rejecting with ApiError / AuthError.
import type {
  Callheader,
  Callmessage,
  MediaRegions,
  PhoneAddressData,
  SIPSearchPublicRequest,
  SignedUrlResponse,
  SipDownloadResponse,
  SipSearchResult,
} from '@telephony-kit/models';
import { ValidationError } from '../errors';
import { ApiClient, type ExtendedResponse } from './api-client';

/**
 * The body; with `setReturnExtendedResponses(true)` an {@link ExtendedResponse} instead (typed as
 * the body, as in the official SDK's typings).
 */
export type CompatResult<T> = Promise<T>;

function required(value: unknown, name: string, method: string): void {
  if (value === undefined || value === null) {
    throw new ValidationError(`Missing the required parameter '${name}' when calling ${method}`, {
      field: name,
    });
  }
}

function isoDate(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function defined<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== undefined && v !== null),
  ) as Partial<T>;
}

export class TelephonyApi {
  readonly apiClient: ApiClient;

  /** `new TelephonyApi()` uses ApiClient.instance; pass another ApiClient to use that one. */
  constructor(apiClient?: ApiClient) {
    this.apiClient = apiClient ?? ApiClient.instance;
  }

  /** Argument errors reject too (the official SDK throws a string synchronously). */
  #call<T>(run: () => Promise<unknown>): CompatResult<T> {
    return (async () => run())() as CompatResult<T>;
  }

  /** GET /api/v2/telephony/mediaregions */
  getTelephonyMediaregions(): CompatResult<MediaRegions> {
    return this.#call(() => this.apiClient.callApi((c) => c.GET('/api/v2/telephony/mediaregions')));
  }

  /** GET /api/v2/telephony/phone/{phoneId}/settings (internal to the platform) */
  getTelephonyPhonePhoneIdSettings(phoneId: string): CompatResult<PhoneAddressData> {
    return this.#call(() => {
      required(phoneId, 'phoneId', 'getTelephonyPhonePhoneIdSettings');
      return this.apiClient.callApi((c) =>
        c.GET('/api/v2/telephony/phone/{phoneId}/settings', { params: { path: { phoneId } } }),
      );
    });
  }

  /** GET /api/v2/telephony/phonehome/phoneconfiguration/{hardwareId} (no token; internal) */
  getTelephonyPhonehomePhoneconfigurationHardwareId(
    hardwareId: string,
  ): CompatResult<Record<string, unknown>> {
    return this.#call(() => {
      required(hardwareId, 'hardwareId', 'getTelephonyPhonehomePhoneconfigurationHardwareId');
      return this.apiClient.callApi((c) =>
        c.GET('/api/v2/telephony/phonehome/phoneconfiguration/{hardwareId}', {
          params: { path: { hardwareId } },
        }),
      );
    });
  }

  /** GET /api/v2/telephony/sipmessages/conversations/{conversationId} */
  getTelephonySipmessagesConversation(conversationId: string): CompatResult<Callmessage> {
    return this.#call(() => {
      required(conversationId, 'conversationId', 'getTelephonySipmessagesConversation');
      return this.apiClient.callApi((c) =>
        c.GET('/api/v2/telephony/sipmessages/conversations/{conversationId}', {
          params: { path: { conversationId } },
        }),
      );
    });
  }

  /** GET /api/v2/telephony/sipmessages/conversations/{conversationId}/headers */
  getTelephonySipmessagesConversationHeaders(
    conversationId: string,
    opts: { keys?: string[] } = {},
  ): CompatResult<Callheader> {
    return this.#call(() => {
      required(conversationId, 'conversationId', 'getTelephonySipmessagesConversationHeaders');
      const keys = opts?.keys;
      return this.apiClient.callApi((c) =>
        c.GET('/api/v2/telephony/sipmessages/conversations/{conversationId}/headers', {
          params: { path: { conversationId }, ...(keys?.length ? { query: { keys } } : {}) },
        }),
      );
    });
  }

  /** GET /api/v2/telephony/siptraces */
  getTelephonySiptraces(
    dateStart: Date | string,
    dateEnd: Date | string,
    opts: { callId?: string; toUser?: string; fromUser?: string; conversationId?: string } = {},
  ): CompatResult<SipSearchResult> {
    return this.#call(() => {
      required(dateStart, 'dateStart', 'getTelephonySiptraces');
      required(dateEnd, 'dateEnd', 'getTelephonySiptraces');
      const query = {
        dateStart: isoDate(dateStart),
        dateEnd: isoDate(dateEnd),
        ...defined({
          callId: opts?.callId,
          toUser: opts?.toUser,
          fromUser: opts?.fromUser,
          conversationId: opts?.conversationId,
        }),
      };
      return this.apiClient.callApi((c) =>
        c.GET('/api/v2/telephony/siptraces', { params: { query } }),
      );
    });
  }

  /** GET /api/v2/telephony/siptraces/download/{downloadId} */
  getTelephonySiptracesDownloadDownloadId(downloadId: string): CompatResult<SignedUrlResponse> {
    return this.#call(() => {
      required(downloadId, 'downloadId', 'getTelephonySiptracesDownloadDownloadId');
      return this.apiClient.callApi((c) =>
        c.GET('/api/v2/telephony/siptraces/download/{downloadId}', {
          params: { path: { downloadId } },
        }),
      );
    });
  }

  /** POST /api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot (internal) */
  postTelephonyProvidersEdgesSiteSchedulereboot(siteId: string): CompatResult<undefined> {
    return this.#call(() => {
      required(siteId, 'siteId', 'postTelephonyProvidersEdgesSiteSchedulereboot');
      return this.apiClient.callApi((c) =>
        c.POST('/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot', {
          params: { path: { siteId } },
        }),
      );
    });
  }

  /** POST /api/v2/telephony/siptraces/download */
  postTelephonySiptracesDownload(
    sIPSearchPublicRequest:
      | SIPSearchPublicRequest
      | (Omit<SIPSearchPublicRequest, 'dateStart' | 'dateEnd'> & {
          dateStart?: Date | string;
          dateEnd?: Date | string;
        }),
  ): CompatResult<SipDownloadResponse> {
    return this.#call(() => {
      required(sIPSearchPublicRequest, 'sIPSearchPublicRequest', 'postTelephonySiptracesDownload');
      const { dateStart, dateEnd, ...rest } = sIPSearchPublicRequest;
      const body = {
        ...rest,
        ...(dateStart === undefined ? {} : { dateStart: isoDate(dateStart) }),
        ...(dateEnd === undefined ? {} : { dateEnd: isoDate(dateEnd) }),
      } as SIPSearchPublicRequest;
      return this.apiClient.callApi((c) =>
        c.POST('/api/v2/telephony/siptraces/download', { body }),
      );
    });
  }
}
