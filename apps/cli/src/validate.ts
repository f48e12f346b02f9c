// Checks of command line values, before any request: each failure says what to type instead.
import { UsageError } from './errors';

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?$/i;
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `30000` (ms), `30s`, `5m`, `2h` → milliseconds. */
export function parseDuration(value: string, flag: string, command?: string): number {
  const match = DURATION.exec(value.trim());
  const ms = match ? Number(match[1]) * (UNIT_MS[(match[2] ?? 'ms').toLowerCase()] as number) : NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UsageError(
      `${flag} "${value}" is not a duration: use milliseconds (30000) or a number with a unit (30s, 5m, 2h).`,
      command === undefined ? {} : { command },
    );
  }
  return Math.round(ms);
}

/** A comma-separated list (`--keys ruri,to,from`), each item checked by `pattern`. */
export function parseList(
  value: string,
  flag: string,
  pattern: RegExp,
  what: string,
  command?: string,
): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const bad = items.find((item) => !pattern.test(item));
  if (items.length === 0 || bad !== undefined) {
    throw new UsageError(
      `${flag} ${bad === undefined ? 'is empty' : `has "${bad}", which is not ${what}`}: give a comma-separated list such as ruri,to,from.`,
      command === undefined ? {} : { command },
    );
  }
  return items;
}

const MAC_SEPARATED = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i;
const MAC_DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;
const MAC_BARE = /^[0-9a-f]{12}$/i;
const FQDN =
  /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\.?$/i;

/**
 * A phone's hardware id: a MAC address in any usual form (→ 12 lowercase hex digits), or the
 * FQDN of a softphone (→ lowercase, no trailing dot).
 */
export function parseHardwareId(value: string, command?: string): string {
  const text = value.trim();
  if (MAC_SEPARATED.test(text) || MAC_DOTTED.test(text) || MAC_BARE.test(text)) {
    return text.replace(/[:.-]/g, '').toLowerCase();
  }
  // Looks like an attempt at a MAC address (hex and separators only): say what is wrong with it.
  if (/^[0-9a-f:.-]+$/i.test(text) || !FQDN.test(text)) {
    throw new UsageError(
      `hardwareId "${value}" is neither a MAC address nor a softphone's FQDN: use 12 hex digits such as 0004f2a1b2c3, 00:04:f2:a1:b2:c3, 00-04-f2-a1-b2-c3 or 0004.f2a1.b2c3, or a name such as webrtc-1a2b3c4d.softphone.example.com.`,
      command === undefined ? {} : { command },
    );
  }
  return text.replace(/\.$/, '').toLowerCase();
}

/** An id that goes into a URL path: no slashes, spaces or other URL syntax. */
export function parsePathId(value: string, name: string, command?: string): string {
  const text = value.trim();
  if (!/^[A-Za-z0-9._~-]{1,200}$/.test(text)) {
    throw new UsageError(
      `${name} "${value}" is not a valid id: ids are letters, digits, dots, dashes and underscores.`,
      command === undefined ? {} : { command },
    );
  }
  return text;
}
