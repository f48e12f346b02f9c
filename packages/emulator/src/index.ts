export type { ClientConfig } from './clients';
export {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  VIEWER_CLIENT_ID,
  VIEWER_CLIENT_SECRET,
} from './clients';
export { type Clock, createManualClock, type EmulatorClock } from './clock';
export { createEmulator } from './create-emulator';
export type { Dataset } from './data/generate-dataset';
export type { FaultRule, FaultStatus, FaultStep } from './faults';
export type {
  ClientCredentials,
  Emulator,
  EmulatorCredentials,
  EmulatorOptions,
  ResetOptions,
} from './options';
export type { RebootRecord, RequestLogEntry } from './state';
