// Everything an emulator instance remembers, in one place so that reset() is easy to get right.
import type { IncomingMessage } from 'node:http';
import type { ClientConfig } from './clients';
import type { EmulatorClock } from './clock';
import type { Conversation, Dataset, Phone, Site } from './data/generate-dataset';
import type { Random } from './data/random';
import type { Faults } from './faults';
import type { RateLimiter } from './rate-limit';
import type { UrlSigner } from './signed-url';
import type { SipIndex, SipSearch } from './sip-index';

export interface TokenRecord {
  accessToken: string;
  clientId: string;
  permissions: readonly string[];
  grant: 'client_credentials' | 'authorization_code' | 'implicit';
  issuedAt: number;
  expiresAt: number;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  expiresAt: number;
}

export interface PcapJob {
  downloadId: string;
  documentId: string;
  clientId: string;
  createdAt: number;
  readyAt: number;
  search: SipSearch;
  padToBytes?: number;
}

export interface RebootRecord {
  siteId: string;
  siteName: string;
  clientId: string;
  /** ISO-8601, on the emulator's clock. */
  requestedAt: string;
  /** Until then another schedulereboot of the site answers 409. */
  pendingUntil: string;
}

/** One line of the request log. Never holds token values or signed-URL signatures. */
export interface RequestLogEntry {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The contract's operationId, a pseudo id (`oauth.token`, `oauth.authorize`, `tokens.me`, `storage.pcap`, `control`), or null for an unknown route. */
  operationId: string | null;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  /** ISO-8601, on the emulator's clock. */
  time: string;
  hasAuthorization: boolean;
  correlationId: string;
  clientId?: string;
  /** The fault that was injected, if any. */
  fault?: 'status' | 'drop' | 'truncate';
}

export interface ResolvedSettings {
  tokenLifetimeSeconds: number;
  pcapReadyAfterMs: number;
  pcapPadToBytes: number | undefined;
  signedUrlLifetimeSeconds: number;
  rebootPendingMs: number;
  control: boolean;
}

export interface EmulatorState {
  settings: ResolvedSettings;
  clock: EmulatorClock;
  dataset: Dataset;
  index: SipIndex;
  lookup: {
    phones: Map<string, Phone>;
    /** By normalized hardware id (12 lowercase hex digits, or a lowercased FQDN). */
    phonesByHardwareId: Map<string, Phone>;
    sites: Map<string, Site>;
    conversations: Map<string, Conversation>;
  };
  /** A Homer-style session id, stable for one search on one emulator. */
  searchSid(search: string): string;
  clients: Map<string, ClientConfig>;
  tokens: Map<string, TokenRecord>;
  codes: Map<string, AuthorizationCode>;
  jobs: Map<string, PcapJob>;
  reboots: RebootRecord[];
  requests: RequestLogEntry[];
  faults: Faults;
  rateLimiter: RateLimiter;
  signer: UrlSigner;
  /** Seeded ids (download and document ids) so that a seed replays the same ids. */
  ids: Random;
}

/** What every route gets. */
export interface RouteContext {
  state: EmulatorState;
  req: IncomingMessage;
  url: URL;
  /** `http://host:port` as the client addressed the emulator. */
  origin: string;
  correlationId: string;
  body: Buffer;
  log: RequestLogEntry;
}
