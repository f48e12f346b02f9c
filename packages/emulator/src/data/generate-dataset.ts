// The emulator's deterministic data set: the same seed and `now` give byte-identical output.
// Work is linear in `calls` (plus one sort of the records), so ~12,000 calls stay fast.
import type {
  DomainEntityRef,
  HomerRecord,
  MediaRegions,
  PhoneAddressData,
} from '@telephony-kit/models';
import { buildInventory } from './build-inventory';
import {
  type FlowContext,
  generateCall,
  generateKeepalive,
  generateRegistration,
  generateUnmatchedInvite,
  MAX_CALL_MICROS,
} from './call-flows';
import { createRandom } from './random';

export { normalizeHardwareId } from './normalize-hardware-id';

export interface DatasetOptions {
  /** Default 42. */
  seed?: number;
  /** Every call ends before this instant. */
  now: Date;
  /** Calls start within this many days before `now`; default 3. */
  days?: number;
  /** Number of conversations; default 200. */
  calls?: number;
}

export interface Conversation {
  conversationId: string;
  startTime: string;
  endTime: string;
  outcome: 'completed' | 'busy' | 'cancelled' | 'unavailable' | 'timeout';
  callIds: string[];
  participants: {
    participantId: string;
    purpose: 'customer' | 'agent' | 'ivr' | 'external';
    address: string;
  }[];
}

export interface Phone {
  phoneId: string;
  name: string;
  /** A MAC as 12 lowercase hex digits, or a softphone FQDN. */
  hardwareId: string;
  siteId: string;
  settings: PhoneAddressData;
  /** What phonehome returns for this phone. */
  configuration: Record<string, unknown>;
}

export interface Site {
  siteId: string;
  name: string;
  edges: DomainEntityRef[];
}

export interface Dataset {
  /** One per SIP message, sorted by microTs ascending; ids are "1", "2", … in that order. */
  records: HomerRecord[];
  /** Sorted by startTime ascending. */
  conversations: Conversation[];
  phones: Phone[];
  sites: Site[];
  mediaRegions: MediaRegions;
}

const DAY_MICROS = 86_400_000_000;

export function generateDataset(options: DatasetOptions): Dataset {
  const seed = options.seed ?? 42;
  const days = options.days ?? 3;
  const calls = options.calls ?? 200;
  const nowMs = options.now instanceof Date ? options.now.getTime() : Number.NaN;
  if (!Number.isFinite(nowMs)) throw new TypeError('generateDataset: `now` must be a valid Date');
  if (!(days > 0)) throw new RangeError('generateDataset: `days` must be greater than 0');
  if (!Number.isInteger(calls) || calls < 0) {
    throw new RangeError('generateDataset: `calls` must be a non-negative integer');
  }

  const random = createRandom(seed);
  const inventory = buildInventory(random);
  const sink: HomerRecord[] = [];
  const ctx: FlowContext = { random, sink };

  const nowMicros = nowMs * 1000;
  const windowStart = nowMicros - Math.round(days * DAY_MICROS);
  // Calls start early enough to end before `now`; a window shorter than that starts them all at
  // its beginning (see docs/DATASET.md).
  const latestStart = Math.max(windowStart, nowMicros - MAX_CALL_MICROS);
  const startIn = (end: number) => windowStart + Math.floor(random.next() * (end - windowStart));

  const conversations = [];
  for (let i = 0; i < calls; i++) {
    conversations.push(generateCall(ctx, random.pick(inventory.sites), startIn(latestStart)));
  }
  // Out-of-dialog traffic, scaled with the number of calls so the mix stays similar.
  const quietEnd = Math.max(windowStart, nowMicros - 1_000_000);
  const keepalives = Math.max(6, Math.ceil(calls / 10));
  for (let i = 0; i < keepalives; i++) {
    generateKeepalive(ctx, random.pick(inventory.sites), startIn(quietEnd));
  }
  const registrations = Math.max(inventory.phones.length, Math.ceil(calls / 20));
  for (let i = 0; i < registrations; i++) {
    const phone = inventory.phones[i % inventory.phones.length];
    if (phone) generateRegistration(ctx, phone, startIn(quietEnd));
  }
  const unmatched = Math.max(2, Math.ceil(calls / 50));
  for (let i = 0; i < unmatched; i++) {
    generateUnmatchedInvite(ctx, random.pick(inventory.sites), startIn(quietEnd));
  }

  const times = new Float64Array(sink.length);
  const order = new Uint32Array(sink.length);
  for (let i = 0; i < sink.length; i++) {
    times[i] = Number((sink[i] as HomerRecord).microTs);
    order[i] = i;
  }
  // Stable on ties: generation order decides, so the output stays deterministic.
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  const records = Array.from(order, (index, position) => {
    const record = sink[index] as HomerRecord;
    record.id = String(position + 1);
    return record;
  });
  conversations.sort((a, b) =>
    a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0,
  );

  return {
    records,
    conversations,
    phones: inventory.phones.map((node) => node.phone),
    sites: inventory.sites.map((node) => node.site),
    mediaRegions: inventory.mediaRegions,
  };
}
