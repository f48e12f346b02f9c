// Client credentials over real HTTP: the token request, caching, one shared refresh, one
// re-authentication on 401, and OAuth errors that hint at the region.
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, clientCredentials, createTelephonyClient, NetworkError } from '../src/index';
import { memoryLogger, watchTimers } from './helpers/fast';
import {
  closedPort,
  errorBody,
  sendJson,
  startServer,
  type TestServer,
} from './helpers/http-server';

const REGIONS = '/api/v2/telephony/mediaregions';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface LoginServer {
  /** Tokens the API accepts. */
  valid: Set<string>;
  /** expires_in of the next tokens. */
  expiresIn: number;
  /** Delay of the token endpoint (to let concurrent callers pile up). */
  tokenDelayMs: number;
  issued: number;
  oauthError?: { status: number; body: unknown };
}

async function start(state: Partial<LoginServer> = {}) {
  const login: LoginServer = {
    valid: new Set(),
    expiresIn: 86_400,
    tokenDelayMs: 0,
    issued: 0,
    ...state,
  };
  server = await startServer(async (req, res) => {
    if (req.path === '/oauth/token') {
      if (login.oauthError) return sendJson(res, login.oauthError.status, login.oauthError.body);
      await new Promise((resolve) => setTimeout(resolve, login.tokenDelayMs));
      login.issued += 1;
      const token = `tok-${login.issued}`;
      login.valid.add(token);
      return sendJson(res, 200, {
        access_token: token,
        token_type: 'bearer',
        expires_in: login.expiresIn,
      });
    }
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (!token || !login.valid.has(token)) {
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
    return sendJson(res, 200, { awsHomeRegion: 'us-east-1', token });
  });
  return { server, login };
}

describe('clientCredentials', () => {
  it('posts grant_type=client_credentials with Basic auth to <login>/oauth/token', async () => {
    const { server: s } = await start();
    const auth = clientCredentials({ clientId: 'my-client', clientSecret: 's3cr3t' });
    const c = createTelephonyClient({ baseUrl: s.url, auth });
    await c.unwrap(c.GET(REGIONS));
    const [token] = s.hits('/oauth/token');
    expect(token?.method).toBe('POST');
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token?.headers.authorization).toBe(
      `Basic ${Buffer.from('my-client:s3cr3t').toString('base64')}`,
    );
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      grant_type: 'client_credentials',
    });
    expect(s.hits(REGIONS)[0]?.headers.authorization).toBe('Bearer tok-1');
  });

  it('caches the token until shortly before it expires', async () => {
    const { server: s } = await start({ expiresIn: 300 });
    let time = 0;
    const c = createTelephonyClient({
      baseUrl: s.url,
      auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
      now: () => time,
    });
    await c.GET(REGIONS);
    time = 250_000; // 50 s before expiry: still fresh (margin: 10% of 300 s)
    await c.GET(REGIONS);
    expect(s.hits('/oauth/token')).toHaveLength(1);
    time = 275_000; // inside the margin: refreshed
    await c.GET(REGIONS);
    expect(s.hits('/oauth/token')).toHaveLength(2);
    expect(s.hits(REGIONS).map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
  });

  it('shares one token request among N concurrent calls', async () => {
    const { server: s } = await start({ tokenDelayMs: 30 });
    const c = createTelephonyClient({
      baseUrl: s.url,
      auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
    });
    const results = await Promise.all(Array.from({ length: 8 }, () => c.unwrap(c.GET(REGIONS))));
    expect(results).toHaveLength(8);
    expect(s.hits('/oauth/token')).toHaveLength(1);
  });

  it('re-authenticates exactly once when the API rejects an expired token, shared by concurrent calls', async () => {
    const { server: s, login } = await start();
    const c = createTelephonyClient({
      baseUrl: s.url,
      auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
    });
    await c.GET(REGIONS);
    login.valid.clear(); // the platform revoked tok-1
    const results = await Promise.all(Array.from({ length: 5 }, () => c.unwrap(c.GET(REGIONS))));
    expect(results.every((r) => (r as { token?: string }).token === 'tok-2')).toBe(true);
    expect(s.hits('/oauth/token')).toHaveLength(2);
  });

  it('gives up with a clear AuthError when the fresh token is rejected too', async () => {
    const { server: s, login } = await start();
    login.valid.add = function (this: Set<string>) {
      return this; // the API never accepts a token
    };
    const c = createTelephonyClient({
      baseUrl: s.url,
      auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
    });
    const error = await c.unwrap(c.GET(REGIONS)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, code: 'authentication.required' });
    expect((error as Error).message).toMatch(/fresh token was requested and also rejected/);
    expect(s.hits('/oauth/token')).toHaveLength(2);
    expect(s.hits(REGIONS)).toHaveLength(2);
  });

  it('turns invalid_client into an AuthError that hints at another region, without the secret', async () => {
    const { server: s } = await start({
      oauthError: {
        status: 400,
        body: {
          error: 'invalid_client',
          description: 'client not found',
          error_description: 'client not found',
        },
      },
    });
    const { lines, logger } = memoryLogger();
    const c = createTelephonyClient({
      baseUrl: s.url,
      auth: clientCredentials({ clientId: 'a', clientSecret: 'top-secret-value' }),
      logger,
    });
    const error = await c.GET(REGIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      oauthError: 'invalid_client',
      status: 400,
      code: 'invalid_client',
    });
    expect((error as Error).message).toMatch(/invalid_client: client not found/);
    expect((error as Error).message).toMatch(/another region/);
    const everything = `${(error as Error).message} ${JSON.stringify((error as AuthError).toJSON())} ${lines.join()}`;
    expect(everything).not.toContain('top-secret-value');
    expect(everything).not.toContain(Buffer.from('a:top-secret-value').toString('base64'));
    expect(s.hits(REGIONS)).toHaveLength(0);
  });

  it('names the region in the hint when the client was created for one', async () => {
    const fetch = async () =>
      new Response(
        JSON.stringify({
          error: 'invalid_client',
          error_description: 'Invalid client credentials',
        }),
        {
          status: 401,
          headers: { 'content-type': 'application/json' },
        },
      );
    const c = createTelephonyClient({
      region: 'eu_west_1',
      auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
      fetch,
    });
    await expect(c.GET(REGIONS)).rejects.toThrow(/eu-west-1 \(https:\/\/login\.mypurecloud\.ie\)/);
  });

  it('says the login service is unavailable on a 503, without blaming the region', async () => {
    const fetch = async () =>
      new Response('<html>maintenance</html>', { status: 503, statusText: 'Service Unavailable' });
    const c = createTelephonyClient({
      region: 'us-east-1',
      auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
      fetch,
    });
    const error = await c.GET(REGIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 503, code: 'login.unavailable' });
    expect((error as Error).message).toMatch(
      /unavailable \(503 Service Unavailable\)\. Try again later/,
    );
    expect((error as Error).message).not.toMatch(/region/);
  });

  it('rejects an already-aborted getToken() at once: no token request, no unhandled rejection', async () => {
    const port = await closedPort();
    const auth = clientCredentials({
      clientId: 'a',
      clientSecret: 'b',
      loginBaseUrl: `http://127.0.0.1:${port}`,
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const reason = new Error('gone');
      await expect(auth.getToken({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // A caller that gives up while the request is on its way leaves no rejection behind either.
      const controller = new AbortController();
      const pending = auth.getToken({ signal: controller.signal });
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('does not start a token request for an aborted signal', async () => {
    const { server: s } = await start();
    const auth = clientCredentials({ clientId: 'a', clientSecret: 'b', loginBaseUrl: s.url });
    await expect(auth.getToken({ signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.hits('/oauth/token')).toHaveLength(0);
  });

  it('stops the token request’s timer once the token has been read', async () => {
    const { server: s } = await start();
    const timers = watchTimers(43_210);
    try {
      const c = createTelephonyClient({
        baseUrl: s.url,
        auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
        timeoutMs: 43_210,
      });
      await c.unwrap(c.GET(REGIONS));
      expect(s.hits('/oauth/token')).toHaveLength(1);
      expect(timers.created).toBe(2); // the token request's and the API call's
      expect(timers.pending.size).toBe(0);
    } finally {
      timers.restore();
    }
  });

  it('reports an unreachable login service as a NetworkError', async () => {
    const port = await closedPort();
    const c = createTelephonyClient({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: clientCredentials({ clientId: 'a', clientSecret: 'b' }),
    });
    await expect(c.GET(REGIONS)).rejects.toBeInstanceOf(NetworkError);
  });
});
