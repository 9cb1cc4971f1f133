/**
 * The epic panel's one request, in real Chromium against the real preview: opening the panel asks
 * epic/panel once and every section (WSJF, flow, score changes, business case, key results) renders
 * from that answer; a key result link and a business case save keep their own resolvers, and the
 * panel shows their outcome. Screenshots (light and dark) go to docs/screenshots/panel-open-*.png.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { RunningPreview } from '../../preview/server';
import { invokeAs, REPO_ROOT, useBrowserSuite } from './support/harness';

jest.setTimeout(180_000);

const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

let preview: RunningPreview;
let page: Page;
useBrowserSuite({ tempPrefix: 'lpm-panel-', viewport: { width: 1440, height: 1000 } }, (session) => ({ preview } = session), (opened) => (page = opened));

const moduleFrame = (): FrameLocator => page.frameLocator('#lpm-module');

/** The resolvers the page calls from now on, in order (the sync banner's own status read left out). */
function recordInvokes(): string[] {
  const keys: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/api/invoke')) return;
    const { functionKey } = JSON.parse(request.postData() ?? '{}') as { functionKey?: string };
    if (functionKey !== undefined && functionKey !== 'sync/status') keys.push(functionKey);
  });
  return keys;
}

type Okrs = { objectives: { keyResults: { title: string; epics: { key: string }[] }[] }[] };

describe('the epic panel', () => {
  it('should load every section with one epic/panel request, and show a link and a case save from their own answers', async () => {
    const okrs = (await invokeAs(preview.url, 'rte', 'okrs/list')).body as { data: Okrs };
    const linkedKeyResult = okrs.data.objectives.flatMap((objective) => objective.keyResults).find((keyResult) => keyResult.epics.length > 0)!;
    const epicKey = linkedKeyResult.epics[0]!.key;
    const invoked = recordInvokes();

    await page.goto(new URL(`/?module=issue-panel&user=rte&issueKey=${epicKey}`, preview.url).toString());
    const frame = moduleFrame();
    await frame.getByTestId('wsjf-score').waitFor();
    await frame.getByRole('region', { name: 'Flow' }).getByRole('table', { name: 'State dates' }).waitFor({ state: 'attached' });
    const keyResults = frame.getByTestId('key-results-section');
    await keyResults.getByText(linkedKeyResult.title, { exact: true }).waitFor();
    await frame.getByRole('button', { name: /Lean business case/ }).click();
    const businessCase = frame.getByTestId('panel-section-business-case');
    await businessCase.getByTestId('case-mvp').waitFor();
    expect(invoked).toEqual(['epic/panel']);

    // A link is its own write; the panel then asks epic/panel again and shows the second link.
    const linkedBefore = await keyResults.getByRole('button', { name: /^Unlink from / }).count();
    await keyResults.getByLabel('Link to a key result').selectOption({ index: 1 });
    await keyResults.getByRole('button', { name: 'Link', exact: true }).click();
    await keyResults.getByRole('button', { name: /^Unlink from / }).nth(linkedBefore).waitFor();
    expect(invoked).toEqual(['epic/panel', 'okrs/link', 'epic/panel']);

    // A case save answers the saved case, shown at once.
    await businessCase.getByTestId('case-mvp').fill('Instant payouts in one market');
    const saved = page.waitForResponse((response) => response.url().endsWith('/api/invoke') && (response.request().postData() ?? '').includes('"epic/case/save"'));
    await businessCase.getByTestId('case-save').click();
    expect((await saved).status()).toBe(200);
    expect(invoked).toEqual(['epic/panel', 'okrs/link', 'epic/panel', 'epic/case/save']);
    const stored = (await invokeAs(preview.url, 'rte', 'epic/case/get', { issueKey: epicKey })).body as { data: { case: { mvp: string } } };
    expect(stored.data.case.mvp).toBe('Instant payouts in one market');
    await expect(businessCase.getByTestId('case-mvp').inputValue()).resolves.toBe('Instant payouts in one market');

    await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
    await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, 'panel-open-light.png') });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await frame.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'panel-open-dark.png') });
  });
});
