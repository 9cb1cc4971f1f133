/**
 * The OKRs and Review pages in real Chromium on the real preview (demo Jira, seeded documents):
 * a manager creates an objective with two key results, links epics, checks in and sees progress and
 * both call-outs; a move made in Jira shows in the review since a date; the review prints without
 * the page's navigation. Screenshots (light and dark) go to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { RunningPreview } from '../../preview/server';
import { demoUser } from '../../preview/demo-jira';
import { invokeAs, REPO_ROOT, useBrowserSuite } from './support/harness';

jest.setTimeout(180_000);

const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

let preview: RunningPreview;
let page: Page;
useBrowserSuite({ tempPrefix: 'lpm-okrs-e2e-', viewport: { width: 1440, height: 900 }, failOnWarnings: true }, (session) => ({ preview } = session), (opened) => (page = opened));

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

const open = (route: string, theme: 'light' | 'dark' = 'light', user = 'rte') =>
  page.goto(new URL(`/?module=global-page&user=${user}&theme=${theme}&route=${route}`, preview.url).toString());
const frame = (): FrameLocator => page.frameLocator('#lpm-module');
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

interface BoardCard {
  key: string;
  state: string;
  projectKey: string;
}

async function boardCards(): Promise<BoardCard[]> {
  const answer = (await invokeAs(preview.url, 'rte', 'portfolio/board')).body as { data: { cards: BoardCard[] } };
  return answer.data.cards;
}

/** A card of the project in the state; the demo portfolio has one whenever it is generated. */
function cardIn(cards: readonly BoardCard[], state: string, projectKey: string): BoardCard {
  const card = cards.find((candidate) => candidate.state === state && candidate.projectKey === projectKey);
  if (card === undefined) throw new Error(`The board has no ${projectKey} epic in ${state}`);
  return card;
}

/** Moves an epic through the demo Jira's REST API as the RTE, as the preview's demo users do. */
async function transition(issueKey: string, statusName: string): Promise<void> {
  const { email, apiToken } = demoUser('rte');
  const headers = { authorization: `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`, 'content-type': 'application/json' };
  const url = `${preview.jiraUrl}/rest/api/3/issue/${issueKey}/transitions`;
  const listed = (await (await fetch(url, { headers })).json()) as { transitions: { id: string; name: string }[] };
  const id = listed.transitions.find((candidate) => candidate.name === statusName)?.id;
  if (id === undefined) throw new Error(`${issueKey} has no transition to ${statusName}`);
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ transition: { id } }) });
  expect(response.status).toBe(204);
}

describe('the OKRs page', () => {
  it('should show the seeded quarter with progress, call-outs and linked epics, light and dark', async () => {
    await open('/okrs');
    await frame().getByTestId('objective-instant-payouts').waitFor();
    await expect(frame().getByTestId('callout-no-work-in-flight').count()).resolves.toBe(1);
    expect(await frame().getByTestId('callout-outputs-delivered').count()).toBeGreaterThanOrEqual(1);
    await shot('okrs-light');
    await open('/okrs', 'dark');
    await frame().getByTestId('objective-instant-payouts').waitFor();
    await frame().locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
    await shot('okrs-dark');
  });

  it('should create an objective with two key results, link epics, check in, and show progress and call-outs', async () => {
    const cards = await boardCards();
    const implementing = cardIn(cards, 'Implementing', 'PAY');
    const done = cardIn(cards, 'Done', 'MOB');
    await open('/okrs');
    const okrs = frame();
    await okrs.getByTestId('objective-instant-payouts').waitFor();
    // An empty quarter: the next one.
    await okrs.getByRole('button', { name: 'Next quarter' }).click();
    await okrs.getByTestId('empty').waitFor();
    await okrs.getByRole('button', { name: 'Add objective' }).click();
    const editor = okrs.getByTestId('objective-editor');
    await editor.getByLabel(/^Objective/).fill('Grow wallet usage');
    await editor.getByLabel('Strategic theme').selectOption({ label: 'Grow digital revenue' });
    await editor.getByLabel(/^Key result 1/).fill('Wallet users');
    await editor.getByLabel(/^Baseline/).fill('1000');
    await editor.getByLabel(/^Target/).fill('5000');
    await editor.getByLabel('Owner').selectOption({ label: 'Rae Engel (RTE)' });
    await editor.getByRole('button', { name: 'Add key result' }).click();
    await editor.getByLabel(/^Key result 2/).fill('Card declines');
    await editor.getByLabel(/^Unit/).nth(1).fill('%');
    await editor.getByLabel(/^Baseline/).nth(1).fill('8');
    await editor.getByLabel(/^Target/).nth(1).fill('4');
    await editor.getByRole('button', { name: 'Save objective' }).click();

    const objective = okrs.locator('[data-testid^="objective-grow-wallet-usage"]');
    await objective.waitFor();
    await expect(objective.getByTestId('callout-no-work-in-flight').isVisible()).resolves.toBe(true);

    const wallet = objective.locator('[data-testid^="key-result-wallet-users"]');
    const declines = objective.locator('[data-testid^="key-result-card-declines"]');
    await wallet.getByRole('button', { name: 'Link epics' }).click();
    await wallet.getByLabel('Link epics (keys)').fill(implementing.key);
    await wallet.getByRole('button', { name: 'Link', exact: true }).click();
    await wallet.getByRole('button', { name: `Open ${implementing.key}` }).waitFor();
    // An epic in implementation: work is in flight toward the objective now.
    await objective.getByTestId('callout-no-work-in-flight').waitFor({ state: 'detached' });

    await declines.getByRole('button', { name: 'Link epics' }).click();
    await declines.getByLabel('Link epics (keys)').fill(done.key);
    await declines.getByRole('button', { name: 'Link', exact: true }).click();
    // Its only epic is done, and the key result has not moved: outputs delivered, outcome not reached.
    await declines.getByTestId('callout-outputs-delivered').waitFor();

    // (3000 − 1000) ÷ (5000 − 1000) = 50%; the other key result has no value yet, so the objective is 50% too.
    await wallet.getByRole('button', { name: 'New check-in' }).click();
    await wallet.getByLabel(/^New value/).fill('3000');
    await wallet.getByLabel('Confidence').selectOption('7');
    await wallet.getByLabel('Note').fill('Launch campaign ran');
    await wallet.getByRole('button', { name: 'Check in' }).click();
    await wallet.getByText('50% progress').waitFor();
    await expect(objective.getByTestId('objective-progress').textContent()).resolves.toBe('50%');
    await expect(wallet.getByText('Check-in trail (1)').isVisible()).resolves.toBe(true);
  });
});

