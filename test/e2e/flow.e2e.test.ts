/**
 * The Flow sub-page in real Chromium on the real preview (resolvers, store, demo Jira with its
 * seeded settings): every chart renders for the demo portfolio with its table view and CSV, a
 * filter changes the charts and survives a reload, the member's charts count only the epics the
 * member sees, a dot of the aging chart opens its epic, and no console errors. Screenshots (light,
 * dark) go to docs/screenshots/flow-*.png.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { RunningPreview } from '../../preview/server';
import { invokeAs, REPO_ROOT, useBrowserSuite } from './support/harness';

jest.setTimeout(180_000);

const CHARTS = [
  'chart-velocity',
  'chart-flow-time',
  'chart-flow-time-histogram',
  'chart-cfd',
  'chart-load',
  'chart-aging',
  'chart-distribution',
  'chart-efficiency',
  'chart-efficiency-epics',
  'chart-predictability',
  'chart-throughput',
  'chart-back-test',
  'chart-backlog',
];

let preview: RunningPreview;
let page: Page;
useBrowserSuite({ tempPrefix: 'lpm-flow-e2e-', acceptDownloads: true, failOnWarnings: true }, (session) => ({ preview } = session), (opened) => (page = opened));

const flowUrl = (user: string, extra = '') => new URL(`/?module=global-page&user=${user}&route=${encodeURIComponent(`/flow${extra}`)}`, preview.url).toString();
const frame = (): FrameLocator => page.frameLocator('#lpm-module');

async function openFlow(user: string, extra = ''): Promise<FrameLocator> {
  await page.goto(flowUrl(user, extra));
  await frame().getByTestId('chart-backlog').waitFor({ timeout: 60_000 });
  return frame();
}

/** "N epics, as of …": the page's own count of the epics it charts. */
async function epicCountText(flow: FrameLocator): Promise<string> {
  return (await flow.getByText(/^\d+ epics, as of /).textContent()) ?? '';
}

