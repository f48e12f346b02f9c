// OAuth clients the emulator knows. The two default ones are documented and returned by
// createEmulator as `credentials`.
import { allContractPermissions } from './permissions';

export interface ClientConfig {
  clientId: string;
  clientSecret: string;
  /** Permissions of the tokens issued to the client (`domain:entity:action`, `*` allowed). */
  permissions: readonly string[];
  /** Redirect URIs allowed on /oauth/authorize. A loopback URI (127.0.0.1, localhost, [::1]) matches any port. */
  redirectUris?: readonly string[];
  name?: string;
}

export const DEMO_CLIENT_ID = 'telephony-kit-demo';
export const DEMO_CLIENT_SECRET = 'telephony-kit-demo-secret';
export const VIEWER_CLIENT_ID = 'telephony-kit-viewer';
export const VIEWER_CLIENT_SECRET = 'telephony-kit-viewer-secret';

const LOOPBACK_REDIRECTS = ['http://127.0.0.1/callback', 'http://localhost/callback'];

export function defaultClients(): ClientConfig[] {
  return [
    {
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      name: 'telephony-kit demo (all permissions)',
      permissions: allContractPermissions(),
      redirectUris: LOOPBACK_REDIRECTS,
    },
    {
      clientId: VIEWER_CLIENT_ID,
      clientSecret: VIEWER_CLIENT_SECRET,
      name: 'telephony-kit viewer (view only)',
      permissions: ['telephony:pcap:view', 'telephony:plugin:all'],
      redirectUris: LOOPBACK_REDIRECTS,
    },
  ];
}

export function redirectUriAllowed(client: ClientConfig, redirectUri: string): boolean {
  let wanted: URL;
  try {
    wanted = new URL(redirectUri);
  } catch {
    return false;
  }
  return (client.redirectUris ?? []).some((registered) => {
    if (registered === redirectUri) return true;
    let allowed: URL;
    try {
      allowed = new URL(registered);
    } catch {
      return false;
    }
    // RFC 8252 §7.3: native apps listen on an ephemeral loopback port.
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(allowed.hostname);
    return (
      loopback &&
      allowed.protocol === wanted.protocol &&
      allowed.hostname === wanted.hostname &&
      allowed.pathname === wanted.pathname &&
      wanted.search === '' &&
      wanted.hash === ''
    );
  });
}
