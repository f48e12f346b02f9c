// The browser app of the PKCE test: signs in through the emulator's /oauth/authorize with PKCE,
// comes back with a code, exchanges it, and calls one operation. Bundled by esbuild from src/.
import { createTelephonyClient, pkce } from '../../src/index';

const output = document.getElementById('result') as HTMLElement;
const api = document.body.dataset.api ?? '';
const auth = pkce({ clientId: 'browser-app', redirectUri: `${location.origin}/app` });
const client = createTelephonyClient({ baseUrl: api, auth });

async function main() {
  const login = await auth.handleRedirect();
  if (!login) {
    await auth.login({ state: 'back-to-app' });
    return;
  }
  const regions = await client.unwrap(client.GET('/api/v2/telephony/mediaregions'));
  output.dataset.state = login.state ?? '';
  output.textContent = JSON.stringify(regions);
}

main().catch((error: Error) => {
  output.dataset.error = `${error.name}: ${error.message}`;
});
