// Starts the built emulator bin in its own process and gets a token from it.
import { fileURLToPath } from 'node:url';
import { type Started, startProcess } from './child';

const bin = fileURLToPath(
  new URL('../node_modules/@telephony-kit/emulator/dist/bin.js', import.meta.url),
);

export async function startEmulator(flags: string[]): Promise<Started & { token: string }> {
  const started = await startProcess([bin, '--port', '0', ...flags]);
  const response = await fetch(`${started.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa('telephony-kit-demo:telephony-kit-demo-secret')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (!response.ok) throw new Error(`emulator token request answered ${response.status}`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return { ...started, token };
}
