/**
 * The WSJF page in real Chromium on the real preview: a scoring session that saves several epics
 * (typed column by column with the keyboard), re-sorts and survives a reload; a conflict made
 * from a second browser context that keeps the typed values; the CSV export; and the
 * screenshots docs/screenshots/wsjf-light.png and wsjf-dark.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { RunningPreview } from '../../preview/server';
import { ensurePagesBuilt, invokeAs, launchChromium, makeTempDir, REPO_ROOT, startTestPreview } from './support/harness';

jest.setTimeout(180_000);

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1440, height: 900 };

let browser: Browser;
let preview: RunningPreview;
let data: { dir: string; remove: () => void };
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  ensurePagesBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  data = makeTempDir('lpm-e2e-wsjf-');
  preview = await startTestPreview(data.dir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  data?.remove();
});

function watch(target: Page): void {
  target.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  target.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
}

beforeEach(async () => {
  problems = [];
  context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  page = await context.newPage();
  watch(page);
});

afterEach(async () => {
  await context.close();
  expect(problems).toEqual([]);
});

function wsjfUrl(user: string, theme: 'light' | 'dark' = 'light'): string {
  return new URL(`/?module=global-page&route=%2Fwsjf&user=${user}&theme=${theme}`, preview.url).toString();
}

async function openWsjf(target: Page, user = 'rte', theme: 'light' | 'dark' = 'light'): Promise<FrameLocator> {
  await target.goto(wsjfUrl(user, theme));
  const frame = target.frameLocator('#lpm-module');
  await frame.getByRole('table', { name: 'Epics ranked by WSJF' }).waitFor();
  return frame;
}

/** Keys of a table's rows, in the order shown. */
function keysIn(frame: FrameLocator, table: string): Promise<string[]> {
  return frame.getByRole('table', { name: table }).getByRole('button', { name: /^Open [A-Z]+-\d+$/ }).allTextContents();
}

/** The viewport at 1440 px, the page scrolled to its top and no tooltip showing. */
async function screenshot(target: Page, frame: FrameLocator, name: string): Promise<void> {
  await target.mouse.move(0, VIEWPORT.height - 1);
  await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
  await target.screenshot({ path: path.join(SCREENSHOTS, name) });
}

const RANKED = 'Epics ranked by WSJF';
const UNSCORED = 'Unscored epics and what they lack';

async function fill(frame: FrameLocator, key: string, values: { bv: number; tc: number; rr: number; job: number }): Promise<void> {
  await frame.getByLabel(`Business value of ${key}`, { exact: true }).fill(String(values.bv));
  await frame.getByLabel(`Time criticality of ${key}`, { exact: true }).fill(String(values.tc));
  await frame.getByLabel(`RR | OE of ${key}`, { exact: true }).fill(String(values.rr));
  await frame.getByLabel(`Job size of ${key}`, { exact: true }).fill(String(values.job));
}

