// Requests per second that the emulator serves for GET mediaregions on loopback, beside a bare
// node:http server that answers the same body, with the same load generator (autocannon, in this
// process; each server in its own process).

import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startProcess } from './child';
import { startEmulator } from './emulator';

const PATH = '/api/v2/telephony/mediaregions';

async function load(
  url: string,
  token: string,
  seconds: number,
): Promise<{ rps: number; errors: number }> {
  const result = await autocannon({
    url: `${url}${PATH}`,
    connections: 32,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  return { rps: result.requests.average, errors: result.errors + result.non2xx };
}

export interface ThroughputResult {
  name: string;
  requestsPerSecond: number;
  errors: number;
}

export async function measureEmulatorThroughput(seconds = 5): Promise<ThroughputResult[]> {
  const emulator = await startEmulator(['--rate-limit', 'off', '--calls', '200']);
  const bare = await startProcess([
    fileURLToPath(new URL('./fixture-server.ts', import.meta.url)),
  ]).catch(async (error) => {
    await emulator.stop();
    throw error;
  });
  try {
    await load(emulator.url, emulator.token, 1); // warm up
    await load(bare.url, 'token', 1);
    const emu = await load(emulator.url, emulator.token, seconds);
    const base = await load(bare.url, 'token', seconds);
    return [
      { name: 'telephony-kit emulator', requestsPerSecond: emu.rps, errors: emu.errors },
      { name: 'bare node:http', requestsPerSecond: base.rps, errors: base.errors },
    ];
  } finally {
    await Promise.all([emulator.stop(), bare.stop()]);
  }
}
