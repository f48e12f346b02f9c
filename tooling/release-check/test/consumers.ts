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
};
