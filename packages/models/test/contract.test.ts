// The contract holds exactly the nine seed operations of the official SDK's TelephonyApi, with the
// seed's methods, paths, parameters and permissions, and every $ref in it resolves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  getOperation,
  operationDetails,
  operationIds,
  operationRoutes,
  operationTable,
} from '../src/index';

const contract = parse(
  readFileSync(new URL('../../../openapi/telephony.yaml', import.meta.url), 'utf8'),
);

// The seed, as the official SDK documents it (shared/reference/TelephonyApi.md).
const seed = [
  [
    'getTelephonyMediaregions',
    'get',
    '/api/v2/telephony/mediaregions',
    'ANY',
    ['telephony:plugin:all'],
    [],
  ],
  [
    'getTelephonyPhonePhoneIdSettings',
    'get',
    '/api/v2/telephony/phone/{phoneId}/settings',
    'ANY',
    ['telephony:plugin:all'],
    ['path:phoneId!'],
  ],
  [
    'getTelephonyPhonehomePhoneconfigurationHardwareId',
    'get',
    '/api/v2/telephony/phonehome/phoneconfiguration/{hardwareId}',
    null,
    [],
    ['path:hardwareId!'],
  ],
  [
    'getTelephonySipmessagesConversation',
    'get',
    '/api/v2/telephony/sipmessages/conversations/{conversationId}',
    'ALL',
    ['telephony:pcap:view'],
    ['path:conversationId!'],
  ],
  [
    'getTelephonySipmessagesConversationHeaders',
    'get',
    '/api/v2/telephony/sipmessages/conversations/{conversationId}/headers',
    'ALL',
    ['telephony:pcap:view'],
    ['path:conversationId!', 'query:keys'],
  ],
  [
    'getTelephonySiptraces',
    'get',
    '/api/v2/telephony/siptraces',
    'ALL',
    ['telephony:pcap:view'],
    [
      'query:callId',
      'query:toUser',
      'query:fromUser',
      'query:conversationId',
      'query:dateStart!',
      'query:dateEnd!',
    ],
  ],
  [
    'getTelephonySiptracesDownloadDownloadId',
    'get',
    '/api/v2/telephony/siptraces/download/{downloadId}',
    'ALL',
    ['telephony:pcap:view'],
    ['path:downloadId!'],
  ],
  [
    'postTelephonyProvidersEdgesSiteSchedulereboot',
    'post',
    '/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot',
    'ANY',
    ['internal:site:edit'],
    ['path:siteId!'],
  ],
  [
    'postTelephonySiptracesDownload',
    'post',
    '/api/v2/telephony/siptraces/download',
    'ALL',
    ['telephony:pcap:add'],
    [],
  ],
] as const;

const STANDARD_ERRORS = [
  '400',
  '401',
  '403',
  '404',
  '408',
  '413',
  '415',
  '429',
  '500',
  '503',
  '504',
];
const INTERNAL = [
  'getTelephonyPhonePhoneIdSettings',
  'getTelephonyPhonehomePhoneconfigurationHardwareId',
  'postTelephonyProvidersEdgesSiteSchedulereboot',
];

function contractOperations() {
  const found: { id: string; method: string; path: string; operation: Record<string, any> }[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(contract.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options']) {
      if (item[method])
        found.push({ id: item[method].operationId, method, path, operation: item[method] });
    }
  }
  return found;
}

function deref(node: any): any {
  let current = node;
  while (current?.$ref) current = lookup(current.$ref);
  return current;
}

function lookup(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<any>((value, key) => value?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], contract);
}

