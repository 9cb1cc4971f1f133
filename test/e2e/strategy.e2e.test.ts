/**
 * The Strategy page in real Chromium on the real preview with the seeded demo: what the RTE and the
 * team member see, a theme created and epics assigned to it (its share moves), a budget and spend
 * that go over budget, a business case written and decided (the commitment gate follows), a
 * participatory budgeting session run by both demo users and adopted, two browsers saving the same
 * budget, and the light and dark screenshots in docs/screenshots.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { RunningPreview } from '../../preview/server';
import { ensurePagesBuilt, invokeAs, launchChromium, makeTempDir, REPO_ROOT, startTestPreview } from './support/harness';

jest.setTimeout(180_000);

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

let browser: Browser;
let preview: RunningPreview;
let data: { dir: string; remove: () => void };
let page: Page;
let problems: string[];

beforeAll(async () => {
  ensurePagesBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  data = makeTempDir('lpm-strategy-e2e-');
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
    if (message.type() === 'error') problems.push(`console ${message.type()}: ${message.text()}`);
  });
}

beforeEach(async () => {
  problems = [];
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  watch(page);
});

afterEach(async () => {
  await page.close();
  expect(problems).toEqual([]);
});

/** Waits (bounded) until the input shows the value: a reload answers asynchronously. */
async function valueOf(frame: FrameLocator, testId: string, expected: string): Promise<string> {
  const input = frame.getByTestId(testId);
  let value = await input.inputValue();
  for (let tries = 0; value !== expected && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await input.inputValue();
  }
  return value;
}

const strategyUrl = (user: string, theme = 'light') => new URL(`/?module=global-page&user=${user}&route=%2Fstrategy&theme=${theme}`, preview.url).toString();
const frameOf = (target: Page): FrameLocator => target.frameLocator('#lpm-module');

async function openStrategy(target: Page, user: string, theme = 'light'): Promise<FrameLocator> {
  await target.goto(strategyUrl(user, theme));
  const frame = frameOf(target);
  await frame.getByTestId('themes-section').waitFor();
  await frame.getByTestId('participatory-section').getByRole('heading').first().waitFor();
  return frame;
}

interface Overview {
  period: string;
  epics: { key: string; state: string | null; themeId: string | null; needsGo: boolean; forecastCost: number | null }[];
  themes: { shares: { themeId: string | null; inProgress: { count: number } }[] };
  budget: { version: number | null };
}
async function overviewAs(user: string, period?: string): Promise<Overview> {
  const answer = (await invokeAs(preview.url, user, 'strategy/overview', period === undefined ? {} : { period })).body as { ok: boolean; data: Overview };
  return answer.data;
}

describe('reading the strategy', () => {
  it('should show the seeded themes, budgets with a warning, a guardrail breach and the session, and take the screenshots', async () => {
    const frame = await openStrategy(page, 'rte');
    await expect(frame.getByTestId('themes-section').textContent()).resolves.toContain('Grow digital revenue');
    await expect(frame.getByTestId('budget-section').textContent()).resolves.toContain('over budget');
    await frame.getByTestId('allocation-breach').waitFor();
    await frame.getByTestId('most-disputed').waitFor();
    // Transitions of buttons and lozenges settle before the picture.
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'strategy-light.png'), clip: { x: 0, y: 0, width: 1440, height: 1000 } });

    const dark = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    watch(dark);
    const darkFrame = await openStrategy(dark, 'rte', 'dark');
    await darkFrame.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
    await darkFrame.getByTestId('allocation-breach').waitFor();
    await dark.waitForTimeout(400);
    await dark.screenshot({ path: path.join(SCREENSHOTS, 'strategy-dark.png'), clip: { x: 0, y: 0, width: 1440, height: 1000 } });
    await dark.close();
  });

  it('should offer the team member no edit controls', async () => {
    const frame = await openStrategy(page, 'member');
    await frame.getByTestId('read-only-note').waitFor();
    for (const testId of ['themes-edit', 'themes-assign', 'budgets-edit', 'spend-save', 'guardrails-edit', 'session-open', 'adopt-allocation']) {
      await expect(frame.getByTestId(testId).count()).resolves.toBe(0);
    }
    // The member is invited to the seeded session: their own allocation is the one thing they may submit.
    await frame.getByTestId('submit-allocation').waitFor();
    // A business case of a project the member may only browse (PLT) opens read-only, without the decision.
    const overview = await overviewAs('member');
    const plt = overview.epics.find((epic) => epic.key.startsWith('PLT-') && epic.forecastCost !== null);
    if (!plt) throw new Error('the demo needs a PLT epic with a business case');
    await frame.getByTestId('cases-filter').fill(plt.key);
    await frame.getByTestId(`case-open-${plt.key}`).click();
    await frame.getByText('Read only', { exact: true }).waitFor();
    await expect(frame.getByTestId('case-save').count()).resolves.toBe(0);
    await expect(frame.getByTestId('case-decide').count()).resolves.toBe(0);
    await frame.getByTestId('case-close').click();
  });
});

