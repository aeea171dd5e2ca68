/**
 * The Diagram wrapper (bpmn-js) in a real browser: Debian's Chromium (playwright-core) on a page
 * vite's dev server builds from web/src/shared/testing. Not jsdom: bpmn-js measures its SVG
 * (getBBox, transform lists), which jsdom does not implement. Given a real process model, the
 * diagram draws it as a labelled group; markers and overlays land on their elements and follow
 * the props; a click on a step reports its id, a click on a flow does not.
 */
import react from '@vitejs/plugin-react';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';

const xml = readFileSync('bpmn/lex-sarah.bpmn', 'utf8');
const STEP = 'Task_ReportToIvo';
const OTHER = 'Task_Investigate';
const FLOW = 'Flow_ToRegister';

interface HarnessProps {
  xml: string;
  markers?: Record<string, string[]>;
  overlays?: { elementId: string; html: string }[];
}

// Without Chromium (a machine with only Node) the suite is skipped, but never in CI: there it fails.
if (!existsSync(CHROMIUM) && process.env.CI === 'true') throw new Error(`CI must run the diagram's component test, and ${CHROMIUM} is missing`);

describe.skipIf(!existsSync(CHROMIUM))('Diagram (in Chromium)', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const mount = (p: HarnessProps) => page.evaluate((props) => (window as unknown as { harness: { mount(p: HarnessProps): void } }).harness.mount(props), p);
  const classesOf = (id: string) => page.locator(`.djs-element[data-element-id="${id}"]`).first().getAttribute('class');

  beforeAll(async () => {
    server = await createServer({
      configFile: false,
      root: path.resolve('web'),
      cacheDir: path.resolve('node_modules/.vite-component-tests'),
      plugins: [react()],
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0, hmr: false },
      // pre-bundled before the page asks, so the page is not reloaded halfway for a new dependency
      optimizeDeps: { entries: ['src/shared/testing/diagramHarness.tsx'] },
    });
    await server.listen();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.resolvedUrls!.local[0]}src/shared/testing/diagram.html`);
    await page.waitForFunction(() => 'harness' in window, undefined, { timeout: 60_000 });
  }, 120_000);

  // an error thrown in the page (bpmn-js or the wrapper) fails the test it happened in
  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the model as a labelled group of its elements', async () => {
    await mount({ xml });
    await page.locator(`.djs-element[data-element-id="${STEP}"]`).first().waitFor();
    const group = page.getByRole('group', { name: 'Testdiagram' });
    expect(await group.getAttribute('aria-roledescription')).toBe('diagram');
    expect(await page.locator('.djs-element.djs-shape').count()).toBeGreaterThan(10);
  });

  it('puts markers on their elements and moves them when the props change; unknown ids are ignored', async () => {
    await mount({ xml, markers: { [STEP]: ['active-marker'], Nowhere: ['active-marker'] } });
    await page.locator(`.djs-element.active-marker[data-element-id="${STEP}"]`).waitFor();
    await mount({ xml, markers: { [OTHER]: ['active-marker', 'path-marker'] } });
    await page.locator(`.djs-element.path-marker[data-element-id="${OTHER}"]`).waitFor();
    expect(await classesOf(STEP)).not.toContain('active-marker');
    expect(await classesOf(OTHER)).toContain('active-marker');
  });

  it('shows overlays (HTML badges) at their elements, replacing the earlier ones', async () => {
    await mount({ xml, overlays: [{ elementId: STEP, html: '<span class="ov-count">3</span>' }] });
    const badge = page.locator(`.djs-overlays[data-container-id="${STEP}"] .ov-count`);
    await badge.waitFor();
    expect(await badge.textContent()).toBe('3');
    await mount({ xml, overlays: [{ elementId: OTHER, html: '<span class="ov-count">1</span>' }] });
    await page.locator(`.djs-overlays[data-container-id="${OTHER}"] .ov-count`).waitFor();
    expect(await badge.count()).toBe(0);
  });

  it('reports a click on a step by its id, and not a click on a flow', async () => {
    await mount({ xml });
    const selected = () => page.evaluate(() => [...(window as unknown as { harness: { selected: string[] } }).harness.selected]);
    const before = (await selected()).length;
    await page.locator(`.djs-element[data-element-id="${FLOW}"]`).first().click({ force: true });
    await page.locator(`.djs-element[data-element-id="${STEP}"]`).first().click();
    await expect.poll(selected).toContain(STEP);
    expect((await selected()).slice(before)).toEqual([STEP]);
  });
});
