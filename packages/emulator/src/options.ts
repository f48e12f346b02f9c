// The options of createEmulator and the handle it answers.
import type { ClientConfig } from './clients';
import type { Clock, EmulatorClock } from './clock';
import type { Dataset } from './data/generate-dataset';
import type { FaultRule } from './faults';
import type { RebootRecord, RequestLogEntry } from './state';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds the data set, the ids and the random faults. Default 42. */
  seed?: number;
  /** Where time comes from (default: the system clock). The emulator adds its own offset for /__emulator/clock. */
  clock?: Clock;
  /** OAuth clients in addition to the two default ones (a client with the same id replaces one). */
  clients?: ClientConfig[];
  /** Lifetime of issued access tokens. Default 86400 (24 hours). */
  tokenLifetimeSeconds?: number;
  /** Per-token rate limit (default 300 requests per minute), or false for none. */
  rateLimit?: { requestsPerMinute: number } | false;
  /** Faults active from the start (see FaultRule). */
  faults?: FaultRule[];
  /** How long a PCAP job takes to become ready, on the emulator's clock. Default 2000. */
  pcapReadyAfterMs?: number;
  /** Pads every PCAP file to at least this many bytes (for streaming benchmarks). */
  pcapPadToBytes?: number;
  /** Lifetime of signed storage URLs. Default 300. */
  signedUrlLifetimeSeconds?: number;
  /** How long a scheduled reboot stays pending (409 for another one). Default 120000. */
  rebootPendingMs?: number;
  /** Serves the control endpoint under /__emulator/. Default false. */
  control?: boolean;
  /**
   * The data set: a ready Dataset, or the size of the generated one (`days` back from the clock's
   * now, `calls` conversations). Default: the generator's defaults.
   */
  dataset?: Dataset | { days?: number; calls?: number };
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  permissions: readonly string[];
}

export interface EmulatorCredentials {
  /** `telephony-kit-demo`: every permission of the contract. */
  demo: ClientCredentials;
  /** `telephony-kit-viewer`: telephony:pcap:view and telephony:plugin:all only. */
  viewer: ClientCredentials;
}

export interface ResetOptions {
  /** Also forget the issued tokens (kept by default, so a test's token survives a reset). */
  tokens?: boolean;
}

export interface Emulator {
  /** `http://host:port`, without a trailing slash: both the API and the login base URL. */
  readonly url: string;
  readonly credentials: EmulatorCredentials;
  /** The request log, oldest first (live; cleared by reset). */
  readonly requests: readonly RequestLogEntry[];
  /** Reboots scheduled through schedulereboot (live; cleared by reset). */
  readonly reboots: readonly RebootRecord[];
  /** The emulator's clock: `advance` and `set` move time for tokens, PCAP jobs, rate windows. */
  readonly clock: EmulatorClock;
  readonly dataset: Dataset;
  /** Replaces the active faults. */
  setFaults(rules: FaultRule[]): void;
  /** Forgets PCAP jobs, reboots, rate windows, the request log and expired tokens; restores the initial faults. */
  reset(options?: ResetOptions): void;
  /** Stops listening and closes open connections. Safe to call twice. */
  close(): Promise<void>;
}
