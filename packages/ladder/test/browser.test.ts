// The SVG and the HTML page open in a real browser (Debian's headless Chromium through
// playwright-core): the message labels are laid out inside the viewport, the screenshot has ink on
// it (counted pixel by pixel in a canvas), clicking an arrow shows its raw SIP, and hostile input
// neither breaks the XML nor runs a script. Screenshots are kept under .vitest/ for a look.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildLadder, renderHtml, renderSvg } from '../src/index';
import { hostileRecords, loadFixture } from './helpers/fixtures';

const browserPackage = inject('chromium');
const out = join(import.meta.dirname, '../.vitest/browser');
let browser: BrowserContext;
let profile = '';

beforeAll(async () => {
  // No silent skip: without a browser this test cannot prove anything, so it fails with the reason.
  if (!browserPackage.ok) {
    throw new Error(`Chromium is needed for the rendering test: ${browserPackage.reason}`);
  }
  mkdirSync(out, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'ladder-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: browserPackage.binary,
    viewport: { width: 1280, height: 900 },
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
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

function writeOut(name: string, content: string): string {
  const file = join(out, name);
  writeFileSync(file, content);
  return pathToFileURL(file).href;
}

/** Opens a page that records script errors and dialogs (an `alert` from hostile input). */
async function open(url: string) {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  return { page, problems };
}

/** The on-screen box of the first SVG message label with this text; it must be in the viewport. */
async function visibleLabel(page: Page, text: string) {
  const label = page.locator('text.label', { hasText: new RegExp(`^${text}$`) }).first();
  await label.waitFor({ state: 'visible' });
  const box = await label.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${text} has a box`).not.toBeNull();
  expect(box!.width).toBeGreaterThan(10);
  expect(box!.height).toBeGreaterThan(5);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  return box!;
}

/**
 * Counts pixels in a PNG by drawing it into a canvas of a blank page: those that differ from the
 * white background, and those in the success green of the 200 OK arrows.
 */
async function inkOf(png: Buffer) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async (dataUrl) => {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let ink = 0;
        let green = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          if (r < 235 || g < 235 || b < 235) ink += 1;
          if (g > r + 40 && g > b + 30) green += 1;
        }
        return { total: data.length / 4, ink, green, width: canvas.width, height: canvas.height };
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
  } finally {
    await page.close();
  }
}

describe('in headless Chromium', () => {
  const model = buildLadder(loadFixture('completed-call'));

  it('the SVG shows the participants and messages, with ink on the screenshot', async () => {
    const { page, problems } = await open(
      writeOut('completed-call.svg', renderSvg(model, { title: 'Completed call' })),
    );
    const invite = await visibleLabel(page, 'INVITE');
    const ok = await visibleLabel(page, '200 OK');
    expect(ok.y).toBeGreaterThan(invite.y); // later in time, lower on the page
    await expect(
      page.locator('g.participant text', { hasText: 'carrier-b-sbc' }).count(),
    ).resolves.toBe(1);
    // The tooltip of a message is its raw SIP.
    const tooltip = await page.locator('#msg-0 > title').textContent();
    expect(tooltip).toContain('INVITE sip:');
    expect(tooltip).toContain('Call-ID: ac11662c-ab19f678-8f9dc961-fa057cab');

    // (A full-page screenshot of an SVG document never settles in Chromium; the ladder fits the viewport.)
    const png = await page.screenshot({ path: join(out, 'completed-call.svg.png') });
    const ink = await inkOf(png);
    expect(ink.width).toBeGreaterThan(500);
    expect(ink.ink / ink.total).toBeGreaterThan(0.01);
    expect(ink.ink / ink.total).toBeLessThan(0.6);
    expect(ink.green).toBeGreaterThan(50); // the 200 OK arrows are drawn in colour
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the HTML page shows the ladder, and clicking an arrow brings up its raw SIP', async () => {
    const { page, problems } = await open(
      writeOut('completed-call.html', renderHtml(model, { title: 'Completed call' })),
    );
    await expect(page.locator('h1').textContent()).resolves.toBe('Completed call');
    await visibleLabel(page, 'INVITE');
    await visibleLabel(page, '200 OK');
    const png = await page.screenshot({ path: join(out, 'completed-call.html.png') });
    const ink = await inkOf(png);
    expect(ink.ink / ink.total).toBeGreaterThan(0.01);
    expect(ink.green).toBeGreaterThan(50);

    // The last BYE's 200 OK: its raw message is far below, out of view until the click.
    const last = model.messages.at(-1)!;
    const section = page.locator(`#m${last.index}`);
    const inView = () =>
      section.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.top < window.innerHeight && box.height > 0;
      });
    expect(await inView()).toBe(false);
    await page.locator(`#msg-${last.index}`).click();
    await page.waitForURL(new RegExp(`#m${last.index}$`));
    expect(await inView()).toBe(true);
    await expect(section.locator('pre').textContent()).resolves.toContain('SIP/2.0 200 OK');
    await page.screenshot({ path: join(out, 'completed-call.html-clicked.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hostile input stays text: well-formed SVG, no script runs, no markup injected', async () => {
    const hostile = buildLadder(hostileRecords());
    const title = `</title><script>alert("t")</script>`;
    const svg = await open(writeOut('hostile.svg', renderSvg(hostile, { title })));
    await expect(svg.page.locator('parsererror').count()).resolves.toBe(0);
    await expect(svg.page.locator('script').count()).resolves.toBe(0);
    await expect(svg.page.locator('svg > title').textContent()).resolves.toBe(title);
    await visibleLabel(svg.page, 'INVITE');
    expect(svg.problems).toEqual([]);
    await svg.page.close();

    const html = await open(writeOut('hostile.html', renderHtml(hostile, { title })));
    await expect(html.page.locator('script, img, b').count()).resolves.toBe(0);
    await expect(html.page.locator('h1').textContent()).resolves.toBe(title);
    await expect(html.page.locator('#m0 pre').textContent()).resolves.toContain(
      'Subject: </title><script>alert(2)</script>',
    );
    expect(html.problems).toEqual([]);
    await html.page.close();
  });
});
