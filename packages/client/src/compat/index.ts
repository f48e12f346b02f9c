export {
  ApiError,
  AuthError,
  NetworkError,
  RateLimitError,
  TelephonyError,
  TimeoutError,
  ValidationError,
} from '../errors';
export type { ApiClientConfiguration, AuthData, ExtendedResponse, Gateway } from './api-client';
export { ApiClient, PureCloudRegionHosts } from './api-client';
export type { CompatResult } from './telephony-api';
export { TelephonyApi } from './telephony-api';