describe('the Flow page', () => {
  it('should render every chart for the demo portfolio, each with a caption, a table view and a CSV', async () => {
    const flow = await openFlow('rte');
    for (const id of CHARTS) {
      const figure = flow.getByTestId(id);
      await expect(figure.evaluate((element) => element.tagName)).resolves.toBe('FIGURE');
      const caption = (await figure.locator('figcaption').textContent()) ?? '';
      expect(caption.length).toBeGreaterThan(5);
      await expect(figure.locator('svg[role="presentation"]').count()).resolves.toBeGreaterThan(0);

      // The table view, by keyboard: focus the toggle and press Enter.
      const toggle = figure.getByRole('button', { name: 'Show table' });
      await toggle.focus();
      await page.keyboard.press('Enter');
      const table = figure.getByRole('table', { name: caption });
      await table.waitFor();
      await expect(table.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
      const headers = await table.locator('thead th').allTextContents();

      const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Download CSV' }).click()]);
      const csv = readFileSync((await download.path()) as string, 'utf8');
      expect(csv.split(/\r?\n/)[0]).toBe(headers.map((header) => (/[",]/.test(header) ? `"${header.replace(/"/g, '""')}"` : header)).join(','));
      expect(csv.split(/\r?\n/).length).toBeGreaterThan(1);
      await figure.getByRole('button', { name: 'Show chart' }).click();
    }
  });

  it('should show the numbers the resolver gives (velocity average, closed without implementation, On Hold as waiting)', async () => {
    const flow = await openFlow('rte');
    const metrics = (await invokeAs(preview.url, 'rte', 'flow/metrics', { period: 'month', filters: {} })).body as {
      data: { charts: { velocity: { average: number }; closedWithoutImplementation: unknown[]; efficiency: { byStatus: { name: string; kind: string; state: string | null }[] } } };
    };
    const { charts } = metrics.data;
    expect(charts.closedWithoutImplementation.length).toBeGreaterThan(0);
    await flow.getByText(`Average of complete months: ${charts.velocity.average.toFixed(1)}`, { exact: false }).waitFor();
    await flow.getByText(`${charts.closedWithoutImplementation.length} epics closed without implementation`, { exact: false }).waitFor();
    expect(charts.efficiency.byStatus.find((status) => status.name === 'On Hold')).toMatchObject({ kind: 'waiting', state: null });
  });

  it('should change the charts when a filter is set, keep it in the URL and keep it after a reload', async () => {
    const flow = await openFlow('rte');
    const before = await epicCountText(flow);
    await flow.getByTestId('flow-filters').getByLabel('Enabler').check();
    await page.waitForURL(/type%3Denabler/);
    await flow.getByText(/^\d+ epics, as of /).filter({ hasNotText: before }).waitFor();
    const after = await epicCountText(flow);
    expect(Number.parseInt(after, 10)).toBeLessThan(Number.parseInt(before, 10));

    await page.reload();
    await frame().getByTestId('chart-velocity').waitFor({ timeout: 60_000 });
    await expect(frame().getByTestId('flow-filters').getByLabel('Enabler').isChecked()).resolves.toBe(true);
    await expect(epicCountText(frame())).resolves.toBe(after);
  });

  it('should count only the epics the member sees', async () => {
    const rte = Number.parseInt(await epicCountText(await openFlow('rte')), 10);
    const flow = await openFlow('member');
    const member = Number.parseInt(await epicCountText(flow), 10);
    expect(member).toBeGreaterThan(0);
    expect(member).toBeLessThan(rte);
    const aging = flow.getByTestId('chart-aging');
    await aging.getByRole('button', { name: 'Show table' }).click();
    const keys = await aging.getByRole('table').locator('tbody tr td:first-child').allTextContents();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => key.startsWith('DAT-'))).toEqual([]);
  });

  it('should open the epic when a dot of the aging chart is clicked', async () => {
    const flow = await openFlow('rte');
    const dot = flow.getByTestId('aging-dot').first();
    const key = await dot.getAttribute('data-key');
    await dot.click({ force: true });
    await page.waitForURL(new RegExp(`module=issue-panel.*issueKey=${key}`));
  });

  it('should open with one request, the forecasts in it, and ask flow/forecast only for another question', async () => {
    const invoked: string[] = [];
    page.on('request', (request) => {
      if (!request.url().endsWith('/api/invoke')) return;
      const { functionKey } = JSON.parse(request.postData() ?? '{}') as { functionKey?: string };
      if (functionKey !== undefined && functionKey.startsWith('flow/')) invoked.push(functionKey);
    });
    const flow = await openFlow('rte');
    await flow.getByText(/^Monte Carlo, [\d,]+ trials/).waitFor();
    expect(invoked).toEqual(['flow/metrics']);

    const items = flow.getByLabel('When will this many be done');
    await items.fill('25');
    // The "when" question asked again, alone (the forecast panel's own request, debounced by nothing).
    for (let waited = 0; waited < 100 && invoked.length < 2; waited++) await page.waitForTimeout(100);
    expect(invoked).toEqual(['flow/metrics', 'flow/forecast']);
  });

  it.each(['light', 'dark'])('should take the %s screenshot', async (theme) => {
    // LPM_FLOW_REVIEW=1: the whole page, to a temp folder, for a person to look at.
    const review = process.env.LPM_FLOW_REVIEW === '1';
    const height = review ? 7000 : 2000;
    await page.setViewportSize({ width: 1440, height });
    await page.goto(`${flowUrl('rte')}&theme=${theme}`);
    await frame().getByTestId('chart-backlog').waitFor({ timeout: 60_000 });
    await frame().locator(`html[data-color-mode="${theme}"]`).waitFor({ state: 'attached' });
    if (review) {
      for (let top = 0; top < height; top += 1400) await page.screenshot({ path: path.join(os.tmpdir(), `flow-review-${theme}-${top}.png`), clip: { x: 240, y: top, width: 1200, height: 1400 } });
      return;
    }
    await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshots', `flow-${theme}.png`), clip: { x: 0, y: 0, width: 1440, height } });
  });
});
