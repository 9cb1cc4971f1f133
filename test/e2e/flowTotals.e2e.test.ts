/**
 * The Flow page in real Chromium with "portfolio totals include epics the viewer cannot see" on:
 * the member's page counts the whole portfolio (the RTE's count), says how many epics are not
 * visible, and lists no DAT epic (the project the member cannot browse).
 */
import type { FrameLocator, Page } from 'playwright-core';
import type { RunningPreview } from '../../preview/server';
import { invokeAs, useBrowserSuite } from './support/harness';

jest.setTimeout(180_000);

let preview: RunningPreview;
let page: Page;
useBrowserSuite({ tempPrefix: 'lpm-flow-totals-e2e-', failOnWarnings: true }, (session) => ({ preview } = session), (opened) => (page = opened));

async function openFlow(user: string): Promise<FrameLocator> {
  await page.goto(new URL(`/?module=global-page&user=${user}&route=${encodeURIComponent('/flow')}`, preview.url).toString());
  const flow = page.frameLocator('#lpm-module');
  await flow.getByTestId('chart-backlog').waitFor({ timeout: 60_000 });
  return flow;
}

async function epicCount(flow: FrameLocator): Promise<number> {
  return Number.parseInt((await flow.getByText(/^\d+ epics, as of /).textContent()) ?? '', 10);
}

async function setIncludeHidden(on: boolean): Promise<void> {
  const current = (await invokeAs(preview.url, 'rte', 'settings/get')).body as { data: { settings: Record<string, unknown>; version: number | null } };
  const saved = (await invokeAs(preview.url, 'rte', 'settings/save', { settings: { ...current.data.settings, portfolioTotalsIncludeHidden: on }, version: current.data.version })).body as { ok: boolean };
  expect(saved.ok).toBe(true);
}

it('should count the whole portfolio for the member, say how many are hidden and list no DAT epic', async () => {
  await setIncludeHidden(true);
  const rte = await epicCount(await openFlow('rte'));
  const flow = await openFlow('member');
  await expect(epicCount(flow)).resolves.toBe(rte);
  const line = (await flow.getByText(/Totals include \d+ epics not visible to you/).textContent()) ?? '';
  const hidden = Number(/Totals include (\d+)/.exec(line)?.[1]);
  expect(hidden).toBeGreaterThan(0);
  expect(hidden).toBeLessThan(rte);
  const aging = flow.getByTestId('chart-aging');
  await aging.getByRole('button', { name: 'Show table' }).click();
  const keys = await aging.getByRole('table').locator('tbody tr td:first-child').allTextContents();
  expect(keys.length).toBeGreaterThan(0);
  expect(keys.filter((key) => key.startsWith('DAT-'))).toEqual([]);
  expect(await flow.locator('body').textContent()).not.toMatch(/\bDAT-\d+/);
});
