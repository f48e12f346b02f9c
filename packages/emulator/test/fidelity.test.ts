// A traffic run over every operation, success and error paths, each response validated against
// openapi/telephony.yaml.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { type CapturedResponse, loadContractValidator } from './support/contract-validator';
import { bearer, clientCredentialsToken, datasetRange, startEmulator } from './support/helpers';

let emulator: Emulator;
const captured: CapturedResponse[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    rateLimit: { requestsPerMinute: 200 },
    pcapReadyAfterMs: 1_000,
  });
});
afterAll(() => emulator.close());

async function call(
  operationId: string,
  path: string,
  init: RequestInit = {},
): Promise<CapturedResponse> {
  const res = await fetch(`${emulator.url}/api/v2/telephony${path}`, init);
  const response = {
    operationId,
    status: res.status,
    headers: res.headers,
    body: await res.text(),
  };
  captured.push(response);
  return response;
}

it('answers only what the contract declares', async () => {
  const demo = await clientCredentialsToken(emulator, 'demo');
  const viewer = await clientCredentialsToken(emulator, 'viewer');
  const auth = bearer(demo);
  const json = { ...auth, 'content-type': 'application/json' };
  const range = datasetRange(emulator);
  const conversation = emulator.dataset.conversations[0]?.conversationId ?? '';
  const phone = emulator.dataset.phones[0];
  const site = emulator.dataset.sites[0]?.siteId ?? '';

  await call('getTelephonyMediaregions', '/mediaregions', { headers: auth });
  await call('getTelephonyMediaregions', '/mediaregions');
  await call('getTelephonyMediaregions', '/mediaregions', { headers: bearer('stale') });
  await call('getTelephonyPhonePhoneIdSettings', `/phone/${phone?.phoneId}/settings`, {
    headers: auth,
  });
  await call('getTelephonyPhonePhoneIdSettings', '/phone/nope/settings', { headers: auth });
  await call(
    'getTelephonyPhonehomePhoneconfigurationHardwareId',
    `/phonehome/phoneconfiguration/${phone?.hardwareId}`,
  );
  await call(
    'getTelephonyPhonehomePhoneconfigurationHardwareId',
    '/phonehome/phoneconfiguration/nope',
  );
  for (const keys of ['', '?keys=ruri,to,from', '?keys=ruri&keys=via']) {
    await call(
      'getTelephonySipmessagesConversationHeaders',
      `/sipmessages/conversations/${conversation}/headers${keys}`,
      { headers: auth },
    );
  }
  await call('getTelephonySipmessagesConversation', `/sipmessages/conversations/${conversation}`, {
    headers: auth,
  });
  await call('getTelephonySipmessagesConversation', '/sipmessages/conversations/nope', {
    headers: auth,
  });
  await call('getTelephonySiptraces', `/siptraces?${new URLSearchParams(range)}`, {
    headers: auth,
  });
  await call(
    'getTelephonySiptraces',
    `/siptraces?${new URLSearchParams({ ...range, conversationId: conversation })}`,
    { headers: auth },
  );
  await call(
    'getTelephonySiptraces',
    `/siptraces?${new URLSearchParams({ dateStart: 'x', dateEnd: range.dateEnd })}`,
    { headers: auth },
  );

  const download = '/siptraces/download';
  const created = await call('postTelephonySiptracesDownload', download, {
    method: 'POST',
    headers: json,
    body: JSON.stringify(range),
  });
  await call('postTelephonySiptracesDownload', download, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/plain' },
    body: '{}',
  });
  await call('postTelephonySiptracesDownload', download, {
    method: 'POST',
    headers: json,
    body: '{}',
  });
  await call('postTelephonySiptracesDownload', download, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ ...range, name: 'x'.repeat(520_000) }),
  });
  await call('postTelephonySiptracesDownload', download, {
    method: 'POST',
    headers: { ...bearer(viewer), 'content-type': 'application/json' },
    body: JSON.stringify(range),
  });
  const { downloadId } = JSON.parse(created.body) as { downloadId: string };
  await call('getTelephonySiptracesDownloadDownloadId', `${download}/${downloadId}`, {
    headers: auth,
  });
  emulator.clock.advance(1_000);
  await call('getTelephonySiptracesDownloadDownloadId', `${download}/${downloadId}`, {
    headers: auth,
  });
  await call('getTelephonySiptracesDownloadDownloadId', `${download}/nope`, { headers: auth });

  const reboot = `/providers/edges/sites/${site}/schedulereboot`;
  await call('postTelephonyProvidersEdgesSiteSchedulereboot', reboot, {
    method: 'POST',
    headers: auth,
  });
  await call('postTelephonyProvidersEdgesSiteSchedulereboot', reboot, {
    method: 'POST',
    headers: auth,
  });
  await call('postTelephonyProvidersEdgesSiteSchedulereboot', reboot, {
    method: 'POST',
    headers: bearer(viewer),
  });
  await call(
    'postTelephonyProvidersEdgesSiteSchedulereboot',
    '/providers/edges/sites/nope/schedulereboot',
    { method: 'POST', headers: auth },
  );

  // Injected statuses the contract declares (500, 503, 504; 429 with Retry-After).
  emulator.setFaults([
    {
      sequence: [{ status: 500 }, { status: 503 }, { status: 504 }, { status: 429, retryAfter: 2 }],
    },
  ]);
  for (let i = 0; i < 4; i++)
    await call('getTelephonyMediaregions', '/mediaregions', { headers: auth });
  emulator.setFaults([{ pcap: 'fail' }]);
  await call('getTelephonySiptracesDownloadDownloadId', `${download}/${downloadId}`, {
    headers: auth,
  });
  emulator.setFaults([]);

  // The rate limit itself.
  const limited = await startEmulator({ rateLimit: { requestsPerMinute: 1 } });
  try {
    const token = await clientCredentialsToken(limited);
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${limited.url}/api/v2/telephony/mediaregions`, {
        headers: bearer(token),
      });
      captured.push({
        operationId: 'getTelephonyMediaregions',
        status: res.status,
        headers: res.headers,
        body: await res.text(),
      });
    }
  } finally {
    await limited.close();
  }

  const statuses = new Set(captured.map((r) => r.status));
  for (const status of [200, 202, 400, 401, 403, 404, 409, 413, 415, 429, 500, 503, 504]) {
    expect(statuses, `a ${status} in the run`).toContain(status);
  }
  const validate = loadContractValidator();
  expect(captured.flatMap(validate)).toEqual([]);

  // Rate limiting is on in both emulators: every API answer, errors included, reports it.
  const missing = captured.flatMap(({ operationId, status, headers }) =>
    ['inin-ratelimit-count', 'inin-ratelimit-allowed', 'inin-ratelimit-reset']
      .filter((name) => !/^\d+$/.test(headers.get(name) ?? ''))
      .map((name) => `${operationId} ${status}: ${name}`),
  );
  expect(missing).toEqual([]);
});

it('has a validator that catches violations', () => {
  const validate = loadContractValidator();
  const headers = new Headers({ 'content-type': 'application/json', 'ININ-Correlation-Id': 'x' });
  const ok = {
    operationId: 'getTelephonyMediaregions',
    status: 200,
    headers,
    body: '{"awsHomeRegion":"us-east-1"}',
  };
  expect(validate(ok)).toEqual([]);
  expect(validate({ ...ok, body: '{"awsHomeRegion":1}' })).toHaveLength(1);
  expect(validate({ ...ok, status: 201 })).toEqual([
    'getTelephonyMediaregions 201: status not declared by the contract',
  ]);
  expect(
    validate({ ...ok, headers: new Headers({ 'content-type': 'application/json' }) })[0],
  ).toContain('ININ-Correlation-Id');
  expect(
    validate({
      ...ok,
      operationId: 'postTelephonyProvidersEdgesSiteSchedulereboot',
      status: 202,
      body: '{}',
    }),
  ).toHaveLength(1);
});
