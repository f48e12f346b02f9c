// PKCE and implicit grant in Node, with sessionStorage, location and history injected (the real
// browser run is separate); the token exchange crosses real HTTP.
import { createHash, webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError, codeChallenge, createTelephonyClient, implicitGrant, pkce } from '../src/index';
import { sendJson, startServer, type TestServer } from './helpers/http-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function fakeBrowser(href: string) {
  const items = new Map<string, string>();
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  const location = {
    href,
    assigned: [] as string[],
    assign(url: string) {
      this.assigned.push(url);
    },
  };
  const history = {
    replaceState(_data: unknown, _unused: string, url?: string | URL | null) {
      location.href = String(url);
    },
  };
  return { items, storage, location, history, crypto: webcrypto as unknown as Crypto };
}

async function loginServer() {
  server = await startServer((req, res) => {
    if (req.path === '/oauth/token') {
      const form = Object.fromEntries(new URLSearchParams(req.body));
      if (form.code !== 'the-code')
        return sendJson(res, 400, { error: 'invalid_grant', error_description: 'bad code' });
      return sendJson(res, 200, {
        access_token: 'pkce-token',
        token_type: 'bearer',
        expires_in: 3600,
      });
    }
    sendJson(res, 200, { authorization: req.headers.authorization });
  });
  return server;
}

const APP = 'https://app.example.com/callback';

describe('pkce', () => {
  it('computes the S256 challenge as base64url(SHA-256(verifier))', async () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'; // RFC 7636 appendix B
    expect(await codeChallenge(webcrypto as unknown as Crypto, verifier)).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('login() stores a 43–128 character verifier and redirects to /oauth/authorize with S256', async () => {
    const browser = fakeBrowser('https://app.example.com/');
    const auth = pkce({ clientId: 'cid', redirectUri: APP, region: 'eu-west-1', ...browser });
    const url = new URL(await auth.login());
    expect(browser.location.assigned).toEqual([url.toString()]);
    expect(`${url.origin}${url.pathname}`).toBe('https://login.mypurecloud.ie/oauth/authorize');
    const pending = JSON.parse([...browser.items.values()][0] as string);
    expect(pending.verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: APP,
      code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: pending.nonce,
    });
    expect(() => pkce({ clientId: 'c', redirectUri: APP, verifierLength: 42 })).toThrow(
      /43 to 128/,
    );
    expect(() => pkce({ clientId: 'c', redirectUri: APP, verifierLength: 129 })).toThrow(
      /43 to 128/,
    );
  });

  it('handleRedirect() checks the state, exchanges the code with the verifier and cleans the URL', async () => {
    const s = await loginServer();
    const browser = fakeBrowser('https://app.example.com/');
    const auth = pkce({ clientId: 'cid', redirectUri: APP, ...browser, verifierLength: 128 });
    const client = createTelephonyClient({ baseUrl: s.url, auth });
    const authorize = new URL(await auth.login({ state: 'back-to=/calls' }));
    expect(authorize.origin).toBe(s.url); // the emulator serves /oauth/* on its own origin
    const { verifier } = JSON.parse([...browser.items.values()][0] as string);
    browser.location.href = `${APP}?code=the-code&state=${authorize.searchParams.get('state')}&tab=2`;

    const result = await auth.handleRedirect();
    expect(result).toMatchObject({ accessToken: 'pkce-token', state: 'back-to=/calls' });
    expect(browser.location.href).toBe(`${APP}?tab=2`);
    expect(browser.items.size).toBe(0);
    const form = Object.fromEntries(new URLSearchParams(s.hits('/oauth/token')[0]?.body));
    expect(form).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      code_verifier: verifier,
      client_id: 'cid',
      redirect_uri: APP,
    });
    expect(verifier).toHaveLength(128);
    const data = (await client.unwrap(client.GET('/api/v2/telephony/mediaregions'))) as Record<
      string,
      unknown
    >;
    expect(data.authorization).toBe('Bearer pkce-token');
  });

  it('completes the login on first use when the page has a code', async () => {
    const s = await loginServer();
    const browser = fakeBrowser('https://app.example.com/');
    const auth = pkce({ clientId: 'cid', redirectUri: APP, loginBaseUrl: s.url, ...browser });
    const state = new URL(await auth.login()).searchParams.get('state');
    browser.location.href = `${APP}?code=the-code&state=${state}`;
    await expect(auth.getToken()).resolves.toBe('pkce-token');
  });

  it('rejects a redirect whose state does not match', async () => {
    const s = await loginServer();
    const browser = fakeBrowser('https://app.example.com/');
    const auth = pkce({ clientId: 'cid', redirectUri: APP, loginBaseUrl: s.url, ...browser });
    await auth.login();
    browser.location.href = `${APP}?code=the-code&state=forged`;
    await expect(auth.handleRedirect()).rejects.toThrow(/state .* does not match/);
    expect(s.hits('/oauth/token')).toHaveLength(0);
    expect(browser.location.href).toBe(APP);
  });

  it('says to sign in when there is no token, and maps an OAuth error in the redirect', async () => {
    const browser = fakeBrowser('https://app.example.com/');
    const auth = pkce({ clientId: 'cid', redirectUri: APP, region: 'us-east-1', ...browser });
    await expect(auth.getToken()).rejects.toThrow(/call login\(\)/);
    browser.location.href = `${APP}?error=unauthorized_client&error_description=unknown+client`;
    const error = await auth.handleRedirect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/unauthorized_client: unknown client.*region/);
  });

  it('does not touch browser globals until used', () => {
    expect(() => pkce({ clientId: 'cid', redirectUri: APP })).not.toThrow();
  });
});

