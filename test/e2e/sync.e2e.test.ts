/**
 * The background sync in real Chromium: the preview on a "real site" (a standalone demo Jira with a
 * slow answer, so the first sync takes a few seconds) does not wait for the first sync, as Forge
 * does not. The global page shows "Syncing: 1,000 of 2,500 epics" while it runs, then reloads and shows
 * the whole portfolio. Screenshot (light) in docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoUser, generatePortfolio, startDemoJira } from '../../preview/demo-jira';
import type { RunningDemoJira } from '../../preview/demo-jira';
import { startPreview } from '../../preview/server';
import type { RunningPreview } from '../../preview/server';
import { recordingLog } from '../../src/runtime/recordingLog';
import { ensurePagesBuilt, launchChromium, makeTempDir, REPO_ROOT } from './support/harness';

jest.setTimeout(120_000);

const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
/** Per Jira answer, and a portfolio of three sync steps: the first sync then takes several seconds. */
const SITE_LATENCY_MS = 100;
const SITE_EPICS = 2_500;

let site: RunningDemoJira;
let preview: RunningPreview;
let browser: Browser;
let page: Page;
const folder = makeTempDir('lpm-sync-e2e-');
const problems: string[] = [];

beforeAll(async () => {
  ensurePagesBuilt();
  mkdirSync(SHOTS, { recursive: true });
  site = await startDemoJira({ data: generatePortfolio({ epics: SITE_EPICS, now: Date.UTC(2026, 10, 1) }), latencyMs: SITE_LATENCY_MS });
  const rte = demoUser('rte');
  preview = await startPreview({ port: 0, dataDir: folder.dir, log: recordingLog(), jira: { baseUrl: site.url, email: rte.email, apiToken: rte.apiToken } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await site?.close();
  folder.remove();
});

it('should show the sync progress while the first sync runs, then reload the board with every epic', async () => {
  await page.goto(new URL('/?module=global-page&user=site&theme=light&route=/kanban', preview.url).toString());
  const frame = page.frameLocator('#lpm-module');
  const banner = frame.getByTestId('sync-banner');
  await banner.waitFor({ timeout: 30_000 });
  await expect(banner.textContent()).resolves.toMatch(/Syncing: ([\d,]+ of [\d,]+ epics|listing the epics in scope)/);
  await frame.getByText(/Syncing:/).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'sync-light.png') });

  await banner.waitFor({ state: 'detached', timeout: 60_000 });
  // The board mounted again after the sync: its columns count the epics the site's owner browses.
  const counted = async () => (await frame.getByTestId('column-count').allTextContents()).reduce((sum, text) => sum + (Number.parseInt(text, 10) || 0), 0);
  let total = await counted();
  for (let polls = 0; total < 500 && polls < 150; polls++) {
    await page.waitForTimeout(200);
    total = await counted();
  }
  expect(total).toBeGreaterThan(500);
  expect(problems).toEqual([]);
});
