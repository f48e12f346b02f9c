// argv → createEmulator options for the `telephony-emulator` bin (tested apart from the server).
import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './options';

export const USAGE = `Usage: telephony-emulator [options]

Serves a local emulator of the Genesys Cloud Telephony API (OAuth, the nine operations, PCAP
downloads with signed URLs) over a seeded, deterministic data set.

Options:
  --port <n>                 port to listen on (default 8787; 0 picks a free one)
  --host <addr>              address to listen on (default 127.0.0.1)
  --seed <n>                 seed of the data set, ids and random faults (default 42)
  --days <n>                 days of SIP traffic back from now in the data set
  --calls <n>                conversations in the data set
  --token-lifetime <s>       access token lifetime in seconds (default 86400)
  --rate-limit <n|off>       requests per minute per token (default 300)
  --pcap-ready-after <ms>    time until a PCAP job is ready (default 2000)
  --pcap-pad-bytes <n>       pad every PCAP file to at least n bytes
  --signed-url-lifetime <s>  lifetime of signed PCAP URLs in seconds (default 300)
  --reboot-pending <ms>      how long a scheduled reboot stays pending (default 120000)
  --control                  serve the control endpoint under /__emulator/ (faults, clock, reset, logs)
  -h, --help                 print this help
`;

export type ParsedArgs = { help: true } | { help: false; options: EmulatorOptions };

function integer(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new Error(`--${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** Throws an Error whose message says what is wrong with the arguments. */
export function parseEmulatorArgs(argv: readonly string[]): ParsedArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      calls: { type: 'string' },
      'token-lifetime': { type: 'string' },
      'rate-limit': { type: 'string' },
      'pcap-ready-after': { type: 'string' },
      'pcap-pad-bytes': { type: 'string' },
      'signed-url-lifetime': { type: 'string' },
      'reboot-pending': { type: 'string' },
      control: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };

  const options: EmulatorOptions = {
    port: integer('port', values.port) ?? 8787,
    control: values.control ?? false,
  };
  const port = options.port as number;
  if (port > 65_535) throw new Error(`--port must be at most 65535, got ${port}`);
  if (values.host !== undefined) options.host = values.host;
  const seed = integer('seed', values.seed);
  if (seed !== undefined) options.seed = seed;
  const days = integer('days', values.days, 1);
  const calls = integer('calls', values.calls, 1);
  if (days !== undefined || calls !== undefined) {
    options.dataset = {
      ...(days !== undefined && { days }),
      ...(calls !== undefined && { calls }),
    };
  }
  const tokenLifetime = integer('token-lifetime', values['token-lifetime'], 1);
  if (tokenLifetime !== undefined) options.tokenLifetimeSeconds = tokenLifetime;
  if (values['rate-limit'] !== undefined) {
    options.rateLimit =
      values['rate-limit'] === 'off'
        ? false
        : { requestsPerMinute: integer('rate-limit', values['rate-limit'], 1) as number };
  }
  const readyAfter = integer('pcap-ready-after', values['pcap-ready-after']);
  if (readyAfter !== undefined) options.pcapReadyAfterMs = readyAfter;
  const pad = integer('pcap-pad-bytes', values['pcap-pad-bytes']);
  if (pad !== undefined) options.pcapPadToBytes = pad;
  const urlLifetime = integer('signed-url-lifetime', values['signed-url-lifetime'], 1);
  if (urlLifetime !== undefined) options.signedUrlLifetimeSeconds = urlLifetime;
  const rebootPending = integer('reboot-pending', values['reboot-pending']);
  if (rebootPending !== undefined) options.rebootPendingMs = rebootPending;
  return { help: false, options };
}
