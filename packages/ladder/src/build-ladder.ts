// Homer records → the ladder model: validated, time-ordered, duplicate captures folded, columns per
// host:port, dialogs per Call-ID with B2BUA legs linked through `callidAleg`.
import { LadderInputError } from './ladder-input-error';
import type {
  BuildLadderOptions,
  HomerRecord,
  LadderDialog,
  LadderMessage,
  LadderModel,
  LadderParticipant,
  LadderWarning,
  MessageClass,
} from './types';

const DEFAULT_EPHEMERAL_PORT_MIN = 49152;
const DEFAULT_DUPLICATE_TOLERANCE_MS = 50;

interface Endpoint {
  ip: string;
  port: string;
  alias: string;
}

interface Placed {
  position: number;
  record: HomerRecord;
  timeUs: number;
  source: Endpoint;
  destination: Endpoint;
  method: string;
  status: number | null;
  reason: string | null;
  callId: string;
}

/** Builds the ladder model of `records` (any order; Homer search results as they come). */
export function buildLadder(records: HomerRecord[], options: BuildLadderOptions = {}): LadderModel {
  if (!Array.isArray(records)) {
    throw new TypeError(
      `buildLadder expects an array of HomerRecord (the "data" of a SIP trace search), got ${describe(records)}.`,
    );
  }
  const invalid = options.invalid ?? 'throw';
  if (invalid !== 'throw' && invalid !== 'skip') {
    throw new TypeError(`options.invalid must be 'throw' or 'skip', got ${describe(invalid)}.`);
  }
  const toleranceUs = Math.round(
    nonNegative(
      options.duplicateToleranceMs,
      DEFAULT_DUPLICATE_TOLERANCE_MS,
      'duplicateToleranceMs',
    ) * 1000,
  );
  const ephemeralMin = nonNegative(
    options.ephemeralPortMin,
    DEFAULT_EPHEMERAL_PORT_MIN,
    'ephemeralPortMin',
  );
  const aliases = options.aliases ?? {};

  const warnings: LadderWarning[] = [];
  const placed: Placed[] = [];
  records.forEach((record, position) => {
    try {
      placed.push(place(record, position));
    } catch (error) {
      if (!(error instanceof LadderInputError) || invalid === 'throw') throw error;
      warnings.push({
        recordId: error.recordId,
        position: error.position,
        field: error.field,
        message: error.message,
      });
    }
  });
  // Stable: equal timestamps keep the input order.
  placed.sort((a, b) => a.timeUs - b.timeUs || a.position - b.position);

  // Duplicate captures of one packet: same addresses, Call-ID, CSeq, method or status and bytes.
  const kept: { item: Placed; duplicates: LadderMessage['duplicates'] }[] = [];
  const lastByKey = new Map<string, (typeof kept)[number]>();
  let duplicatesRemoved = 0;
  for (const item of placed) {
    const r = item.record;
    const key = [
      endpointKey(item.source),
      endpointKey(item.destination),
      item.callId,
      str(r.cseq),
      item.method,
      item.status ?? '',
      str(r.msg),
    ].join('\u0000');
    const previous = lastByKey.get(key);
    if (previous && item.timeUs - previous.item.timeUs <= toleranceUs) {
      previous.duplicates.push({ recordId: str(r.id), node: str(r.node) });
      duplicatesRemoved += 1;
      continue;
    }
    const entry = { item, duplicates: [] };
    kept.push(entry);
    lastByKey.set(key, entry);
  }

  const columnOf = columnMapper(
    kept.map((k) => k.item),
    options.mergeEphemeralPorts === true,
    ephemeralMin,
  );
  const participants: LadderParticipant[] = [];
  const byAddress = new Map<string, LadderParticipant>();
  const participantFor = (endpoint: Endpoint): LadderParticipant => {
    const { address, host } = columnOf(endpoint);
    let participant = byAddress.get(address);
    if (!participant) {
      participant = {
        id: `p${participants.length + 1}`,
        address,
        host,
        ports: [],
        alias: null,
        label: address,
      };
      participants.push(participant);
      byAddress.set(address, participant);
    }
    if (endpoint.port && !participant.ports.includes(endpoint.port)) {
      participant.ports.push(endpoint.port);
    }
    if (participant.alias === null && endpoint.alias) participant.alias = endpoint.alias;
    return participant;
  };

  const startUs = kept[0]?.item.timeUs ?? 0;
  let previousUs = startUs;
  const messages: LadderMessage[] = kept.map(({ item, duplicates }, index) => {
    const r = item.record;
    const from = participantFor(item.source);
    const to = participantFor(item.destination);
    const cseq = str(r.cseq);
    const kind = item.status === null ? 'request' : 'response';
    const method = kind === 'request' ? item.method : (cseq.split(/\s+/)[1] ?? '').toUpperCase();
    const aleg = str(r.callidAleg);
    const message: LadderMessage = {
      index,
      recordId: str(r.id),
      duplicates,
      from: from.id,
      to: to.id,
      source: endpointKey(item.source),
      destination: endpointKey(item.destination),
      kind,
      method,
      status: item.status,
      reason: item.reason,
      label: item.status === null ? item.method : `${item.status} ${item.reason ?? ''}`.trim(),
      class: classify(item.status),
      cseq,
      callId: item.callId,
      callIdAleg: aleg && aleg !== item.callId ? aleg : null,
      timeUs: item.timeUs,
      time: isoMicro(item.timeUs),
      deltaUs: item.timeUs - previousUs,
      sinceStartUs: item.timeUs - startUs,
      transport: transportOf(r),
      proto: str(r.proto),
      raw: str(r.msg),
    };
    previousUs = item.timeUs;
    return message;
  });

  for (const participant of participants) {
    const own =
      aliases[participant.address] ??
      aliases[participant.host] ??
      aliases[bracketHost(participant.host)];
    if (own !== undefined && own !== '') participant.alias = own;
    participant.label = participant.alias ?? participant.address;
  }

  return {
    version: 1,
    participants,
    messages,
    dialogs: groupDialogs(messages, kept),
    startUs,
    endUs: messages[messages.length - 1]?.timeUs ?? 0,
    duplicatesRemoved,
    warnings,
  };
}

