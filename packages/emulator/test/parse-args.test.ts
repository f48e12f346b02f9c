import { describe, expect, it } from 'vitest';
import { parseEmulatorArgs } from '../src/parse-args';

describe('parseEmulatorArgs', () => {
  it('defaults to port 8787 with the control endpoint off', () => {
    expect(parseEmulatorArgs([])).toEqual({ help: false, options: { port: 8787, control: false } });
  });

  it('maps every flag to an option', () => {
    const parsed = parseEmulatorArgs([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--seed',
      '7',
      '--days',
      '2',
      '--calls',
      '50',
      '--token-lifetime',
      '300',
      '--rate-limit',
      'off',
      '--pcap-ready-after',
      '0',
      '--pcap-pad-bytes',
      '1048576',
      '--signed-url-lifetime',
      '60',
      '--reboot-pending',
      '1000',
      '--control',
    ]);
    expect(parsed).toEqual({
      help: false,
      options: {
        port: 0,
        host: '0.0.0.0',
        seed: 7,
        dataset: { days: 2, calls: 50 },
        tokenLifetimeSeconds: 300,
        rateLimit: false,
        pcapReadyAfterMs: 0,
        pcapPadToBytes: 1_048_576,
        signedUrlLifetimeSeconds: 60,
        rebootPendingMs: 1000,
        control: true,
      },
    });
    expect(parseEmulatorArgs(['--rate-limit', '10'])).toMatchObject({
      options: { rateLimit: { requestsPerMinute: 10 } },
    });
  });

  it('says what is wrong with a bad value or an unknown flag', () => {
    expect(() => parseEmulatorArgs(['--port', 'eighty'])).toThrow(/--port must be an integer/);
    expect(() => parseEmulatorArgs(['--port', '70000'])).toThrow(/at most 65535/);
    expect(() => parseEmulatorArgs(['--verbose'])).toThrow(/verbose/);
    expect(parseEmulatorArgs(['-h'])).toEqual({ help: true });
  });
});
