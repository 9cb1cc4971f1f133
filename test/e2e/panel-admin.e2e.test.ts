/**
 * The epic panel and the admin page in real Chromium against the real preview (resolvers, store,
 * demo Jira): scoring an epic (live rank, Enter saves, focus returns, the score searchable in
 * Jira), the member's read-only panel, the launcher's epic picker and the keyboard, an invalid scope
 * JQL with Jira's message, the configuration check, and a mapping change the board follows.
 * Screenshots (light and dark) go to docs/screenshots/panel-*.png and admin-*.png.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { demoAuthorization, STATUS_IDS, WSJF_PROPERTY_KEY } from '../../preview/demo-jira';
import type { RunningPreview } from '../../preview/server';
import { invokeAs, REPO_ROOT, useBrowserSuite } from './support/harness';

jest.setTimeout(180_000);

const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

let preview: RunningPreview;
let page: Page;
useBrowserSuite({ tempPrefix: 'lpm-panel-admin-' }, (session) => ({ preview } = session), (opened) => (page = opened));

const launcher = (query: string) => new URL(`/?${query}`, preview.url).toString();
const moduleFrame = (): FrameLocator => page.frameLocator('#lpm-module');

async function data_<T>(user: string, key: string, payload: unknown = {}): Promise<T> {
  const answer = (await invokeAs(preview.url, user, key, payload)).body as { ok: boolean; data: T; error?: unknown };
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/** Scrolled to the top (a test scrolled to what it checked), light, as the launcher shows it. */
async function shot(name: string): Promise<void> {
  await moduleFrame().locator('body').evaluate(() => window.scrollTo(0, 0));
  await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, name) });
}

async function darkShot(name: string): Promise<void> {
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await moduleFrame().locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
  // Buttons fade between colours; let them settle so the picture shows the end state.
  await page.waitForTimeout(400);
  await shot(name);
}