function place(record: HomerRecord, position: number): Placed {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new LadderInputError(null, position, 'record', `is ${describe(record)}, not an object`);
  }
  const id = str(record.id) || null;
  const fail = (field: string, problem: string) =>
    new LadderInputError(id, position, field, problem);
  for (const field of ['sourceIp', 'destinationIp'] as const) {
    if (!str(record[field])) throw fail(field, `has no ${field}`);
  }
  for (const field of ['sourcePort', 'destinationPort'] as const) {
    const port = str(record[field]);
    if (port && !/^\d{1,5}$/.test(port)) throw fail(field, `has an invalid ${field} "${port}"`);
  }
  const timeUs = timeOf(record);
  if (timeUs === null) {
    throw fail(
      'microTs',
      `has no usable timestamp (microTs ${JSON.stringify(str(record.microTs))}, milliTs ${JSON.stringify(str(record.milliTs))}, date ${JSON.stringify(str(record.date))})`,
    );
  }
  const startLine = str(record.msg).split(/\r?\n/, 1)[0] ?? '';
  let method = str(record.method).trim();
  let reason: string | null = null;
  let status: number | null = null;
  const response = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/i.exec(startLine);
  if (!method) {
    // Fall back on the raw message's start line.
    if (response) method = response[1] ?? '';
    else method = /^([A-Za-z]+)\s+\S+\s+SIP\/2\.0/i.exec(startLine)?.[1]?.toUpperCase() ?? '';
  }
  if (!method) throw fail('method', 'has no method or status code (and no SIP start line in msg)');
  if (/^\d{3}$/.test(method)) {
    status = Number(method);
    reason = str(record.replyReason).trim() || (response?.[2] ?? '').trim() || null;
  } else {
    method = method.toUpperCase();
  }
  return {
    position,
    record,
    timeUs,
    source: {
      ip: str(record.sourceIp),
      port: str(record.sourcePort),
      alias: str(record.sourceAlias),
    },
    destination: {
      ip: str(record.destinationIp),
      port: str(record.destinationPort),
      alias: str(record.destinationAlias),
    },
    method,
    status,
    reason,
    callId: str(record.callid),
  };
}

function timeOf(record: HomerRecord): number | null {
  const micro = str(record.microTs);
  if (/^\d+$/.test(micro)) return Number(micro);
  const milli = str(record.milliTs);
  if (/^\d+$/.test(milli)) return Number(milli) * 1000;
  const date = str(record.date);
  const parsed = date ? Date.parse(date) : Number.NaN;
  return Number.isFinite(parsed) ? parsed * 1000 : null;
}

