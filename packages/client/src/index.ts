export type { HistoryLike, LocationLike, StorageLike } from './auth/browser-env';
export type { ClientCredentialsAuth, ClientCredentialsOptions } from './auth/client-credentials';
export { clientCredentials } from './auth/client-credentials';
export type { CryptoLike } from './auth/encoding';
export type { ImplicitGrantAuth, ImplicitGrantOptions } from './auth/implicit';
export { implicitGrant } from './auth/implicit';
export type { PkceAuth, PkceOptions, RedirectLoginAuth, RedirectLoginResult } from './auth/pkce';
export { codeChallenge, pkce } from './auth/pkce';
export type { StaticTokenAuth, TokenSource } from './auth/static-token';
export { staticToken } from './auth/static-token';
export type {
  TelephonyClient,
  TelephonyClientExtras,
  TelephonyClientOptions,
} from './create-client';
export { createTelephonyClient } from './create-client';
export type { ApiErrorInit, AuthErrorInit, TelephonyErrorOptions } from './errors';
export {
  ApiError,
  AuthError,
  fillMessageParams,
  NetworkError,
  RateLimitError,
  TelephonyError,
  TimeoutError,
  ValidationError,
} from './errors';
export type {
  ExportPcapOptions,
  PcapDownload,
  PcapJob,
  PcapProgress,
  PcapRequest,
  PcapSource,
} from './pcap/export-pcap';
export { exportPcap, requestPcap } from './pcap/export-pcap';
export type { CaptureFormat } from './pcap/pcap-magic';
export { captureFormat } from './pcap/pcap-magic';
export type { RegionAlias, RegionName, ResolvedRegion } from './regions';
export { isLoopbackHost, regions, resolveRegion } from './regions';
export type { DateInput } from './sip-traces/resolve-date';
export { resolveDate } from './sip-traces/resolve-date';
export type { CallOptions } from './sip-traces/search-sip-traces';
export { getSipHeaders, getSipMessage, searchSipTraces } from './sip-traces/search-sip-traces';
export type { SipSearch, SipSearchInput } from './sip-traces/sip-search';
export { assertUuid, sipSearch, sipSearchRequest } from './sip-traces/sip-search';
export type {
  AuthContext,
  AuthStrategy,
  FetchLike,
  Logger,
  RateLimitOptions,
  RetryOptions,
  Sleep,
  WaitEvent,
  WaitReason,
} from './types';
export type { UnwrapOptions, UnwrappedData } from './unwrap';
export { unwrap } from './unwrap';