describe('changing the strategy', () => {
  it('should create a theme, assign epics in progress to it and show its share move', async () => {
    const frame = await openStrategy(page, 'rte');
    await frame.getByTestId('themes-edit').click();
    await frame.getByTestId('theme-add').click();
    await frame.getByTestId('theme-name').last().fill('Customer trust');
    await frame.getByTestId('theme-label').last().fill('theme-trust');
    await frame.getByTestId('theme-target').last().fill('10');
    // Targets must add up to at most 100%: make room.
    await frame.getByTestId('theme-target').first().fill('40');
    await frame.getByTestId('themes-save').click();
    await frame.getByTestId('themes-section').getByText('Customer trust').first().waitFor();

    const before = await overviewAs('rte');
    const trustBefore = before.themes.shares.find((row) => row.themeId === 'customer-trust');
    expect(trustBefore?.inProgress.count ?? 0).toBe(0);
    const implementing = before.epics.filter((epic) => epic.state === 'Implementing' && epic.themeId !== 'customer-trust').slice(0, 2);

    await frame.getByTestId('themes-assign').click();
    await frame.getByTestId('assign-theme').selectOption('customer-trust');
    for (const epic of implementing) await frame.getByTestId(`assign-${epic.key}`).check();
    await frame.getByTestId('assign-submit').click();
    await expect(frame.getByTestId('assign-outcome').textContent()).resolves.toContain('2 assigned to Customer trust');

    const after = await overviewAs('rte');
    expect(after.themes.shares.find((row) => row.themeId === 'customer-trust')?.inProgress.count).toBe(2);
    await frame.getByTestId('themes-section').getByText('Customer trust').first().waitFor();
  });

  it('should warn when spend goes over the budget a manager set', async () => {
    const frame = await openStrategy(page, 'rte');
    const current = (await overviewAs('rte')).period;
    const previous = current.endsWith('Q1') ? `${Number(current.slice(0, 4)) - 1}-Q4` : `${current.slice(0, 6)}${Number(current.slice(6)) - 1}`;
    await frame.getByTestId('quarter-previous').click();
    await frame.getByRole('heading', { name: `Value stream budgets · ${previous}` }).waitFor();
    await frame.getByTestId('budgets-edit').click();
    await frame.getByTestId('budget-payments').fill('100000');
    await frame.getByTestId('budgets-save').click();
    await frame.getByTestId('budgets-edit').waitFor();
    await frame.getByTestId('spend-stream').selectOption('payments');
    await frame.getByTestId('spend-amount').fill('120000');
    await frame.getByTestId('spend-note').fill('Year-end licences');
    await frame.getByTestId('spend-save').click();
    await frame.getByTestId('budget-section').getByText('Year-end licences').waitFor();
    const paymentsRow = frame.getByTestId('budget-section').locator('tr', { hasText: 'Payments' });
    await expect(paymentsRow.textContent()).resolves.toContain('Spend over budget');
  });

  it('should keep what the second browser typed when it saves the same budget after the first', async () => {
    const second = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const other = await second.newPage();
    watch(other);
    try {
      const first = await openStrategy(page, 'rte');
      const later = await openStrategy(other, 'rte');
      await first.getByTestId('budgets-edit').click();
      await later.getByTestId('budgets-edit').click();
      await first.getByTestId('budget-mobile').fill('610000');
      await later.getByTestId('budget-platform').fill('777000');
      await first.getByTestId('budgets-save').click();
      await first.getByTestId('budgets-edit').waitFor();

      await later.getByTestId('budgets-save').click();
      const conflict = later.getByTestId('error');
      await conflict.waitFor();
      await expect(conflict.textContent()).resolves.toContain('Someone else changed this');
      await expect(later.getByTestId('budget-platform').inputValue()).resolves.toBe('777000');

      await later.getByRole('button', { name: 'Load their version (keeps what you typed)' }).click();
      await expect(valueOf(later, 'budget-mobile', '610000')).resolves.toBe('610000');
      await expect(later.getByTestId('budget-platform').inputValue()).resolves.toBe('777000');
      await later.getByTestId('budgets-save').click();
      await later.getByTestId('budgets-edit').waitFor();
      const budget = (await invokeAs(preview.url, 'rte', 'budgets/list', {})).body as { data: { lines: { valueStreamId: string; budget: number }[] } };
      expect(budget.data.lines.find((line) => line.valueStreamId === 'platform')?.budget).toBe(777_000);
      // Reloading showed the first browser's change beside what was typed here: both are saved.
      expect(budget.data.lines.find((line) => line.valueStreamId === 'mobile')?.budget).toBe(610_000);
    } finally {
      await second.close();
    }
  });

  it('should gate the commitment on a go decision once the forecast cost is above the threshold', async () => {
    const overview = await overviewAs('rte');
    const candidate = overview.epics.find((epic) => epic.state === 'Portfolio Backlog' && epic.forecastCost === null && epic.key.startsWith('PAY-'));
    if (!candidate) throw new Error('the demo needs a PAY epic in Portfolio Backlog without a case');
    const frame = await openStrategy(page, 'rte');
    await frame.getByTestId('cases-filter').fill(candidate.key);
    await frame.getByTestId(`case-open-${candidate.key}`).click();
    await frame.getByTestId('case-forCustomers').fill('merchants selling abroad');
    await frame.getByTestId('case-forecast-cost').fill('400000');
    await frame.getByTestId('case-save').click();
    await frame.getByTestId('case-gate').getByText(/above the approval threshold/).waitFor();
    expect((await overviewAs('rte')).epics.find((epic) => epic.key === candidate.key)?.needsGo).toBe(true);

    await frame.getByTestId('case-decision').selectOption('go');
    await frame.getByTestId('case-decision-note').fill('MVP evidence is convincing');
    await frame.getByTestId('case-decide').click();
    // The decision line shows once the server stamped the decision (other epics' gates may already say "May be committed").
    await frame.getByText(/Go by .*MVP evidence is convincing/).waitFor();
    await frame.getByTestId('case-gate').getByText('May be committed').first().waitFor();
    expect((await overviewAs('rte')).epics.find((epic) => epic.key === candidate.key)?.needsGo).toBe(false);
    await frame.getByTestId('case-close').click();
  });

  it('should run a participatory budgeting session with both demo users and adopt it as the budgets', async () => {
    const frame = await openStrategy(page, 'rte');
    const current = (await overviewAs('rte')).period;
    const [year, quarter] = [Number(current.slice(0, 4)), Number(current.slice(6))];
    const next = quarter === 4 ? `${year + 1}-Q1` : `${year}-Q${quarter + 1}`;
    const sessionOf = (target: FrameLocator) => target.getByRole('heading', { name: `Participatory budgeting · ${next}` }).waitFor();
    await frame.getByRole('button', { name: `${next} →` }).click();
    await sessionOf(frame);
    await frame.getByTestId('session-total').fill('1000000');
    await frame.getByTestId('session-open').click();
    for (const [stream, amount] of [['payments', '400000'], ['mobile', '300000'], ['data', '100000'], ['platform', '200000']] as const) await frame.getByTestId(`submit-${stream}`).fill(amount);
    await frame.getByTestId('submit-rationale').fill('Growth first');
    await frame.getByTestId('submit-allocation').click();
    await frame.getByTestId('submissions').waitFor();

    const member = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    watch(member);
    const memberFrame = await openStrategy(member, 'member');
    await memberFrame.getByRole('button', { name: `${next} →` }).click();
    await sessionOf(memberFrame);
    await memberFrame.getByTestId('submissions').waitFor();
    for (const [stream, amount] of [['payments', '200000'], ['mobile', '500000'], ['data', '100000'], ['platform', '200000']] as const) await memberFrame.getByTestId(`submit-${stream}`).fill(amount);
    await memberFrame.getByTestId('submit-allocation').click();
    await memberFrame.getByTestId('most-disputed').waitFor();
    await member.close();

    await page.reload();
    const again = frameOf(page);
    await again.getByTestId('themes-section').waitFor();
    await again.getByRole('button', { name: `${next} →` }).click();
    await sessionOf(again);
    await again.getByTestId('most-disputed').waitFor();
    // Medians: payments 300k, mobile 400k, data 100k, platform 200k: already 1,000,000.
    await expect(valueOf(again, 'adopt-payments', '300000')).resolves.toBe('300000');
    await again.getByTestId('adopt-allocation').click();
    await again.getByTestId('participatory-section').getByText('Adopted').waitFor();
    const budget = (await invokeAs(preview.url, 'rte', 'budgets/list', { period: next })).body as { data: { lines: { valueStreamId: string; budget: number }[] } };
    expect(budget.data.lines.map((line) => [line.valueStreamId, line.budget])).toEqual([
      ['payments', 300_000],
      ['mobile', 400_000],
      ['data', 100_000],
      ['platform', 200_000],
    ]);
  });
});