/** Where each endpoint goes: one column per host:port, or merged ephemeral ports. */
function columnMapper(items: Placed[], merge: boolean, ephemeralMin: number) {
  const fixedPorts = new Map<string, Set<string>>();
  const isEphemeral = (port: string) => port !== '' && Number(port) >= ephemeralMin;
  if (merge) {
    for (const item of items) {
      for (const endpoint of [item.source, item.destination]) {
        const ports = fixedPorts.get(endpoint.ip) ?? new Set<string>();
        if (!isEphemeral(endpoint.port)) ports.add(endpoint.port);
        fixedPorts.set(endpoint.ip, ports);
      }
    }
  }
  return (endpoint: Endpoint): { address: string; host: string } => {
    if (merge && isEphemeral(endpoint.port)) {
      const fixed = [...(fixedPorts.get(endpoint.ip) ?? [])];
      if (fixed.length === 1)
        return { address: endpointKey({ ...endpoint, port: fixed[0] ?? '' }), host: endpoint.ip };
      return { address: bracketHost(endpoint.ip), host: endpoint.ip };
    }
    return { address: endpointKey(endpoint), host: endpoint.ip };
  };
}

function groupDialogs(messages: LadderMessage[], kept: { item: Placed }[]): LadderDialog[] {
  const dialogs: LadderDialog[] = [];
  const byCallId = new Map<string, LadderDialog>();
  for (const message of messages) {
    let dialog = byCallId.get(message.callId);
    if (!dialog) {
      dialog = {
        tag: String(dialogs.length + 1),
        callId: message.callId,
        aLegCallId: null,
        bLegCallIds: [],
        method: '',
        messageIndexes: [],
        startUs: message.timeUs,
        endUs: message.timeUs,
        outcome: null,
        conversationId: null,
      };
      dialogs.push(dialog);
      byCallId.set(message.callId, dialog);
    }
    dialog.messageIndexes.push(message.index);
    dialog.endUs = message.timeUs;
    if (dialog.aLegCallId === null && message.callIdAleg) dialog.aLegCallId = message.callIdAleg;
    if (!dialog.method && message.kind === 'request') dialog.method = message.method;
    const conversationId = str(kept[message.index]?.item.record.conversationId);
    if (dialog.conversationId === null && conversationId) dialog.conversationId = conversationId;
  }
  for (const dialog of dialogs) {
    const first = messages[dialog.messageIndexes[0] ?? -1];
    if (!dialog.method) dialog.method = first?.method ?? '';
    for (const index of dialog.messageIndexes) {
      const message = messages[index];
      if (message?.status != null && message.status >= 200 && message.method === dialog.method) {
        dialog.outcome = message.label;
      }
    }
    if (dialog.aLegCallId !== null)
      byCallId.get(dialog.aLegCallId)?.bLegCallIds.push(dialog.callId);
  }
  return dialogs;
}

function classify(status: number | null): MessageClass {
  if (status === null) return 'request';
  if (status < 200) return 'provisional';
  if (status < 300) return 'success';
  if (status < 400) return 'redirect';
  if (status < 500) return 'client-error';
  if (status < 600) return 'server-error';
  return 'global-failure';
}

// HEP carries the IP protocol number; a Kamailio-fed Homer may store its own 1/2/3 numbering.
const PROTOCOLS: Record<string, string> = {
  '17': 'UDP',
  '6': 'TCP',
  '132': 'SCTP',
  '1': 'UDP',
  '2': 'TCP',
  '3': 'TLS',
};

function transportOf(record: HomerRecord): string {
  const via = /^SIP\/2\.0\/([A-Za-z-]+)/i.exec(str(record.via1).trim())?.[1]?.toUpperCase();
  const proto = str(record.proto);
  const fromProto = PROTOCOLS[proto];
  // The Via names the hop's transport (TLS rides on TCP, so proto 6 alone cannot tell them apart).
  if (via) return via;
  return fromProto ?? (proto ? `proto ${proto}` : 'unknown');
}

function isoMicro(us: number): string {
  const ms = Math.floor(us / 1000);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '';
  const micro = String(us - ms * 1000).padStart(3, '0');
  return date.toISOString().replace(/Z$/, `${micro}Z`);
}

function bracketHost(ip: string): string {
  return ip.includes(':') ? `[${ip}]` : ip;
}

function endpointKey(endpoint: { ip: string; port: string }): string {
  return endpoint.port ? `${bracketHost(endpoint.ip)}:${endpoint.port}` : bracketHost(endpoint.ip);
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`options.${name} must be a number of at least 0, got ${describe(value)}.`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
