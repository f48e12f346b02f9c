// CPU spent in this process per request, for bare fetch, telephony-kit's full client stack (auth,
// transport, middleware) and the official SDK, against the same local server in another process.
// Rounds are interleaved so that drift on a shared machine hits every contender alike.
import { createRequire } from 'node:module';
import { createTelephonyClient, staticToken } from '@telephony-kit/client';
import type { paths } from '@telephony-kit/models';
import createClient from 'openapi-fetch';

type Call = () => Promise<unknown>;
export interface Contender {
  name: string;
  setup(url: string): Call;
}

const PATH = '/api/v2/telephony/mediaregions';

export const contenders: Contender[] = [
  {
    name: 'bare fetch',
    setup: (url) => () =>
      fetch(`${url}${PATH}`, { headers: { authorization: 'Bearer token' } }).then((r) => r.json()),
  },
  {
    // The floor under telephony-kit: the client is openapi-fetch with auth and a transport.
    name: 'openapi-fetch',
    setup: (url) => {
      const client = createClient<paths>({
        baseUrl: url,
        headers: { authorization: 'Bearer token' },
      });
      return () => client.GET(PATH);
    },
  },
  {
    name: 'telephony-kit',
    setup: (url) => {
      const client = createTelephonyClient({ baseUrl: url, auth: staticToken('token') });
      return () => client.GET(PATH).then(client.unwrap);
    },
  },
  {
    name: 'official SDK',
    setup: (url) => {
      // The official SDK keeps one process-wide client: point it at the server once.
      const platformClient = createRequire(import.meta.url)('purecloud-platform-client-v2');
      const { port, hostname } = new URL(url);
      platformClient.ApiClient.instance.setGateway({
        protocol: 'http',
        host: hostname,
        port: Number(port),
      });
      platformClient.ApiClient.instance.setAccessToken('token');
      const api = new platformClient.TelephonyApi();
      return () => api.getTelephonyMediaregions();
    },
  },
];

async function runBatch(call: Call, requests: number, concurrency: number): Promise<number> {
  let next = 0;
  const start = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next += 1;
        await call();
      }
    }),
  );
  const used = process.cpuUsage(start);
  return (used.user + used.system) / requests;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export interface CpuResult {
  name: string;
  concurrency: number;
  microsPerRequest: number;
  ratioToFetch: number;
}

export async function measureCpuPerRequest(
  url: string,
  { requests = 2000, rounds = 7, concurrencies = [1, 16] } = {},
): Promise<CpuResult[]> {
  const calls = contenders.map((c) => ({ name: c.name, call: c.setup(url) }));
  const results: CpuResult[] = [];
  for (const concurrency of concurrencies) {
    for (const { call } of calls) await runBatch(call, 300, concurrency); // warm up JIT and sockets
    const samples = new Map<string, number[]>(calls.map((c) => [c.name, []]));
    for (let round = 0; round < rounds; round += 1) {
      for (const { name, call } of calls)
        samples.get(name)?.push(await runBatch(call, requests, concurrency));
    }
    const fetchMicros = median(samples.get('bare fetch') ?? []);
    for (const { name } of calls) {
      const micros = median(samples.get(name) ?? []);
      results.push({
        name,
        concurrency,
        microsPerRequest: micros,
        ratioToFetch: micros / fetchMicros,
      });
    }
  }
  return results;
}
