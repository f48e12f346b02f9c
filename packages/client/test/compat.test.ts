// The official SDK's TelephonyApi examples run unchanged (but for the require line and the
// environment) against a real HTTP server, plus the ApiClient features callers rely on.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as compat from '../src/compat/index';
import {
  ApiClient,
  ApiError,
  AuthError,
  PureCloudRegionHosts,
  TelephonyApi,
  ValidationError,
} from '../src/compat/index';
import { errorBody, sendJson, startServer, type TestServer } from './helpers/http-server';

const TOKEN = 'example-token';
const fixture = readFileSync(
  new URL('./fixtures/telephony-api-examples.md', import.meta.url),
  'utf8',
);
const examples = [...fixture.matchAll(/## (\w+)\n\n```js\n([\s\S]*?)```/g)].map(
  ([, name, code]) => ({
    name: name as string,
    code: code as string,
  }),
);

const ROUTES: Record<string, { method: string; body: unknown; status?: number; token?: false }> = {
  '/api/v2/telephony/mediaregions': {
    method: 'GET',
    body: { awsHomeRegion: 'us-east-1', awsCoreRegions: ['us-east-1'], awsSatelliteRegions: [] },
  },
  '/api/v2/telephony/phone/phoneId_example/settings': {
    method: 'GET',
    body: {
      primary: [{ registrar: 'edge-1', port: 5061, transportProtocol: 'TLS' }],
      secondary: [],
    },
  },
  '/api/v2/telephony/phonehome/phoneconfiguration/hardwareId_example': {
    method: 'GET',
    body: { provisioning: 'ok' },
    token: false,
  },
  '/api/v2/telephony/sipmessages/conversations/conversationId_example': {
    method: 'GET',
    body: { id: 'conversationId_example', message: 'INVITE sip:+1@x SIP/2.0' },
  },
  '/api/v2/telephony/sipmessages/conversations/conversationId_example/headers': {
    method: 'GET',
    body: { id: 'conversationId_example', headers: { to: ['<sip:+1@x>'] } },
  },
  '/api/v2/telephony/siptraces': { method: 'GET', body: { data: [], count: 0 } },
  '/api/v2/telephony/siptraces/download/downloadId_example': {
    method: 'GET',
    body: { id: 'downloadId_example', url: 'https://s3.example/x.pcap' },
  },
  '/api/v2/telephony/providers/edges/sites/siteId_example/schedulereboot': {
    method: 'POST',
    body: undefined,
    status: 202,
  },
  '/api/v2/telephony/siptraces/download': {
    method: 'POST',
    body: { downloadId: 'd-1', documentId: 'doc-1' },
  },
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.path === '/oauth/token')
      return sendJson(res, 200, { access_token: TOKEN, expires_in: 3600 });
    const route = ROUTES[req.path];
    if (!route || route.method !== req.method)
      return sendJson(res, 404, errorBody(404, 'not.found', `No route ${req.method} ${req.path}`));
    if (route.token !== false && req.headers.authorization !== `Bearer ${TOKEN}`) {
      return sendJson(
        res,
        401,
        errorBody(
          401,
          'authentication.required',
          'No authentication bearer token specified in authorization header.',
        ),
      );
    }
    if (route.body === undefined) {
      res.writeHead(route.status ?? 204, { 'inin-correlation-id': 'corr-c' });
      return res.end();
    }
    sendJson(res, route.status ?? 200, route.body);
  });
});
afterAll(() => server.close());

/** Runs an example as a CommonJS script and resolves with what it logged once it has finished. */
function runExample(code: string): Promise<{ logs: string[]; errors: unknown[] }> {
  return new Promise((resolve) => {
    const logs: string[] = [];
    const errors: unknown[] = [];
    const done = () => resolve({ logs, errors });
    const fakeConsole = {
      log: (line: string) => {
        logs.push(line);
        if (/success! data:|returned successfully/.test(line)) done();
      },
      error: (error: unknown) => {
        errors.push(error);
        done();
      },
    };
    const require = (id: string) => {
      if (id !== '@telephony-kit/client/compat') throw new Error(`unexpected require(${id})`);
      return compat;
    };
    new Function('require', 'console', 'environment', 'yourAccessToken', code)(
      require,
      fakeConsole,
      server.url,
      TOKEN,
    );
  });
}

