// What a consumer of each public package does first. A package without an entry fails the release
// check, so a new package has to say how it is used.
export interface Consumer {
  /** An ESM script that prints `ok` when the package works. */
  esm: string;
  /** A CommonJS script that prints `ok`; absent for ESM-only packages. */
  cjs?: string;
  /** A TypeScript file compiled with tsc --strict as both .mts and .cts. */
  types?: string;
}

export const consumers: Record<string, Consumer> = {
  '@telephony-kit/models': {
    esm: `import { operationTable, operationIds, getOperation } from '@telephony-kit/models';
if (operationIds.length !== 9) throw new Error('expected 9 operations, got ' + operationIds.length);
if (getOperation('getTelephonySiptraces').path !== '/api/v2/telephony/siptraces') throw new Error('bad path');
if (operationTable.postTelephonySiptracesDownload.permissions.type !== 'ALL') throw new Error('bad permissions');
console.log('ok');
`,
    cjs: `const { operationTable, operationIds } = require('@telephony-kit/models');
if (operationIds.length !== 9) throw new Error('expected 9 operations');
if (operationTable.getTelephonyPhonehomePhoneconfigurationHardwareId.requiresToken !== false) throw new Error('phonehome needs no token');
console.log('ok');
`,
    types: `import { operationTable, type HomerRecord, type SIPSearchPublicRequest, type paths } from '@telephony-kit/models';
const record: HomerRecord = { callid: 'a84b4c76e66710@pc33.example.com', microTs: '1732612345123456' };
const request: SIPSearchPublicRequest = { dateStart: '2026-11-26T10:00:00Z', dateEnd: '2026-11-26T11:00:00Z' };
type Search = paths['/api/v2/telephony/siptraces']['get']['parameters']['query'];
const query: Search = { dateStart: request.dateStart, dateEnd: request.dateEnd };
const method: 'get' = operationTable.getTelephonySiptraces.method;
export const used = [record, query, method];
`,
  },
  '@telephony-kit/emulator': {
    esm: `import { createEmulator } from '@telephony-kit/emulator';
const emulator = await createEmulator({ dataset: { calls: 5 } });
const unauthenticated = await fetch(emulator.url + '/api/v2/telephony/mediaregions');
if (unauthenticated.status !== 401) throw new Error('expected 401, got ' + unauthenticated.status);
const { clientId, clientSecret } = emulator.credentials.demo;
const token = await fetch(emulator.url + '/oauth/token', {
  method: 'POST',
  headers: { authorization: 'Basic ' + btoa(clientId + ':' + clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials',
}).then((r) => r.json());
const regions = await fetch(emulator.url + '/api/v2/telephony/mediaregions', {
  headers: { authorization: 'Bearer ' + token.access_token },
}).then((r) => r.json());
if (!regions.awsHomeRegion) throw new Error('no home region');
await emulator.close();
console.log('ok');
`,
    cjs: `const { createEmulator } = require('@telephony-kit/emulator');
createEmulator({ dataset: { calls: 5 } }).then(async (emulator) => {
  const response = await fetch(emulator.url + '/api/v2/telephony/phonehome/phoneconfiguration/unknown-phone.example.com');
  if (response.status !== 404) throw new Error('expected 404, got ' + response.status);
  await emulator.close();
  console.log('ok');
});
`,
    types: `import { createEmulator, type Emulator, type FaultRule } from '@telephony-kit/emulator';
const rules: FaultRule[] = [{ sequence: [{ status: 503 }, 'ok'] }];
export const start = (): Promise<Emulator> => createEmulator({ faults: rules, rateLimit: false });
`,
  },
  '@telephony-kit/ladder': {
    esm: `import { buildLadder, renderText, renderSvg, renderHtml, renderMermaid, shouldUseColor, LadderInputError } from '@telephony-kit/ladder';
const at = (us, from, to, method, extra = {}) => ({ id: String(us), microTs: String(1795585936000000 + us), sourceIp: from, sourcePort: '5060', destinationIp: to, destinationPort: '5060', method, callid: 'c1@example.com', cseq: '1 INVITE', proto: '17', ...extra });
const model = buildLadder([at(0, '192.0.2.1', '192.0.2.2', 'INVITE'), at(900, '192.0.2.2', '192.0.2.1', '200', { replyReason: 'OK', sourceAlias: 'pbx' })]);
if (model.messages.map((m) => m.label).join() !== 'INVITE,200 OK') throw new Error('bad labels');
if (model.participants[1].label !== 'pbx') throw new Error('bad alias');
const text = renderText(model, { width: 40, ascii: true });
if (!text.includes('INVITE') || text.split('\\n').some((line) => line.length > 40)) throw new Error('bad text: ' + text);
if (!renderSvg(model, { title: 'x' }).includes('<svg') || !renderHtml(model).includes('<!doctype html>')) throw new Error('bad svg/html');
if (!renderMermaid(model).startsWith('sequenceDiagram')) throw new Error('bad mermaid');
if (shouldUseColor({ NO_COLOR: '1' }, true) !== false) throw new Error('NO_COLOR ignored');
try { buildLadder([{ id: '7' }]); throw new Error('no error'); } catch (error) { if (!(error instanceof LadderInputError) || error.recordId !== '7') throw error; }
console.log('ok');
`,
    cjs: `const { buildLadder, renderMermaid } = require('@telephony-kit/ladder');
const model = buildLadder([{ id: '1', microTs: '1', sourceIp: '192.0.2.1', sourcePort: '5060', destinationIp: '192.0.2.2', destinationPort: '5060', method: 'OPTIONS', callid: 'x' }]);
if (!renderMermaid(model).includes('p1->>p2: OPTIONS')) throw new Error('bad mermaid');
console.log('ok');
`,
    types: `import { buildLadder, renderText, type LadderModel, type MessageClass } from '@telephony-kit/ladder';
import type { HomerRecord } from '@telephony-kit/models';
const records: HomerRecord[] = [];
const model: LadderModel = buildLadder(records, { mergeEphemeralPorts: true, aliases: { '192.0.2.1': 'pbx' } });
const classes: MessageClass[] = model.messages.map((m) => m.class);
export const text: string = renderText(model, { width: 80, color: false, ascii: true });
export const used = [classes];
`,
  },
  '@telephony-kit/client': {
    esm: `import { createTelephonyClient, ApiError, resolveRegion } from '@telephony-kit/client';
import { exportPcapToFile } from '@telephony-kit/client/node';
import { ApiClient, ApiError as CompatApiError, TelephonyApi } from '@telephony-kit/client/compat';
if (resolveRegion('eu_west_1').apiBaseUrl !== 'https://api.mypurecloud.ie') throw new Error('bad region');
if (ApiError !== CompatApiError) throw new Error('compat must share the error classes');
if (typeof exportPcapToFile !== 'function' || typeof TelephonyApi !== 'function') throw new Error('missing export');
const client = createTelephonyClient({ region: 'us-east-1', auth: 'token' });
if (client.baseUrl !== 'https://api.mypurecloud.com' || typeof client.GET !== 'function') throw new Error('bad client');
if (ApiClient.instance !== ApiClient.instance) throw new Error('ApiClient.instance is one instance');
console.log('ok');
`,
    cjs: `const { ApiClient } = require('@telephony-kit/client/compat');
const { createTelephonyClient } = require('@telephony-kit/client');
const { exportPcapToFile } = require('@telephony-kit/client/node');
ApiClient.instance.setEnvironment('eu_west_1');
if (ApiClient.instance.basePath !== 'https://api.mypurecloud.ie') throw new Error('bad basePath ' + ApiClient.instance.basePath);
if (typeof createTelephonyClient !== 'function' || typeof exportPcapToFile !== 'function') throw new Error('missing export');
console.log('ok');
`,
    types: `import { createTelephonyClient, clientCredentials, type TelephonyClient } from '@telephony-kit/client';
import type { SipSearchResult } from '@telephony-kit/models';
const client: TelephonyClient = createTelephonyClient({
  region: 'eu-west-1',
  auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
});
export const search: () => Promise<SipSearchResult> = () =>
  client.unwrap(
    client.GET('/api/v2/telephony/siptraces', {
      params: { query: { dateStart: '2026-11-26T10:00:00Z', dateEnd: '2026-11-26T11:00:00Z' } },
    }),
  );
`,
  },
  '@telephony-kit/cli': {
    // A bin and no library exports: the consumer runs the installed `telephony` against the
    // emulator's tarball, which loads the lazily imported command chunks and their dependencies.
    esm: `import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from '@telephony-kit/emulator';
const bin = join(process.cwd(), 'node_modules', '.bin', 'telephony');
if (!/^\\d+\\.\\d+\\.\\d+/.test(execFileSync(bin, ['--version'], { encoding: 'utf8' }))) throw new Error('bad version');
const emulator = await createEmulator({ dataset: { calls: 5 } });
try {
  const { clientId, clientSecret } = emulator.credentials.demo;
  // Asynchronous: the emulator answers from this process.
  const { stdout: out } = await promisify(execFile)(bin, ['media-regions', '--base-url', emulator.url], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, TELEPHONY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'telephony-cli-')), GENESYSCLOUD_OAUTHCLIENT_ID: clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: clientSecret },
  });
  if (!JSON.parse(out).awsHomeRegion) throw new Error('no home region: ' + out);
} finally {
  await emulator.close();
}
console.log('ok');
`,
  },
  '@telephony-kit/worker': {
    // A bin and no library exports: the consumer starts the installed `telephony-worker` on an
    // embedded database (PGlite and pg-boss from the tarball's dependencies) against the emulator,
    // checks its health endpoint, and stops it with SIGTERM.
    esm: `import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from '@telephony-kit/emulator';
const bin = join(process.cwd(), 'node_modules', '.bin', 'telephony-worker');
const emulator = await createEmulator({ dataset: { calls: 5 } });
try {
  const { clientId, clientSecret } = emulator.credentials.demo;
  const child = spawn(bin, ['start', '--base-url', emulator.url, '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'telephony-worker-'))], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, GENESYSCLOUD_OAUTHCLIENT_ID: clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: clientSecret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no HTTP API after 60 s: ' + output)), 60000);
    const read = (chunk) => {
      output += chunk;
      const match = /"url":"(http:[^"]+)","msg":"HTTP API listening"/.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error('exited ' + code + ': ' + output)));
  });
  const health = await fetch(url + '/healthz');
  if (health.status !== 200) throw new Error('healthz answered ' + health.status);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error('exit code ' + code + ': ' + output);
} finally {
  await emulator.close();
}
console.log('ok');
`,
  },
};
