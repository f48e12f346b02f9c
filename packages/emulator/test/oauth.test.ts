import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { basic, bearer, clientCredentialsToken, startEmulator } from './support/helpers';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const REDIRECT = 'http://127.0.0.1:53682/callback';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ tokenLifetimeSeconds: 600 });
});
afterAll(() => emulator.close());

function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { ...FORM, ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

async function authorize(params: Record<string, string>): Promise<Response> {
  const query = new URLSearchParams({
    client_id: emulator.credentials.demo.clientId,
    redirect_uri: REDIRECT,
    state: 'st-123',
    ...params,
  });
  return fetch(`${emulator.url}/oauth/authorize?${query}`, { redirect: 'manual' });
}

function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('client credentials', () => {
  it('issues a bearer token that /api/v2/tokens/me accepts', async () => {
    const { clientId, clientSecret } = emulator.credentials.demo;
    const res = await tokenRequest(
      { grant_type: 'client_credentials' },
      { authorization: basic(clientId, clientSecret) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
    };
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 600 });
    expect(res.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);

    const me = await fetch(`${emulator.url}/api/v2/tokens/me`, {
      headers: bearer(body.access_token),
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ OAuthClient: { id: clientId } });
  });

  it('answers invalid_client for a wrong secret, an unknown client and no Basic auth', async () => {
    const attempts: Record<string, string>[] = [
      { authorization: basic(emulator.credentials.demo.clientId, 'wrong') },
      { authorization: basic('nobody', 'x') },
      {},
    ];
    for (const headers of attempts) {
      const res = await tokenRequest({ grant_type: 'client_credentials' }, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: 'invalid_client',
        error_description: expect.any(String),
      });
    }
  });

  it('answers 401 invalid_client for Basic credentials it cannot decode', async () => {
    const { clientId, clientSecret } = emulator.credentials.demo;
    const malformed = [
      basic(`${clientId}%`, clientSecret), // a bad %-escape
      basic(clientId, '%E0%A4%A'),
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
    ];
    for (const authorization of malformed) {
      const forms: Record<string, string>[] = [
        { grant_type: 'client_credentials' },
        {
          grant_type: 'authorization_code',
          code: 'x',
          client_id: clientId,
          redirect_uri: REDIRECT,
        },
      ];
      for (const form of forms) {
        const res = await tokenRequest(form, { authorization });
        expect(res.status, `${authorization} ${form.grant_type}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toContain('Basic');
        expect(await res.json()).toMatchObject({ error: 'invalid_client' });
      }
    }
    // Form-urlencoded credentials still work.
    const encoded = await tokenRequest(
      { grant_type: 'client_credentials' },
      { authorization: basic(encodeURIComponent(clientId), encodeURIComponent(clientSecret)) },
    );
    expect(encoded.status).toBe(200);
  });

  it('answers unsupported_grant_type and rejects a JSON body', async () => {
    const res = await tokenRequest({ grant_type: 'password' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const json = await fetch(`${emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":"client_credentials"}',
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('expires tokens on the emulator clock: 401 bad.credentials afterwards', async () => {
    const token = await clientCredentialsToken(emulator);
    const url = `${emulator.url}/api/v2/telephony/mediaregions`;
    expect((await fetch(url, { headers: bearer(token) })).status).toBe(200);
    emulator.clock.advance(601_000);
    const res = await fetch(url, { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'bad.credentials', status: 401 });
  });
});

describe('authorization code with PKCE (S256)', () => {
  it('redirects with code and state, and exchanges the code for a token with the right verifier', async () => {
    const { verifier, challenge } = pkcePair();
    const res = await authorize({
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st-123');
    const code = location.searchParams.get('code') ?? '';

    const token = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: emulator.credentials.demo.clientId,
      redirect_uri: REDIRECT,
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    expect(
      (
        await fetch(`${emulator.url}/api/v2/telephony/mediaregions`, {
          headers: bearer(access_token),
        })
      ).status,
    ).toBe(200);

    // A code is single-use.
    const again = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: emulator.credentials.demo.clientId,
      redirect_uri: REDIRECT,
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers invalid_grant for a wrong code_verifier', async () => {
    const { challenge } = pkcePair();
    const res = await authorize({
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      code_verifier: pkcePair().verifier,
      client_id: emulator.credentials.demo.clientId,
      redirect_uri: REDIRECT,
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('PKCE'),
    });
  });

  it('answers invalid_grant when the redirect_uri of the exchange is not the authorization one', async () => {
    const { verifier, challenge } = pkcePair();
    const res = await authorize({
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: emulator.credentials.demo.clientId,
      // Registered too (any loopback port), but not the one the code was issued for.
      redirect_uri: 'http://127.0.0.1:9999/callback',
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('redirect_uri'),
    });
    // The failed redemption used the code up.
    const again = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      client_id: emulator.credentials.demo.clientId,
      redirect_uri: REDIRECT,
    });
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an unregistered redirect_uri without redirecting, and a missing state', async () => {
    const bad = await authorize({ response_type: 'code', redirect_uri: 'https://evil.example/cb' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('location')).toBeNull();
    expect(await bad.json()).toMatchObject({ error: 'invalid_request' });

    const query = new URLSearchParams({
      client_id: emulator.credentials.demo.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
    });
    const noState = await fetch(`${emulator.url}/oauth/authorize?${query}`, { redirect: 'manual' });
    expect(noState.status).toBe(302);
    expect(new URL(noState.headers.get('location') ?? '').searchParams.get('error')).toBe(
      'invalid_request',
    );
  });
});

describe('implicit grant', () => {
  it('redirects with the token in the fragment', async () => {
    const res = await authorize({ response_type: 'token' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.search).toBe('');
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('token_type')).toBe('bearer');
    expect(fragment.get('expires_in')).toBe('600');
    expect(fragment.get('state')).toBe('st-123');
    const me = await fetch(`${emulator.url}/api/v2/tokens/me`, {
      headers: bearer(fragment.get('access_token') ?? ''),
    });
    expect(me.status).toBe(200);
  });

  it('puts every error of the implicit grant in the fragment, never in the query', async () => {
    const query = new URLSearchParams({
      client_id: emulator.credentials.demo.clientId,
      redirect_uri: REDIRECT,
      response_type: 'token',
    });
    const noState = await fetch(`${emulator.url}/oauth/authorize?${query}`, { redirect: 'manual' });
    expect(noState.status).toBe(302);
    const location = new URL(noState.headers.get('location') ?? '');
    expect(location.search).toBe('');
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('error')).toBe('invalid_request');
    expect(fragment.get('error_description')).toContain('state');
    expect(fragment.get('access_token')).toBeNull();
  });
});
