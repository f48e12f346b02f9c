// Base64 helpers on btoa and WebCrypto, so that auth works the same in browsers, Node and workers.

/** RFC 4648 base64url without padding. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Standard base64 of a string's UTF-8 bytes (for HTTP Basic credentials). */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export interface CryptoLike {
  getRandomValues(array: Uint8Array): Uint8Array;
  readonly subtle: Pick<SubtleCrypto, 'digest'>;
}

/** `length` random characters from the base64url alphabet (a subset of RFC 7636's unreserved set). */
export function randomString(crypto: CryptoLike, length: number): string {
  const bytes = new Uint8Array(Math.ceil((length * 3) / 4));
  crypto.getRandomValues(bytes);
  return base64Url(bytes).slice(0, length);
}