describe('the issue panel', () => {
  it("should list the epic's key results and let the RTE link it to another", async () => {
    const okrs = (await invokeAs(preview.url, 'rte', 'okrs/list')).body as { data: { objectives: { keyResults: { title: string; epics: { key: string }[] }[] }[] } };
    const [first] = okrs.data.objectives[0]!.keyResults;
    const epicKey = first!.epics[0]!.key;
    await page.goto(new URL(`/?module=issue-panel&user=rte&issueKey=${epicKey}`, preview.url).toString());
    const section = frame().getByTestId('key-results-section');
    await section.getByText(first!.title, { exact: true }).waitFor();
    await section.getByLabel('Link to a key result').selectOption({ index: 1 });
    await section.getByRole('button', { name: 'Link', exact: true }).click();
    // Linked now to two key results of the quarter.
    await section.getByRole('button', { name: /^Unlink from / }).nth(1).waitFor();
    await expect(section.getByRole('button', { name: /^Unlink from / }).count()).resolves.toBe(2);
  });
});

describe('the Review page', () => {
  it('should list a move made in Jira since a chosen date, light and dark', async () => {
    const epic = cardIn(await boardCards(), 'Portfolio Backlog', 'PAY');
    await transition(epic.key, 'Implementing');
    await open('/review');
    const review = frame();
    await review.getByTestId('review-period').waitFor();
    const since = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10);
    await review.getByLabel('Changes since').fill(since);
    await review.getByRole('button', { name: 'Show changes' }).click();
    await review.getByText(`Portfolio review: ${since} to`).waitFor();
    const row = review.getByRole('row').filter({ has: review.getByRole('button', { name: `Open ${epic.key}` }) }).filter({ hasText: 'Portfolio Backlog → Implementing' });
    await expect(row.count()).resolves.toBe(1);
    await shot('review-light');
    await open('/review', 'dark');
    await frame().getByTestId('review-period').waitFor();
    await frame().locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
    await shot('review-dark');
  });

  it('should print the review without the navigation and controls', async () => {
    await open('/review');
    const review = frame();
    await review.getByTestId('review-period').waitFor();
    const nav = review.getByRole('navigation', { name: 'Lean Portfolio pages' });
    await expect(nav.isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'print' });
    await expect(nav.isVisible()).resolves.toBe(false);
    await expect(review.getByRole('button', { name: 'Show changes' }).isVisible()).resolves.toBe(false);
    await expect(review.getByRole('heading', { name: 'Where the portfolio stands' }).isVisible()).resolves.toBe(true);
    await expect(review.getByRole('table', { name: /^Changes since/ }).isVisible()).resolves.toBe(true);
  });
});
