// A real browser (Debian's headless Chromium through playwright-core) signs in with PKCE against the
// emulator's authorize and token endpoints and calls an operation: WebCrypto S256, sessionStorage,
// the redirect, the state check, the cross-origin token exchange and the cleaned address bar.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator, type Emulator } from '@telephony-kit/emulator';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const browserPackage = inject('chromium');
let emulator: Emulator;
let pages: Server;
let browser: BrowserContext;
let profile: string;
let appUrl = '';

beforeAll(async () => {
  if (!browserPackage.ok) return;
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'browser/pkce-app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  let api = '';
  pages = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/app.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (path === '/app') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><body data-api="${api}"><pre id="result"></pre><script type="module" src="/app.js"></script></body>`,
        );
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/app`;
  emulator = await createEmulator({
    rateLimit: false,
    dataset: { calls: 5 },
    clients: [
      {
        clientId: 'browser-app',
        clientSecret: 'unused-by-pkce',
        permissions: ['telephony:plugin:all'],
        redirectUris: [appUrl],
      },
    ],
  });
  api = emulator.url;
  profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  // A fresh profile directory for every run, as the machine's notes require.
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: browserPackage.binary,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await new Promise((resolve) => (pages ? pages.close(resolve) : resolve(undefined)));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('PKCE in headless Chromium', () => {
  it.skipIf(!browserPackage.ok)(
    `signs in through the emulator and calls getTelephonyMediaregions${browserPackage.ok ? '' : ` (skipped: ${browserPackage.reason})`}`,
    async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(appUrl);
      const result = page.locator('#result');
      await result
        .filter({ hasText: 'awsHomeRegion' })
        .or(page.locator('#result[data-error]'))
        .waitFor();

      expect(await result.getAttribute('data-error')).toBeNull();
      expect(errors).toEqual([]);
      expect(JSON.parse((await result.textContent()) ?? '')).toEqual(emulator.dataset.mediaRegions);
      expect(await result.getAttribute('data-state')).toBe('back-to-app');
      // The single-use code and the state are gone from the address bar, the verifier from storage.
      expect(page.url()).toBe(appUrl);
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

      const calls = emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
      expect(calls).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^GET \/oauth\/authorize 302$/),
          'POST /oauth/token 200',
          'GET /api/v2/telephony/mediaregions 200',
        ]),
      );
      await page.close();
    },
  );
});
