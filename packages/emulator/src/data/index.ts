export {
  type Conversation,
  type Dataset,
  type DatasetOptions,
  generateDataset,
  type Phone,
  type Site,
} from './generate-dataset';
export { normalizeHardwareId } from './normalize-hardware-id';
export { createRandom, type Random } from './random';
export { parseSipHeaders, renderSipMessage, requestUri, sipBody } from './sip-message';
