// Signed storage URLs, in the manner of S3 presigned URLs: an expiry and an HMAC-SHA256 over the
// path and the expiry with a key that only this emulator instance knows.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface UrlSigner {
  /** `path?expires=…&signature=…`, valid for `lifetimeSeconds` from `nowMs`. */
  sign(path: string, nowMs: number, lifetimeSeconds: number): string;
  verify(path: string, query: URLSearchParams, nowMs: number): 'ok' | 'expired' | 'invalid';
}

export function createUrlSigner(key: Buffer = randomBytes(32)): UrlSigner {
  const mac = (path: string, expires: string) =>
    createHmac('sha256', key).update(`${path}\n${expires}`).digest();

  return {
    sign(path, nowMs, lifetimeSeconds) {
      const expires = String(Math.floor(nowMs / 1000) + lifetimeSeconds);
      return `${path}?expires=${expires}&signature=${mac(path, expires).toString('hex')}`;
    },
    verify(path, query, nowMs) {
      const expires = query.get('expires') ?? '';
      const signature = query.get('signature') ?? '';
      if (!/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) return 'invalid';
      if (!timingSafeEqual(mac(path, expires), Buffer.from(signature, 'hex'))) return 'invalid';
      return Number(expires) * 1000 <= nowMs ? 'expired' : 'ok';
    },
  };
}