describe('the official TelephonyApi examples', () => {
  it('are all nine', () => {
    expect(examples.map((e) => e.name).sort()).toEqual(
      Object.getOwnPropertyNames(TelephonyApi.prototype)
        .filter((n) => n !== 'constructor')
        .sort(),
    );
  });

  it.each(examples)('$name runs unchanged and succeeds', async ({ name, code }) => {
    const before = server.requests.length;
    const { logs, errors } = await runExample(code);
    expect(errors).toEqual([]);
    expect(logs[0]).toMatch(new RegExp(`^${name} (success! data: |returned successfully)`));
    const [request] = server.requests.slice(before);
    if (name === 'getTelephonySiptraces') {
      expect(new URL(request?.url ?? '', server.url).searchParams.toString()).toBe(
        'dateStart=2013-10-20T18%3A20%3A30.000Z&dateEnd=2013-10-20T18%3A20%3A30.000Z&callId=callId_example&toUser=toUser_example&fromUser=fromUser_example&conversationId=conversationId_example',
      );
    }
    if (name === 'getTelephonySipmessagesConversationHeaders')
      expect(request?.url).toMatch(/\?keys=keys_example$/);
    if (name === 'postTelephonySiptracesDownload') expect(request?.body).toBe('{}');
    if (name === 'getTelephonyPhonehomePhoneconfigurationHardwareId')
      expect(request?.headers.authorization).toBeUndefined();
    if (logs[0]?.includes('success!')) {
      const data = JSON.parse(logs[0].slice(logs[0].indexOf('data: ') + 6));
      expect(data).toEqual(ROUTES[request?.path ?? '']?.body);
    }
  });
});