describe('implicitGrant', () => {
  it('login() redirects with response_type=token and a state', async () => {
    const browser = fakeBrowser('https://app.example.com/');
    const auth = implicitGrant({
      clientId: 'cid',
      redirectUri: APP,
      region: 'ap-northeast-1',
      ...browser,
    });
    const url = new URL(await auth.login());
    expect(`${url.origin}${url.pathname}`).toBe('https://login.mypurecloud.jp/oauth/authorize');
    expect(url.searchParams.get('response_type')).toBe('token');
    expect(url.searchParams.get('client_id')).toBe('cid');
    expect(url.searchParams.get('redirect_uri')).toBe(APP);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('reads the token from the fragment, checks the state and clears the fragment', async () => {
    const browser = fakeBrowser('https://app.example.com/');
    let time = 1_000;
    const auth = implicitGrant({ clientId: 'cid', redirectUri: APP, ...browser });
    const fetch = async (request: Request) =>
      new Response(JSON.stringify({ authorization: request.headers.get('authorization') }), {
        headers: { 'content-type': 'application/json' },
      });
    const client = createTelephonyClient({ region: 'us-east-1', auth, fetch, now: () => time });
    const state = new URL(await auth.login({ state: 'app' })).searchParams.get('state');
    browser.location.href = `${APP}?x=1#access_token=imp-token&expires_in=600&token_type=bearer&state=${state}`;
    const data = (await client.unwrap(client.GET('/api/v2/telephony/mediaregions'))) as Record<
      string,
      unknown
    >;
    expect(data.authorization).toBe('Bearer imp-token');
    expect(browser.location.href).toBe(`${APP}?x=1`);
    time += 601_000; // expired, and no way to renew without the user
    await expect(auth.getToken()).rejects.toThrow(/call login\(\)/);
  });

  it('refuses a fragment token whose state does not match', async () => {
    const browser = fakeBrowser('https://app.example.com/');
    const auth = implicitGrant({
      clientId: 'cid',
      redirectUri: APP,
      region: 'us-east-1',
      ...browser,
    });
    await auth.login();
    browser.location.href = `${APP}#access_token=evil&expires_in=600&state=nope`;
    await expect(auth.handleRedirect()).rejects.toThrow(/state .* does not match/);
    expect(browser.location.href).toBe(APP);
  });
});
