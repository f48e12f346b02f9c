import { createTelephonyClient, staticToken } from '@telephony-kit/client';
import createClient from 'openapi-fetch';
import { startProcess } from './child';
const server = await startProcess(['/work/main/bench/src/fixture-server.ts']);
const PATH = '/api/v2/telephony/mediaregions';
const of = createClient<any>({ baseUrl: server.url, headers: { authorization: 'Bearer t' }, fetch: (r: Request) => fetch(r.url, { method: r.method, headers: r.headers }) });
const v: Record<string, () => Promise<unknown>> = {
  fetch: () => fetch(server.url + PATH, { headers: { authorization: 'Bearer t' } }).then((r) => r.json()),
  'of fwd': () => of.GET(PATH),
  tk: ((c) => () => c.GET(PATH))(createTelephonyClient({ baseUrl: server.url, auth: staticToken('t') })),
  'tk t0': ((c) => () => c.GET(PATH))(createTelephonyClient({ baseUrl: server.url, auth: staticToken('t'), timeoutMs: 0 })),
  'tk t0 rl0 r0': ((c) => () => c.GET(PATH))(createTelephonyClient({ baseUrl: server.url, auth: staticToken('t'), timeoutMs: 0, rateLimit: false, retry: false })),
};
const conc = Number(process.argv[2] ?? 1);
async function run(call: () => Promise<unknown>, n: number) { let next = 0; const s = process.cpuUsage(); await Promise.all(Array.from({ length: conc }, async () => { while (next < n) { next++; await call(); } })); const u = process.cpuUsage(s); return (u.user + u.system) / n; }
for (const c of Object.values(v)) await run(c, 500);
const res: Record<string, number[]> = {};
for (let r = 0; r < 5; r++) for (const [k, c] of Object.entries(v)) (res[k] ??= []).push(await run(c, 1500));
for (const [k, x] of Object.entries(res)) { x.sort((a, b) => a - b); console.log(conc, k.padEnd(16), x[2]!.toFixed(1)); }
await server.stop();