/** The demo Jira as a user, through the preview's /jira mount. */
async function jira(user: 'rte' | 'member', method: string, apiPath: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(`/jira${apiPath}`, preview.url), {
    method,
    headers: { authorization: demoAuthorization(user), 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

type Ranked = { key: string; rank: number | null; wsjfScore: number | null };

describe('the epic panel', () => {
  it('should rank the draft as the user types, save with Enter, give focus back and make the score searchable in Jira', async () => {
    const ranking = await data_<{ epics: Ranked[] }>('rte', 'portfolio/wsjf');
    const epic = ranking.epics.find((candidate) => candidate.key.startsWith('PAY-') && candidate.wsjfScore === null);
    expect(epic).toBeDefined();
    const issueKey = epic!.key;

    await page.goto(launcher(`module=issue-panel&user=rte&issueKey=${issueKey}`));
    const frame = moduleFrame();
    await expect(frame.getByTestId('wsjf-rank').textContent()).resolves.toBe('Unranked');
    await frame.getByTestId('wsjf-userBusinessValue').selectOption('20');
    await frame.getByTestId('wsjf-timeCriticality').selectOption('13');
    await frame.getByTestId('wsjf-riskReductionOpportunityEnablement').selectOption('8');
    await frame.getByTestId('wsjf-jobSize').selectOption('2');
    // (20 + 13 + 8) ÷ 2 = 20.5, ranked among the other epics before anything is saved.
    await frame.getByTestId('wsjf-score').getByText('20.5', { exact: true }).waitFor();
    await expect(frame.getByTestId('wsjf-cost-of-delay').textContent()).resolves.toBe('41');
    const liveRank = (await frame.getByTestId('wsjf-rank').textContent())!;
    expect(liveRank).toMatch(/^\d+ of \d+$/);
    await frame.getByText('Not saved').waitFor();
    await frame.getByRole('table', { name: 'Rank neighbours' }).getByText(`${issueKey} (this epic)`).waitFor();

    await frame.getByTestId('wsjf-jobSize').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('lpm-flag').waitFor();
    await expect(page.getByTestId('lpm-flag').textContent()).resolves.toContain(`${issueKey}: WSJF 20.5, rank ${liveRank}`);
    await frame.getByText('Not saved').waitFor({ state: 'detached' });
    await frame.locator('[data-testid="wsjf-jobSize"]:focus').waitFor();

    // The rank moved in the portfolio as the panel said it would.
    const after = await data_<{ epics: Ranked[] }>('rte', 'portfolio/wsjf');
    expect(`${after.epics.find((candidate) => candidate.key === issueKey)?.rank} of ${after.epics.filter((e) => e.rank !== null).length}`).toBe(liveRank);

    // Searchable in Jira: `wsjfScore > 20` where the demo's JQL knows the alias, else the property itself.
    const search = await jira('rte', 'POST', '/rest/api/3/search/jql', { jql: 'wsjfScore > 20', fields: ['summary'], maxResults: 100 });
    if (search.status === 200) {
      expect((search.json as { issues: { key: string }[] }).issues.map((issue) => issue.key)).toContain(issueKey);
    } else {
      const property = await jira('rte', 'GET', `/rest/api/3/issue/${issueKey}/properties/${WSJF_PROPERTY_KEY}`);
      expect(property).toMatchObject({ status: 200, json: { value: { wsjfScore: 20.5, costOfDelay: 41, jobSize: 2 } } });
    }

    await frame.getByRole('button', { name: /Score changes/ }).click();
    await frame.getByTestId('score-changes').getByText('You').waitFor();
    await shot('panel-light.png');
    await darkShot('panel-dark.png');
  });

  it('should show the member a read-only panel, saying why, on an epic they can only browse', async () => {
    const key = (await data_<{ epics: Ranked[] }>('member', 'portfolio/wsjf')).epics.find((epic) => epic.key.startsWith('PLT-'))!.key;
    await page.goto(launcher(`module=issue-panel&user=member&issueKey=${key}`));
    const frame = moduleFrame();
    await frame.getByText('View only').waitFor();
    await frame.getByText(`Changing the WSJF of ${key} needs the Edit issues permission in its project.`).waitFor();
    for (const name of ['userBusinessValue', 'timeCriticality', 'riskReductionOpportunityEnablement', 'jobSize']) {
      await expect(frame.getByTestId(`wsjf-${name}`).isDisabled()).resolves.toBe(true);
    }
    await expect(frame.getByTestId('wsjf-save').count()).resolves.toBe(0);
    await frame.getByRole('region', { name: 'Flow' }).getByRole('table', { name: 'State dates' }).waitFor();
  });

  it("should not leave the page on the epic picker's first arrow key, and open the epic on Enter", async () => {
    await page.goto(launcher('module=issue-panel&user=rte'));
    const before = page.url();
    const picker = page.locator('#lpm-epic');
    await picker.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await picker.inputValue();
    expect(chosen).toMatch(/^[A-Z]+-\d+$/);
    expect(page.url()).toBe(before);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`issueKey=${chosen}`));
    await moduleFrame().getByTestId('wsjf-score').waitFor();
  });
});

describe('the admin page', () => {
  it("should show Jira's own error for an invalid scope JQL and save nothing", async () => {
    const before = await data_<{ version: number | null }>('rte', 'settings/get');
    await page.goto(launcher('module=admin-page&user=rte'));
    const frame = moduleFrame();
    const jql = frame.getByTestId('scope-jql');
    await jql.fill('issuetype = Epic AND');
    await frame.getByTestId('scope-jql-check').click();
    const error = frame.getByTestId('scope-jql-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('Error in the JQL Query');
    await frame.getByTestId('settings-save').click();
    await frame.getByTestId('error').getByText(/settings\.scopeJql: Error in the JQL Query/).waitFor();
    expect((await data_<{ version: number | null }>('rte', 'settings/get')).version).toBe(before.version);

    await jql.fill('issuetype = Epic ORDER BY key');
    await frame.getByTestId('scope-jql-check').click();
    await frame.getByTestId('scope-jql-count').getByText(/Jira finds about \d+ issues/).waitFor();
  });

  it('should list the unmapped On Hold in the configuration check, then move its epics on the board once it is mapped', async () => {
    await page.goto(launcher('module=admin-page&user=rte'));
    const frame = moduleFrame();
    await frame.getByTestId('run-check').click();
    const onHold = frame.getByTestId(`finding-unmapped-status-${STATUS_IDS.onHold}`);
    await onHold.getByText('Status "On Hold" maps to no state').waitFor();
    await onHold.getByRole('button', { name: /^Open \d+ epics? in Jira$/ }).waitFor();
    await shot('admin-light.png');

    // Epics on hold now: an unmapped status extends the state before it, so the board shows them there.
    const onHoldSearch = await jira('rte', 'POST', '/rest/api/3/search/jql', { jql: 'issuetype = Epic AND status = "On Hold"', fields: ['summary'], maxResults: 100 });
    const onHoldKeys = (onHoldSearch.json as { issues: { key: string }[] }).issues.map((issue) => issue.key);
    expect(onHoldKeys.length).toBeGreaterThan(0);
    type Board = { cards: { key: string; state: string }[] };
    const statesOf = (board: Board) => onHoldKeys.map((key) => board.cards.find((card) => card.key === key)?.state);
    const before = statesOf(await data_<Board>('rte', 'portfolio/board'));
    expect(before.every((state) => state === 'Portfolio Backlog')).toBe(false);

    const mapping = frame.getByTestId(`mapping-${STATUS_IDS.onHold}`);
    await mapping.selectOption('Portfolio Backlog');
    await frame.getByTestId('settings-save').click();
    await frame.getByTestId('settings-version').getByText(/^Saved version \d+\.$/).waitFor();

    expect(statesOf(await data_<Board>('rte', 'portfolio/board'))).toEqual(onHoldKeys.map(() => 'Portfolio Backlog'));
    await darkShot('admin-dark.png');
  });

  it("should show both versions when another admin saved first", async () => {
    await page.goto(launcher('module=admin-page&user=rte'));
    const frame = moduleFrame();
    await frame.getByTestId('settings-save').waitFor();
    const current = await data_<{ settings: Record<string, unknown>; version: number }>('rte', 'settings/get');
    await data_('rte', 'settings/save', { settings: { ...current.settings, staleScoreDays: 30 }, version: current.version });
    await frame.getByLabel('Stale score after (days)').fill('45');
    await frame.getByTestId('settings-save').click();
    const conflict = frame.getByTestId('settings-conflict');
    await conflict.waitFor();
    const row = conflict.getByRole('row').filter({ hasText: 'staleScoreDays' });
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual(['staleScoreDays', '45', '30']);
    await frame.getByRole('button', { name: 'Load theirs' }).click();
    await expect(frame.getByLabel('Stale score after (days)').inputValue()).resolves.toBe('30');
  });
});
