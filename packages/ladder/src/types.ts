// The public types of the ladder model and its renderers. The model is plain data: it survives
// JSON.stringify/JSON.parse unchanged, so it can be computed in one place and rendered in another.
import type { HomerRecord } from '@telephony-kit/models';

export type { HomerRecord };

/** What a message is, from its method or status code (RFC 3261 §7.2 classes). */
export type MessageClass =
  | 'request'
  | 'provisional'
  | 'success'
  | 'redirect'
  | 'client-error'
  | 'server-error'
  | 'global-failure';

/** One column of the ladder: a host and port (or a host whose ephemeral ports were merged). */
export interface LadderParticipant {
  /** Stable, safe identifier (`p1`, `p2`, … in order of first appearance). */
  id: string;
  /** The address the column stands for: `ip:port`, or `ip` when ephemeral ports were merged. */
  address: string;
  host: string;
  /** Every port seen for this column, in order of first appearance. */
  ports: string[];
  /** The readable name: the `aliases` option, else Homer's source/destination alias, else null. */
  alias: string | null;
  /** What a renderer shows: the alias when there is one, else the address. */
  label: string;
}

/** One SIP message (one packet; duplicate captures of it are folded in). */
export interface LadderMessage {
  /** Position in time order, from 0. */
  index: number;
  /** The Homer record id of the capture shown. */
  recordId: string;
  /** Record ids and capture nodes of duplicate captures of the same packet that were folded in. */
  duplicates: { recordId: string; node: string }[];
  /** Participant ids. */
  from: string;
  to: string;
  source: string;
  destination: string;
  kind: 'request' | 'response';
  /** The request method; for a response, the method of its CSeq (`INVITE` for a 180). */
  method: string;
  /** The status code of a response, else null. */
  status: number | null;
  /** The reason phrase of a response, else null. */
  reason: string | null;
  /** `INVITE`, `180 Ringing`, … */
  label: string;
  class: MessageClass;
  /** The CSeq header value (`101 INVITE`). */
  cseq: string;
  callId: string;
  /** The A leg's Call-ID when this message belongs to a B leg, else null. */
  callIdAleg: string | null;
  /** Capture time, epoch microseconds. */
  timeUs: number;
  /** Capture time, ISO 8601 UTC with microseconds. */
  time: string;
  /** Microseconds since the previous message (0 for the first). */
  deltaUs: number;
  /** Microseconds since the first message. */
  sinceStartUs: number;
  /** `UDP`, `TCP`, `TLS`, `SCTP`, … from the Via header when it names one, else from `proto`. */
  transport: string;
  /** The raw `proto` field as captured. */
  proto: string;
  /** The raw SIP message (may be empty when the record carries none). */
  raw: string;
}

/** The messages of one Call-ID. */
export interface LadderDialog {
  /** Short tag renderers show next to messages: `1`, `2`, … in order of first message. */
  tag: string;
  callId: string;
  /** The A leg's Call-ID when this is a B leg of a B2BUA (from `callidAleg`), else null. */
  aLegCallId: string | null;
  /** Call-IDs of the B legs whose `callidAleg` is this dialog's Call-ID. */
  bLegCallIds: string[];
  /** The first request's method (`INVITE`, `REGISTER`, `OPTIONS`, …). */
  method: string;
  /** Indexes of its messages in `LadderModel.messages`. */
  messageIndexes: number[];
  startUs: number;
  endUs: number;
  /** The last final response to the dialog's first request (`200 OK`, `486 Busy Here`), or null. */
  outcome: string | null;
  /** Genesys conversation id when the records carry one, else null. */
  conversationId: string | null;
}

/** A record that was skipped (with `invalid: 'skip'`), and why. */
export interface LadderWarning {
  recordId: string | null;
  /** Position of the record in the input array. */
  position: number;
  field: string;
  message: string;
}

export interface LadderModel {
  /** Version of the model's shape. */
  version: 1;
  participants: LadderParticipant[];
  messages: LadderMessage[];
  dialogs: LadderDialog[];
  /** Epoch microseconds of the first and last message (0 when there are none). */
  startUs: number;
  endUs: number;
  /** How many duplicate captures were folded into other messages. */
  duplicatesRemoved: number;
  warnings: LadderWarning[];
}

export interface BuildLadderOptions {
  /**
   * One column per host for a host's ephemeral ports (those at or above `ephemeralPortMin`): they
   * join the host's one non-ephemeral port column when it has exactly one, else a column of their
   * own named after the host. Default false: one column per host:port.
   */
  mergeEphemeralPorts?: boolean;
  /** The first ephemeral port. Default 49152 (IANA's dynamic range; Linux uses 32768). */
  ephemeralPortMin?: number;
  /** Names for columns, by `ip:port` or by `ip`; they win over Homer's aliases. */
  aliases?: Record<string, string>;
  /**
   * What to do with a record that lacks a field needed to place it (source or destination IP,
   * method, a timestamp): `'throw'` (default) throws a `LadderInputError` naming the record and
   * field; `'skip'` leaves it out and reports it in `model.warnings`.
   */
  invalid?: 'throw' | 'skip';
  /**
   * Captures of the same packet by several Homer nodes are shown once when their timestamps differ
   * by at most this much. Default 50 ms (below SIP's 500 ms retransmission timer, so real
   * retransmissions stay visible).
   */
  duplicateToleranceMs?: number;
}

export interface RenderTextOptions {
  /** Columns the output may use; no line is wider. Default 80. */
  width?: number;
  /** ANSI colours by message class. Default false: the caller decides (see `shouldUseColor`). */
  color?: boolean;
  /** ASCII instead of Unicode box-drawing and arrow characters. Default false. */
  ascii?: boolean;
  /** Show the legend of dialogs (Call-IDs) under the ladder. Default true. */
  legend?: boolean;
}

export interface RenderSvgOptions {
  /** Shown at the top and as the document's `<title>`. Default `SIP ladder`. */
  title?: string;
  /**
   * Wrap each message in a link to `#m<index>` (used by `renderHtml`, whose raw-message list has
   * those anchors). Default false.
   */
  linkMessages?: boolean;
}

export interface RenderHtmlOptions {
  /** The page's title and heading. Default `SIP ladder`. */
  title?: string;
}

export interface RenderMermaidOptions {
  /** Add a note with each dialog's Call-ID before its first message. Default true. */
  dialogNotes?: boolean;
}
