import { operationTable } from '@telephony-kit/models';
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../src/error-from-response';
import {
  ApiError,
  AuthError,
  fillMessageParams,
  NetworkError,
  RateLimitError,
  TelephonyError,
  TimeoutError,
} from '../src/index';

const url = 'https://api.mypurecloud.com/api/v2/telephony/siptraces?dateStart=a&dateEnd=b';
const fromResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  errorFromResponse(
    new Response(null, {
      status,
      statusText: 'x',
      headers: { 'inin-correlation-id': 'corr-9', ...headers },
    }),
    body,
    { method: 'GET', url, operation: operationTable.getTelephonySiptraces, authKind: undefined },
  );

describe('errors', () => {
  it('fills {param} placeholders from messageParams', () => {
    expect(fillMessageParams('Unable to find {entity} {id}', { entity: 'phone', id: '42' })).toBe(
      'Unable to find phone 42',
    );
    expect(fillMessageParams('keep {unknown}', {})).toBe('keep {unknown}');
  });

  it('maps an ErrorBody to an ApiError with status, code, correlation id and filled message', () => {
    const error = fromResponse(404, {
      code: 'not.found',
      message: 'raw',
      messageWithParams: 'No conversation {id}.',
      messageParams: { id: 'c-1' },
      contextId: 'ctx-7',
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(TelephonyError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      status: 404,
      code: 'not.found',
      correlationId: 'corr-9',
      contextId: 'ctx-7',
      method: 'GET',
      path: '/api/v2/telephony/siptraces?dateStart=a&dateEnd=b',
      retryable: false,
    });
    expect(error.message).toContain('No conversation c-1');
    expect(error.message).toContain('corr-9');
  });

  it('names the missing permissions of a 403, from the body or else from the contract', () => {
    const fromBody = fromResponse(403, {
      code: 'missing.permissions',
      messageWithParams: 'You are missing the following permission(s): {permissions}',
      messageParams: { permissions: 'telephony:pcap:view' },
    }) as ApiError;
    expect(fromBody.missingPermissions).toEqual(['telephony:pcap:view']);
    expect(fromBody.message).toMatch(/Grant .*telephony:pcap:view/);
    const fromContract = fromResponse(403, {
      code: 'missing.any.permissions',
      message: 'Forbidden',
    }) as ApiError;
    expect(fromContract.missingPermissions).toEqual(['telephony:pcap:view']);
    expect(fromContract.message).toContain('all of telephony:pcap:view');
  });

  it('makes 401 an AuthError and 429 a RateLimitError with retryAfterMs', () => {
    expect(
      fromResponse(401, { code: 'bad.credentials', message: 'Invalid login credentials.' }),
    ).toBeInstanceOf(AuthError);
    const limited = fromResponse(
      429,
      { code: 'too.many.requests', message: 'Rate limit exceeded' },
      { 'retry-after': '42' },
    );
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited).toBeInstanceOf(ApiError);
    expect((limited as RateLimitError).retryAfterMs).toBe(42_000);
    expect((limited as RateLimitError).retryable).toBe(true);
  });

  it('says when the body is not JSON', () => {
    const error = fromResponse(500, '<html><body>Oops</body></html>', {
      'content-type': 'text/html',
    });
    expect(error).toMatchObject({ code: 'contract.violation', status: 500, retryable: false });
    expect(error.message).toMatch(/not JSON \(text\/html\).*Check the baseUrl/);
  });

  it('keeps a gateway’s 429 and 502–504 with a text body a rate limit or an outage', () => {
    const limited = fromResponse(429, 'Rate exceeded', { 'retry-after': '7' });
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited).toMatchObject({ retryAfterMs: 7000, retryable: true, body: 'Rate exceeded' });
    expect(limited.message).toMatch(/\(429 http\.429\): x\. Wait 7 s/);
    expect((fromResponse(429, 'Slow down') as RateLimitError).retryAfterMs).toBe(3000);
    for (const status of [502, 503, 504]) {
      const error = fromResponse(status, '<html>Gateway Timeout</html>');
      expect(error).toMatchObject({ status, code: `http.${status}`, retryable: true });
      expect(error.message).toMatch(/: x\. Try again later\. \(correlation id corr-9\)$/);
    }
  });

  it('never shows tokens or secrets in messages or toJSON()', () => {
    const error = new ApiError({
      status: 400,
      method: 'post',
      url: 'https://login.mypurecloud.com/oauth/token?access_token=sekret-token&code=abc',
      headers: { authorization: 'Bearer sekret-token', 'content-type': 'application/json' },
      body: {
        message: 'bad',
        code: 'x',
        details: [{ fieldName: 'client_secret=hunter2' }],
      } as never,
      message: 'failed with Authorization: Bearer sekret-token and client_secret=hunter2',
    });
    const serialized = JSON.stringify(error.toJSON());
    for (const secret of ['sekret-token', 'hunter2', 'code=abc']) {
      expect(error.message).not.toContain(secret);
      expect(serialized).not.toContain(secret);
    }
    expect(serialized).toContain('[REDACTED]');
    const auth = new AuthError('x', { body: { access_token: 'tok-1', client_secret: 's-2' } });
    expect(JSON.stringify(auth.toJSON())).not.toMatch(/tok-1|s-2/);
  });

  it('keeps cause on every class', () => {
    const cause = new Error('socket hang up');
    const network = new NetworkError('n', { method: 'get', url, cause });
    const timeout = new TimeoutError('t', { method: 'get', url, cause, timeoutMs: 5 });
    expect(network.cause).toBe(cause);
    expect(timeout).toBeInstanceOf(NetworkError);
    expect(timeout).toMatchObject({ code: 'timeout', timeoutMs: 5, method: 'GET' });
  });
});
