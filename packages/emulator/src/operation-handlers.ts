// One handler per operation of the contract; the mapped type makes a missing one a compile error.
import type { OperationHandlers } from './operation-handler';
import { getTelephonyMediaregions } from './routes/media-regions';
import {
  getTelephonySiptracesDownloadDownloadId,
  postTelephonySiptracesDownload,
} from './routes/pcap-downloads';
import {
  getTelephonyPhonehomePhoneconfigurationHardwareId,
  getTelephonyPhonePhoneIdSettings,
} from './routes/phones';
import {
  getTelephonySipmessagesConversation,
  getTelephonySipmessagesConversationHeaders,
} from './routes/sip-messages';
import { getTelephonySiptraces } from './routes/sip-traces';
import { postTelephonyProvidersEdgesSiteSchedulereboot } from './routes/sites';

export const operationHandlers: OperationHandlers = {
  getTelephonyMediaregions,
  getTelephonyPhonePhoneIdSettings,
  getTelephonyPhonehomePhoneconfigurationHardwareId,
  getTelephonySipmessagesConversation,
  getTelephonySipmessagesConversationHeaders,
  getTelephonySiptraces,
  getTelephonySiptracesDownloadDownloadId,
  postTelephonyProvidersEdgesSiteSchedulereboot,
  postTelephonySiptracesDownload,
};