describe('ApiClient', () => {
  it('accepts region names (eu_west_1 too), domains and URLs in setEnvironment', () => {
    const client = new ApiClient();
    expect(client.basePath).toBe('https://api.mypurecloud.com');
    client.setEnvironment('eu_west_1');
    expect(client.basePath).toBe('https://api.mypurecloud.ie');
    client.setEnvironment(PureCloudRegionHosts.ap_southeast_2 as string);
    expect(client.basePath).toBe('https://api.mypurecloud.com.au');
    client.setEnvironment('https://api.mypurecloud.de');
    expect(client.basePath).toBe('https://api.mypurecloud.de');
    expect(client.client.loginBaseUrl).toBe('https://login.mypurecloud.de');
    expect(() => client.setEnvironment('http://api.mypurecloud.de')).toThrow(ValidationError);
  });

  it('keeps one shared instance, and new TelephonyApi(apiClient) uses another', () => {
    expect(ApiClient.instance).toBe(ApiClient.instance);
    const other = new ApiClient();
    expect(new TelephonyApi(other).apiClient).toBe(other);
    expect(new TelephonyApi().apiClient).toBe(ApiClient.instance);
  });

  it('reaches a gateway set with setGateway', async () => {
    const client = new ApiClient();
    const { port } = new URL(server.url);
    client.setGateway({ protocol: 'http', host: '127.0.0.1', port });
    client.setAccessToken(TOKEN);
    await expect(new TelephonyApi(client).getTelephonyMediaregions()).resolves.toMatchObject({
      awsHomeRegion: 'us-east-1',
    });
  });

  it('returns { status, statusText, headers, body, correlationId } with extended responses', async () => {
    const client = new ApiClient();
    client.setEnvironment(server.url);
    client.setAccessToken(TOKEN);
    client.setReturnExtendedResponses(true);
    const response = await new TelephonyApi(client).getTelephonySiptracesDownloadDownloadId(
      'downloadId_example',
    );
    expect(response).toEqual({
      status: 200,
      statusText: 'OK',
      headers: expect.objectContaining({
        'content-type': 'application/json',
        'inin-correlation-id': 'corr-1234',
      }),
      body: ROUTES['/api/v2/telephony/siptraces/download/downloadId_example']?.body,
      correlationId: 'corr-1234',
    });
  });

  it('rejects with an ApiError that carries the official SDK’s fields', async () => {
    const client = new ApiClient();
    client.setEnvironment(server.url);
    client.setAccessToken(TOKEN);
    const error = await new TelephonyApi(client)
      .getTelephonySipmessagesConversation('missing')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      statusText: 'Not Found',
      code: 'not.found',
      correlationId: 'corr-1234',
      body: { code: 'not.found', status: 404 },
      error: { code: 'not.found' },
    });
    expect((error as Error).message).toContain('No route GET');
  });

  it('rejects with an AuthError (status 401) without a token', async () => {
    const client = new ApiClient();
    client.setEnvironment(server.url);
    client.setAccessToken('wrong');
    const error = await new TelephonyApi(client)
      .getTelephonyMediaregions()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, code: 'authentication.required' });
  });

  it('rejects a missing required parameter before any request, as the official SDK names it', async () => {
    const before = server.requests.length;
    await expect(
      new TelephonyApi(new ApiClient()).getTelephonySiptraces(undefined as never, 'x'),
    ).rejects.toThrow(
      "Missing the required parameter 'dateStart' when calling getTelephonySiptraces",
    );
    expect(server.requests.length).toBe(before);
  });

  it('logs in with client credentials and keeps using that token', async () => {
    const login = await startServer((req, res) => {
      if (req.path === '/oauth/token')
        return sendJson(res, 200, { access_token: TOKEN, expires_in: 3600 });
      sendJson(res, req.headers.authorization === `Bearer ${TOKEN}` ? 200 : 401, {
        awsHomeRegion: 'x',
      });
    });
    try {
      const client = new ApiClient();
      client.setEnvironment(login.url);
      const auth = await client.loginClientCredentialsGrant('id', 'secret');
      expect(auth.accessToken).toBe(TOKEN);
      expect(auth.tokenExpiryTime).toBeGreaterThan(Date.now());
      expect(typeof auth.tokenExpiryTimeString).toBe('string');
      await expect(new TelephonyApi(client).getTelephonyMediaregions()).resolves.toEqual({
        awsHomeRegion: 'x',
      });
      expect(login.hits('/oauth/token')).toHaveLength(1);
    } finally {
      await login.close();
    }
  });

  function browser() {
    const items = new Map<string, string>();
    let redirected: (url: string) => void = () => {};
    const redirect = new Promise<string>((resolve) => {
      redirected = resolve;
    });
    const location = {
      href: 'https://app.example/',
      assign(url: string) {
        location.href = url;
        redirected(url);
      },
    };
    const options = {
      storage: {
        getItem: (k: string) => items.get(k) ?? null,
        setItem: (k: string, v: string) => void items.set(k, v),
        removeItem: (k: string) => void items.delete(k),
      },
      location,
      history: {
        replaceState(_d: unknown, _u: string, url?: string | URL | null) {
          location.href = String(url);
        },
      },
    };
    return { location, redirect, options };
  }

  it('completes an implicit grant login on the redirect page', async () => {
    const client = new ApiClient();
    const { location, redirect, options } = browser();
    client.configure({ browser: options });
    void client.loginImplicitGrant('cid', 'https://app.example/cb', { state: 'mine' });
    const sent = new URL(await redirect);
    expect(`${sent.origin}${sent.pathname}`).toBe('https://login.mypurecloud.com/oauth/authorize');
    expect(sent.searchParams.get('response_type')).toBe('token');
    location.href = `https://app.example/cb#access_token=imp&expires_in=60&state=${sent.searchParams.get('state')}`;
    const auth = await client.loginImplicitGrant('cid', 'https://app.example/cb');
    expect(auth).toMatchObject({ accessToken: 'imp', state: 'mine' });
    expect(location.href).toBe('https://app.example/cb');
  });

  it('completes a PKCE login against the environment’s login host', async () => {
    const client = new ApiClient();
    client.setEnvironment(server.url);
    const { location, redirect, options } = browser();
    client.configure({ browser: options });
    void client.loginPKCEGrant('cid', 'https://app.example/cb');
    const sent = new URL(await redirect);
    expect(`${sent.origin}${sent.pathname}`).toBe(`${server.url}/oauth/authorize`);
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
    location.href = `https://app.example/cb?code=c0de&state=${sent.searchParams.get('state')}`;
    const auth = await client.loginPKCEGrant('cid', 'https://app.example/cb');
    expect(auth.accessToken).toBe(TOKEN);
    const form = Object.fromEntries(new URLSearchParams(server.hits('/oauth/token').at(-1)?.body));
    expect(form).toMatchObject({
      grant_type: 'authorization_code',
      code: 'c0de',
      client_id: 'cid',
    });
    await expect(new TelephonyApi(client).getTelephonyMediaregions()).resolves.toMatchObject({
      awsHomeRegion: 'us-east-1',
    });
  });
});
