// Loopback addresses: where the worker API may listen without a token.
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

/** True for 127.0.0.0/8, ::1 (bracketed or not) and localhost. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_HOST.test(host.trim());
}