describe('a WSJF scoring session', () => {
  it('should save several epics in one Save all, re-sort them, and show them the same after a reload', async () => {
    const frame = await openWsjf(page);
    const rankedBefore = await keysIn(frame, RANKED);
    const [first, second] = await keysIn(frame, UNSCORED);
    const last = rankedBefore.at(-1)!;
    expect(first && second).toBeTruthy();

    await frame.getByRole('button', { name: 'Start scoring session' }).click();
    // Column by column with the keyboard: Enter moves down the column, to the next unscored epic.
    for (const [column, a, b] of [
      ['Business value', '13', '1'],
      ['Time criticality', '13', '1'],
      ['RR | OE', '13', '2'],
      ['Job size', '1', '20'],
    ] as const) {
      await frame.getByLabel(`${column} of ${first}`, { exact: true }).focus();
      await page.keyboard.type(a);
      await page.keyboard.press('Enter');
      await page.keyboard.type(b);
    }
    await expect(frame.getByLabel(`Job size of ${second}`, { exact: true }).inputValue()).resolves.toBe('20');
    // The last-ranked epic jumps to the top: its rank updates as it is typed.
    await fill(frame, last, { bv: 20, tc: 20, rr: 20, job: 1 });
    const ranking = (await invokeAs(preview.url, 'rte', 'portfolio/wsjf')).body as { data: { epics: { key: string; rank: number | null }[] } };
    const savedRank = ranking.data.epics.find((epic) => epic.key === last)?.rank;
    await expect(frame.getByTestId(`wsjf-row-${last}`).getByText(`↑ from ${savedRank}`).isVisible()).resolves.toBe(true);
    // Rows stay put while typing; re-sorting on request brings it to the top.
    await frame.getByRole('button', { name: 'Re-sort by new values' }).click();
    expect((await keysIn(frame, RANKED))[0]).toBe(last);
    await screenshot(page, frame, 'wsjf-light.png');

    await frame.getByRole('button', { name: 'Save all (3)' }).click();
    await frame.getByText('Saved 3 epics.').waitFor();

    const expectedTop = [last, first];
    expect((await keysIn(frame, RANKED)).slice(0, 2)).toEqual(expectedTop);
    expect(await keysIn(frame, RANKED)).toContain(second);
    expect(await keysIn(frame, UNSCORED)).not.toContain(first);

    await page.reload();
    const reloaded = page.frameLocator('#lpm-module');
    await reloaded.getByRole('table', { name: RANKED }).waitFor();
    expect((await keysIn(reloaded, RANKED)).slice(0, 2)).toEqual(expectedTop);
    const topRow = reloaded.getByTestId(`wsjf-row-${last}`);
    await expect(topRow.getByText('Rae Engel (RTE)').isVisible()).resolves.toBe(true);
    await expect(topRow.getByRole('strong').textContent()).resolves.toBe('60');
    const stored = (await invokeAs(preview.url, 'rte', 'epic/wsjf/get', { issueKey: second })).body as { data: { wsjfScore: number } };
    expect(stored.data.wsjfScore).toBeCloseTo(0.2);
  });

  it('should show a conflict from a second tab with both values and keep what was typed', async () => {
    const frame = await openWsjf(page);
    const target = (await keysIn(frame, RANKED)).find((key) => key.startsWith('PAY-'))!;
    await frame.getByRole('button', { name: 'Start scoring session' }).click();
    await fill(frame, target, { bv: 8, tc: 5, rr: 3, job: 2 });
    // What was typed survives a reload of the page: the session comes back open with it.
    await page.reload();
    await frame.getByRole('table', { name: RANKED }).waitFor();
    await expect(frame.getByLabel(`Job size of ${target}`, { exact: true }).inputValue()).resolves.toBe('2');

    // The team member, in another browser context, scores the same epic and saves first.
    const other = await browser.newContext({ viewport: VIEWPORT });
    try {
      const otherPage = await other.newPage();
      watch(otherPage);
      const otherFrame = await openWsjf(otherPage, 'member');
      await otherFrame.getByRole('button', { name: 'Start scoring session' }).click();
      await fill(otherFrame, target, { bv: 1, tc: 1, rr: 1, job: 13 });
      await otherFrame.getByRole('button', { name: 'Save all (1)' }).click();
      await otherFrame.getByText('Saved 1 epic.').waitFor();
    } finally {
      await other.close();
    }

    await frame.getByRole('button', { name: 'Save all (1)' }).click();
    const conflict = frame.getByTestId(`wsjf-conflict-${target}`);
    await conflict.waitFor();
    await expect(conflict.getByText(/Saved since .*Business value 1 · Time criticality 1 · RR \| OE 1 · Job size 13 → WSJF 0\.2/).isVisible()).resolves.toBe(true);
    await expect(conflict.getByText(/Yours .*Business value 8 · Time criticality 5 · RR \| OE 3 · Job size 2 → WSJF 8/).isVisible()).resolves.toBe(true);
    for (const [label, value] of [['Business value', '8'], ['Time criticality', '5'], ['RR | OE', '3'], ['Job size', '2']] as const) {
      await expect(frame.getByLabel(`${label} of ${target}`, { exact: true }).inputValue()).resolves.toBe(value);
    }

    // Keeping mine replaces theirs on the next save, deliberately.
    await conflict.getByRole('button', { name: /Keep mine/ }).click();
    await frame.getByRole('button', { name: 'Save all (1)' }).click();
    await frame.getByText('Saved 1 epic.').waitFor();
    const stored = (await invokeAs(preview.url, 'rte', 'epic/wsjf/get', { issueKey: target })).body as { data: { wsjfScore: number } };
    expect(stored.data.wsjfScore).toBe(8);
  });

  it('should keep what was typed for an epic the filter hides, and save it', async () => {
    const frame = await openWsjf(page);
    const toPull = [...(await keysIn(frame, RANKED)), ...(await keysIn(frame, UNSCORED))];
    // Ticking "in progress" asks the server for those epics (it answers only the stages shown).
    await frame.getByRole('checkbox', { name: 'in progress' }).check();
    await frame.getByRole('table', { name: RANKED }).getByText('Implementing').first().waitFor();
    await frame.getByTestId('wsjf-updating').waitFor({ state: 'detached' });
    const withInProgress = [...(await keysIn(frame, RANKED)), ...(await keysIn(frame, UNSCORED))];
    const target = withInProgress.find((key) => !toPull.includes(key))!;
    expect(target).toBeTruthy();

    await frame.getByRole('button', { name: 'Start scoring session' }).click();
    await fill(frame, target, { bv: 8, tc: 5, rr: 3, job: 2 });
    await frame.getByRole('checkbox', { name: 'in progress' }).uncheck();
    await frame.getByTestId('wsjf-updating').waitFor({ state: 'detached' });
    expect([...(await keysIn(frame, RANKED)), ...(await keysIn(frame, UNSCORED))]).not.toContain(target);
    // Hidden, not lost: it still counts for "Save all" and comes back as typed.
    await frame.getByRole('button', { name: 'Save all (1)' }).waitFor();
    await frame.getByRole('checkbox', { name: 'in progress' }).check();
    await frame.getByTestId('wsjf-updating').waitFor({ state: 'detached' });
    await expect(frame.getByLabel(`Job size of ${target}`, { exact: true }).inputValue()).resolves.toBe('2');
    await frame.getByRole('checkbox', { name: 'in progress' }).uncheck();
    await frame.getByTestId('wsjf-updating').waitFor({ state: 'detached' });
    await frame.getByRole('button', { name: 'Save all (1)' }).click();
    await frame.getByText('Saved 1 epic.').waitFor();
    const stored = (await invokeAs(preview.url, 'rte', 'epic/wsjf/get', { issueKey: target })).body as { data: { wsjfScore: number } };
    expect(stored.data.wsjfScore).toBe(8);
  });

  it('should export the rows the tables show, in the order shown', async () => {
    const frame = await openWsjf(page, 'rte', 'dark');
    await frame.getByRole('checkbox', { name: 'in progress' }).check();
    await frame.getByRole('table', { name: RANKED }).getByText('Implementing').first().waitFor();
    await frame.getByTestId('wsjf-updating').waitFor({ state: 'detached' });
    await screenshot(page, frame, 'wsjf-dark.png');
    // Sorted by WSJF, lowest first (a header is a sort button; the first click sorts ascending).
    await frame.getByRole('table', { name: RANKED }).getByRole('button', { name: 'WSJF', exact: true }).click();
    const shown = [...(await keysIn(frame, RANKED)), ...(await keysIn(frame, UNSCORED))];

    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('wsjf-ranking.csv');
    const parsed = Papa.parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([
      'Rank',
      'Key',
      'Summary',
      'State',
      'Theme',
      'Business value',
      'Time criticality',
      'RR | OE',
      'Job size',
      'Cost of delay',
      'WSJF',
      'Scored by',
      'Scored on',
      'Missing',
    ]);
    expect(parsed.data.map((row) => row.Key)).toEqual(shown);
    expect(parsed.data.some((row) => row.State === 'Implementing')).toBe(true);
    const scores = parsed.data.filter((row) => row.Rank !== '').map((row) => Number(row.WSJF));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});
