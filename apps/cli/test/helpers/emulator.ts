// One emulator per test file, on 127.0.0.1 port 0, plus what the end-to-end tests need of it.
import { createEmulator, type Emulator } from '@telephony-kit/emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { credentialsEnv } from './run-cli';

export interface EmulatorFixture {
  emulator: Emulator;
  /** The global flags that point the CLI at the emulator. */
  base: string[];
  /** Env with the all-permissions client and a fresh config directory. */
  demoEnv(): Record<string, string>;
  /** Env with the view-only client. */
  viewerEnv(): Record<string, string>;
  /** Requests that reached the API or the login service (not the storage). */
  apiRequests(): { method: string; path: string; operationId?: string; status: number }[];
}

export function useEmulator(options: Parameters<typeof createEmulator>[0] = {}): EmulatorFixture {
  const fixture = {} as EmulatorFixture;
  beforeAll(async () => {
    const emulator = await createEmulator({ pcapReadyAfterMs: 0, ...options });
    const { demo, viewer } = emulator.credentials;
    Object.assign(fixture, {
      emulator,
      base: ['--base-url', emulator.url],
      demoEnv: () => credentialsEnv(demo.clientId, demo.clientSecret),
      viewerEnv: () => credentialsEnv(viewer.clientId, viewer.clientSecret),
      apiRequests: () => [...emulator.requests],
    });
  });
  beforeEach(() => fixture.emulator?.reset());
  afterAll(async () => {
    await fixture.emulator?.close();
  });
  return fixture;
}
