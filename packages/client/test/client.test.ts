// A real client over a handler fetch: typed calls, unwrap, token attachment, contract checks.
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthError,
  createTelephonyClient,
  staticToken,
  ValidationError,
} from '../src/index';
import { memoryLogger } from './helpers/fast';

type Handler = (request: Request) => Response | Promise<Response>;

function handlerClient(handler: Handler, extra: Record<string, unknown> = {}) {
  const seen: Request[] = [];
  const client = createTelephonyClient({
    region: 'eu-west-1',
    auth: 'tok-static',
    retry: false,
    fetch: async (request) => {
      seen.push(request.clone());
      return handler(request);
    },
    ...extra,
  });
  return { client, seen };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'inin-correlation-id': 'corr-5', ...headers },
  });

describe('createTelephonyClient', () => {
  it('calls the region’s API host with the token and returns { data, response }', async () => {
    const { client, seen } = handlerClient(() =>
      json({ awsHomeRegion: 'eu-west-1', awsCoreRegions: [] }),
    );
    const { data, error, response } = await client.GET('/api/v2/telephony/mediaregions');
    expect(error).toBeUndefined();
    expect(data?.awsHomeRegion).toBe('eu-west-1');
    expect(response.status).toBe(200);
    expect(seen[0]?.url).toBe('https://api.mypurecloud.ie/api/v2/telephony/mediaregions');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer tok-static');
    expect(client.loginBaseUrl).toBe('https://login.mypurecloud.ie');
    expect(client.region).toBe('eu-west-1');
  });

  it('serialises path and query parameters, keys as repeated pairs', async () => {
    const { client, seen } = handlerClient(() => json({ id: 'c', headers: {} }));
    await client.unwrap(
      client.GET('/api/v2/telephony/sipmessages/conversations/{conversationId}/headers', {
        params: { path: { conversationId: 'c 1' }, query: { keys: ['ruri', 'to'] } },
      }),
    );
    expect(seen[0]?.url).toBe(
      'https://api.mypurecloud.ie/api/v2/telephony/sipmessages/conversations/c%201/headers?keys=ruri&keys=to',
    );
  });

  it('sends no token to the token-less phonehome operation, even with auth configured', async () => {
    const { client, seen } = handlerClient(() => json({ sipServer: 'x' }));
    const data = await client.unwrap(
      client.GET('/api/v2/telephony/phonehome/phoneconfiguration/{hardwareId}', {
        params: { path: { hardwareId: '00:11:22:33:44:55' } },
      }),
    );
    expect(data).toEqual({ sipServer: 'x' });
    expect(seen[0]?.headers.has('authorization')).toBe(false);
  });

  it('works without auth for phonehome, and says what to do for other operations', async () => {
    const fetch = async () => json({});
    const client = createTelephonyClient({ baseUrl: 'http://127.0.0.1:1', fetch, retry: false });
    await expect(
      client.unwrap(
        client.GET('/api/v2/telephony/phonehome/phoneconfiguration/{hardwareId}', {
          params: { path: { hardwareId: 'a' } },
        }),
      ),
    ).resolves.toEqual({});
    await expect(client.GET('/api/v2/telephony/mediaregions')).rejects.toThrow(AuthError);
    await expect(client.GET('/api/v2/telephony/mediaregions')).rejects.toThrow(/has no `auth`/);
  });

  it('unwrap() returns data, and undefined for the 202 without body of schedulereboot', async () => {
    const { client, seen } = handlerClient(() => new Response(null, { status: 202 }));
    const result = await client.unwrap(
      client.POST('/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot', {
        params: { path: { siteId: 's-1' } },
      }),
    );
    expect(result).toBeUndefined();
    expect(seen[0]?.method).toBe('POST');
  });

  it('unwrap() throws an ApiError with the request, status, code and correlation id', async () => {
    const { client } = handlerClient(() =>
      json({ status: 404, code: 'not.found', message: 'Conversation not found' }, 404),
    );
    const result = await client.GET(
      '/api/v2/telephony/sipmessages/conversations/{conversationId}',
      {
        params: { path: { conversationId: 'abc' } },
      },
    );
    expect(result.error?.code).toBe('not.found');
    const error = await client.unwrap(result).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'not.found',
      method: 'GET',
      path: '/api/v2/telephony/sipmessages/conversations/abc',
      correlationId: 'corr-5',
    });
  });

  it('turns a success body that is not JSON into an ApiError that says the contract was broken', async () => {
    const { client } = handlerClient(
      () =>
        new Response('<html>captive portal</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const error = await client.GET('/api/v2/telephony/mediaregions').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'contract.violation', status: 200 });
    expect((error as Error).message).toMatch(
      /not JSON \(text\/html\): "<html>captive portal<\/html>"/,
    );
  });

  it('asks a token function for every request and never logs the token', async () => {
    let n = 0;
    const { lines, logger } = memoryLogger();
    const { client, seen } = handlerClient(() => json({}), {
      auth: staticToken(() => `tok-${++n}`),
      logger,
    });
    await client.GET('/api/v2/telephony/mediaregions');
    await client.GET('/api/v2/telephony/mediaregions');
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/tok-\d/);
  });

  it('sets a User-Agent outside browsers, or the one given', async () => {
    const byDefault = handlerClient(() => json({}));
    await byDefault.client.GET('/api/v2/telephony/mediaregions');
    expect(byDefault.seen[0]?.headers.get('user-agent')).toBe('telephony-kit');
    const { client, seen } = handlerClient(() => json({}), { userAgent: 'my-app/1.0' });
    await client.GET('/api/v2/telephony/mediaregions');
    expect(seen[0]?.headers.get('user-agent')).toBe('my-app/1.0');
  });

  it('is one instance per call (no shared state)', async () => {
    const a = handlerClient(() => json({}), { auth: 'tok-a' });
    const b = handlerClient(() => json({}), { auth: 'tok-b' });
    await a.client.GET('/api/v2/telephony/mediaregions');
    await b.client.GET('/api/v2/telephony/mediaregions');
    expect(a.seen[0]?.headers.get('authorization')).toBe('Bearer tok-a');
    expect(b.seen[0]?.headers.get('authorization')).toBe('Bearer tok-b');
    expect(a.client).not.toBe(b.client);
  });

  it('needs exactly one of region and baseUrl', () => {
    expect(() => createTelephonyClient({} as never)).toThrow(ValidationError);
    expect(() =>
      createTelephonyClient({ region: 'us-east-1', baseUrl: 'https://x' } as never),
    ).toThrow(/exactly one/);
  });
});