describe('openapi/telephony.yaml', () => {
  it('is OpenAPI 3.1', () => {
    expect(contract.openapi).toMatch(/^3\.1\./);
  });

  it('holds exactly the nine seed operations with their methods and paths', () => {
    const actual = contractOperations().map(({ id, method, path }) => [id, method, path]);
    expect(actual.sort()).toEqual(seed.map(([id, method, path]) => [id, method, path]).sort());
  });

  it.each(seed)(
    '%s has the seed parameters and permissions',
    (id, _m, _p, type, permissions, params) => {
      const { operation } = contractOperations().find((op) => op.id === id)!;
      const actual = (operation.parameters ?? [])
        .map(deref)
        .map((p: any) => `${p.in}:${p.name}${p.required ? '!' : ''}`);
      expect(actual.sort()).toEqual([...params].sort());
      const requires = operation['x-inin-requires-permissions'];
      if (type === null) {
        expect(requires).toBeUndefined();
        expect(operation.security).toEqual([]);
      } else {
        expect(requires).toEqual({ type, permissions });
      }
    },
  );

  it('types dateStart and dateEnd as required date-times and keys as a repeated array', () => {
    const traces = contract.paths['/api/v2/telephony/siptraces'].get.parameters.map(deref);
    for (const name of ['dateStart', 'dateEnd']) {
      expect(traces.find((p: any) => p.name === name)).toMatchObject({
        required: true,
        schema: { type: 'string', format: 'date-time' },
      });
    }
    const headers =
      contract.paths['/api/v2/telephony/sipmessages/conversations/{conversationId}/headers'];
    const keys = headers.get.parameters.map(deref).find((p: any) => p.name === 'keys');
    expect(keys).toMatchObject({
      in: 'query',
      schema: { type: 'array', items: { type: 'string' } },
    });
    expect(keys.explode ?? true).toBe(true);
    expect(deref(contract.components.schemas.SIPSearchPublicRequest).required).toEqual(
      expect.arrayContaining(['dateStart', 'dateEnd']),
    );
  });

  it('lists the standard error responses on every operation', () => {
    for (const { id, operation } of contractOperations()) {
      for (const status of STANDARD_ERRORS) {
        const response = deref(operation.responses[status]);
        expect(response, `${id} ${status}`).toBeDefined();
        expect(response.content['application/json'].schema.$ref, `${id} ${status}`).toBe(
          '#/components/schemas/ErrorBody',
        );
      }
    }
  });

  it('marks the three internal operations', () => {
    for (const { id, operation } of contractOperations()) {
      const expected = INTERNAL.includes(id) ? 'internal' : 'public';
      expect(operation['x-genesys-visibility'] ?? 'public', id).toBe(expected);
    }
  });

  it('describes the asynchronous PCAP download: 202 with Retry-After, then 200 with a url', () => {
    const download = contract.paths['/api/v2/telephony/siptraces/download/{downloadId}'].get;
    expect(Object.keys(deref(download.responses['202']).headers ?? {})).toContain('Retry-After');
    expect(download.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/SignedUrlResponse',
    );
    const reboot =
      contract.paths['/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot'].post;
    expect(deref(reboot.responses['202']).content).toBeUndefined();
  });

  it('offers every region domain as a server', () => {
    const domains = contract.servers[0].variables.domain.enum;
    for (const domain of [
      'mypurecloud.com',
      'use2.us-gov-pure.cloud',
      'mypurecloud.ie',
      'mypurecloud.de',
      'mypurecloud.com.au',
      'mypurecloud.jp',
      'edee1.eusc-pure.cloud',
      'inindca.com',
      'inintca.com',
    ]) {
      expect(domains).toContain(domain);
    }
    expect(domains).toHaveLength(20);
  });

  // OpenAPI 3.1 component names must match ^[a-zA-Z0-9._-]+$, so the official "PureCloud OAuth"
  // is spelled PureCloudOAuth here.
  it('has the three OAuth flows under PureCloudOAuth, and phonehome needs no token', () => {
    const flows = contract.components.securitySchemes.PureCloudOAuth.flows;
    expect(Object.keys(flows).sort()).toEqual([
      'authorizationCode',
      'clientCredentials',
      'implicit',
    ]);
    expect(contract.security).toEqual([{ PureCloudOAuth: [] }]);
  });

  it('resolves every $ref', () => {
    const refs: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else walk(value);
        }
      }
    };
    walk(contract);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\//);
      expect(lookup(ref), ref).toBeDefined();
    }
  });
});

describe('the generated operation table', () => {
  it('has one entry per contract operation, in agreement with the contract', () => {
    expect(operationIds).toHaveLength(9);
    for (const [id, method, path, type, permissions] of seed) {
      const entry = getOperation(id);
      expect(entry).toMatchObject({ operationId: id, method, path });
      expect(entry?.permissions).toEqual(type === null ? null : { type, permissions });
      expect(entry?.requiresToken).toBe(type !== null);
      expect(entry?.visibility).toBe(INTERNAL.includes(id) ? 'internal' : 'public');
    }
  });

  it('describes parameters, bodies and responses in the details table', () => {
    expect(Object.keys(operationDetails)).toEqual(operationIds);
    const traces = operationDetails.getTelephonySiptraces;
    expect(traces.parameters.find((p) => p.name === 'dateStart')).toMatchObject({
      in: 'query',
      required: true,
      type: 'string',
      format: 'date-time',
      array: false,
    });
    expect(traces.responses.find((r) => r.status === 200)?.schema).toBe('SipSearchResult');
    expect(traces.responses.map((r) => r.status)).toEqual(
      expect.arrayContaining([200, 400, 401, 403, 404, 408, 413, 415, 429, 500, 503, 504]),
    );
    const headers = operationDetails.getTelephonySipmessagesConversationHeaders;
    expect(headers.parameters.find((p) => p.name === 'keys')?.array).toBe(true);
    expect(operationDetails.postTelephonySiptracesDownload.requestBody).toMatchObject({
      schema: 'SIPSearchPublicRequest',
      contentType: 'application/json',
      required: true,
    });
    expect(operationTable.getTelephonySiptracesDownloadDownloadId.success).toEqual([
      { status: 200, schema: 'SignedUrlResponse' },
      { status: 202, schema: null },
    ]);
    expect(operationTable.postTelephonyProvidersEdgesSiteSchedulereboot.success).toEqual([
      { status: 202, schema: null },
    ]);
    expect(getOperation('noSuchOperation')).toBeUndefined();
    expect(getOperation('toString')).toBeUndefined();
  });

  it('says the same in operationRoutes, one line per operation', () => {
    const lines = operationRoutes.split('\n').map((line) => line.split(' '));
    expect(lines).toHaveLength(9);
    for (const [i, op] of Object.values(operationTable).entries()) {
      const [method, path, token, rule] = lines[i] ?? [];
      expect(method).toBe(op.method);
      expect(`/api/v2/telephony${path}`).toBe(op.path);
      expect(token).toBe(op.requiresToken ? '+' : '-');
      const permissions = op.permissions;
      expect(rule).toBe(
        permissions ? `${permissions.type}=${permissions.permissions.join(',')}` : '-',
      );
    }
  });
});
