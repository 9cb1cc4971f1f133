/**
 * The real pages in real Chromium, on the real preview (resolvers, store, demo Jira): what each
 * demo user sees, saving a WSJF score and finding it again after a restart, a conflicting save,
 * the dark theme, navigation, and the admin page. Screenshots go to LPM_SCREENSHOTS (else a temp
 * folder, printed once) for a human to look at.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { RunningPreview } from '../../preview/server';
import { invokeAs, useBrowserSuite } from './support/harness';

jest.setTimeout(120_000);

const SHOTS = process.env.LPM_SCREENSHOTS ?? path.join(os.tmpdir(), `lpm-e2e-shots-${process.pid}`);

let preview: RunningPreview;
let restartPreview: () => Promise<RunningPreview>;
let page: Page;
useBrowserSuite({ tempPrefix: 'lpm-e2e-', viewport: { width: 1400, height: 900 }, failOnWarnings: true }, (session) => ({ preview, restartPreview } = session), (opened) => (page = opened));

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
  console.log(`screenshots: ${SHOTS}`);
});

function launcher(query: string): string {
  return new URL(`/?${query}`, preview.url).toString();
}

function moduleFrame(): FrameLocator {
  return page.frameLocator('#lpm-module');
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Opens every capped Kanban column, then reads the keys of all cards. */
async function kanbanKeys(frame: FrameLocator): Promise<string[]> {
  await frame.getByTestId('epic-card').first().waitFor();
  const showAll = frame.getByRole('button', { name: /^Show all \d+$/ });
  while ((await showAll.count()) > 0) await showAll.first().click();
  return frame.getByRole('button', { name: /^Open [A-Z]+-\d+$/ }).allTextContents();
}

describe('the Kanban', () => {
  it('should show DAT epics to the RTE and none to the team member when the user is switched', async () => {
    await page.goto(launcher('module=global-page&user=rte'));
    const rteKeys = await kanbanKeys(moduleFrame());
    await shot('kanban-rte');
    expect(rteKeys.some((key) => key.startsWith('DAT-'))).toBe(true);
    await expect(moduleFrame().getByRole('heading', { name: 'Lean Portfolio · Kanban' }).isVisible()).resolves.toBe(true);

    await page.selectOption('#lpm-user', 'member');
    await page.waitForURL(/user=member/);
    const memberKeys = await kanbanKeys(moduleFrame());
    await shot('kanban-member');
    expect(memberKeys.length).toBeGreaterThan(0);
    expect(memberKeys.filter((key) => key.startsWith('DAT-'))).toEqual([]);
    expect(memberKeys.length).toBeLessThan(rteKeys.length);
  });

  it('should show each column with its count and WIP limit', async () => {
    await page.goto(launcher('module=global-page&user=rte'));
    const frame = moduleFrame();
    const implementing = frame.getByTestId('kanban-column-Implementing');
    await implementing.waitFor();
    const board = (await invokeAs(preview.url, 'rte', 'portfolio/board')).body as {
      data: { columns: { state: string; count: number; wipLimit: number | null }[] };
    };
    const column = board.data.columns.find((candidate) => candidate.state === 'Implementing')!;
    const label = column.wipLimit === null ? `${column.count} epics, no WIP limit` : `${column.count} epics, WIP limit ${column.wipLimit}`;
    await expect(implementing.getByLabel(label).isVisible()).resolves.toBe(true);
  });
});

describe('resolver calls', () => {
  it('should call one resolver per page, and the sync status as the page opens, when the Kanban and then the WSJF ranking load', async () => {
    const functionKeys: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/invoke') functionKeys.push((request.postDataJSON() as { functionKey: string }).functionKey);
    });
    await page.goto(launcher('module=global-page&user=rte'));
    await moduleFrame().getByTestId('epic-card').first().waitFor();
    await moduleFrame().getByRole('button', { name: 'WSJF', exact: true }).click();
    await moduleFrame().getByRole('table', { name: 'Epics ranked by WSJF' }).waitFor();
    // The states and commitment point that colour the lozenges come with each page's own answer;
    // the page shell asks how the background sync stands when it opens (and again a few seconds later).
    expect(functionKeys.filter((key) => key !== 'sync/status')).toEqual(['portfolio/board', 'portfolio/wsjf']);
    expect(functionKeys[0]).toBe('sync/status');
  });
});

describe('navigation', () => {
  it('should follow the sidebar to a sub-page through the history and keep it in the URL', async () => {
    await page.goto(launcher('module=global-page&user=rte'));
    await moduleFrame().getByTestId('epic-card').first().waitFor();
    await page.getByRole('link', { name: 'WSJF', exact: true }).click();
    await moduleFrame().getByRole('heading', { name: 'Lean Portfolio · WSJF' }).waitFor();
    await moduleFrame().getByRole('table', { name: 'Epics ranked by WSJF' }).waitFor();
    await page.waitForURL(/route=%2Fwsjf/);
    await shot('wsjf-ranking');
    await page.reload();
    await moduleFrame().getByRole('heading', { name: 'Lean Portfolio · WSJF' }).waitFor();
  });

  it('should open the issue view when an epic key on a card is clicked', async () => {
    await page.goto(launcher('module=global-page&user=rte'));
    const link = moduleFrame().getByRole('button', { name: /^Open [A-Z]+-\d+$/ }).first();
    const key = (await link.textContent())!;
    await link.click();
    await page.waitForURL(new RegExp(`module=issue-panel.*issueKey=${key}`));
    await moduleFrame().getByTestId('wsjf-score').waitFor();
  });
});

describe('the issue panel', () => {
  it('should save a WSJF score with the keyboard, show its rank, and still show it after a restart', async () => {
    const ranking = (await invokeAs(preview.url, 'rte', 'portfolio/wsjf')).body as { data: { epics: { key: string; wsjfScore: number | null }[] } };
    const epic = ranking.data.epics.find((candidate) => candidate.key.startsWith('DAT-') && candidate.wsjfScore === null);
    expect(epic).toBeDefined();
    const issueKey = epic!.key;

    await page.goto(launcher(`module=issue-panel&user=rte&issueKey=${issueKey}`));
    const frame = moduleFrame();
    await expect(frame.getByTestId('wsjf-score').textContent()).resolves.toBe('—');
    await expect(frame.getByTestId('wsjf-rank').textContent()).resolves.toBe('Unranked');

    // Keyboard only: a focused <select> takes the typed value, Tab moves on, Enter on Save submits.
    await frame.getByTestId('wsjf-userBusinessValue').focus();
    for (const value of ['8', '5', '3', '2']) {
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    await expect(frame.getByTestId('wsjf-jobSize').inputValue()).resolves.toBe('2');
    await page.keyboard.press('Enter');

    // (8 + 5 + 3) ÷ 2 = 8
    await frame.getByTestId('wsjf-score').getByText('8', { exact: true }).waitFor();
    await expect(frame.getByTestId('wsjf-cost-of-delay').textContent()).resolves.toBe('16');
    const rank = (await frame.getByTestId('wsjf-rank').textContent())!;
    expect(rank).toMatch(/^\d+ of \d+$/);
    const flag = page.getByTestId('lpm-flag');
    await flag.waitFor();
    await expect(flag.textContent()).resolves.toContain(`${issueKey}: WSJF 8, rank ${rank}`);
    await shot('issue-panel-saved');

    preview = await restartPreview();
    await page.goto(launcher(`module=issue-panel&user=rte&issueKey=${issueKey}`));
    await moduleFrame().getByTestId('wsjf-score').getByText('8', { exact: true }).waitFor();
    await expect(moduleFrame().getByTestId('wsjf-rank').textContent()).resolves.toBe(rank);
    await expect(moduleFrame().getByTestId('wsjf-timeCriticality').inputValue()).resolves.toBe('5');
    await shot('issue-panel-after-restart');
  });

  it('should explain the conflict when someone saved the score after the panel loaded', async () => {
    await page.goto(launcher('module=issue-panel&user=rte&issueKey=PAY-13'));
    const frame = moduleFrame();
    await frame.getByTestId('wsjf-save').waitFor();

    const current = (await invokeAs(preview.url, 'rte', 'epic/wsjf/get', { issueKey: 'PAY-13' })).body as {
      data: { version: number | null; userBusinessValue: number | null; timeCriticality: number | null; riskReductionOpportunityEnablement: number | null; jobSize: number | null };
    };
    const { version, userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize } = current.data;
    const other = await invokeAs(preview.url, 'rte', 'epic/wsjf/save', {
      issueKey: 'PAY-13',
      components: { userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize: jobSize === 1 ? 2 : 1 },
      version,
    });
    expect(other.body).toMatchObject({ ok: true });

    await frame.getByTestId('wsjf-userBusinessValue').selectOption('20');
    await frame.getByTestId('wsjf-save').click();
    const conflict = frame.getByTestId('error');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('Someone else changed this');
    await shot('issue-panel-conflict');

    await frame.getByRole('button', { name: 'Load their values' }).click();
    await expect(frame.getByTestId('wsjf-jobSize').inputValue()).resolves.toBe(String(jobSize === 1 ? 2 : 1));
  });

  it('should show the panel read-only to a user who may not edit the epic', async () => {
    // The team member may browse PLT but not edit it.
    await page.goto(launcher('module=issue-panel&user=member&issueKey=PLT-1'));
    const frame = moduleFrame();
    await frame.getByText('View only').waitFor();
    await expect(frame.getByTestId('wsjf-userBusinessValue').isDisabled()).resolves.toBe(true);
    await expect(frame.getByTestId('wsjf-save').count()).resolves.toBe(0);
  });
});

describe('the theme', () => {
  const colours = (frame: FrameLocator) =>
    frame.locator('body').evaluate(() => ({
      mode: document.documentElement.getAttribute('data-color-mode'),
      background: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.documentElement).getPropertyValue('--ds-text').trim(),
    }));

  it("should change the page's token colours when the dark theme is switched on", async () => {
    await page.goto(launcher('module=global-page&user=rte&theme=light'));
    await moduleFrame().getByTestId('epic-card').first().waitFor();
    const light = await colours(moduleFrame());
    expect(light).toEqual({ mode: 'light', background: 'rgb(255, 255, 255)', text: '#292A2E' });

    await page.getByRole('button', { name: 'Dark theme' }).click();
    await moduleFrame().locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
    const dark = await colours(moduleFrame());
    expect(dark.mode).toBe('dark');
    expect(dark.background).toBe('rgb(31, 31, 33)');
    expect(dark.text).toBe('#CECFD2');
    await page.waitForURL(/theme=dark/);
    // Buttons fade between colours; let them settle so the picture shows the end state.
    await page.waitForTimeout(500);
    await shot('kanban-dark');
  });

  it('should open the page dark when the launcher starts in the dark theme', async () => {
    await page.goto(launcher('module=admin-page&user=rte&theme=dark'));
    await moduleFrame().getByTestId('settings-scope').waitFor();
    await expect(colours(moduleFrame())).resolves.toMatchObject({ mode: 'dark', background: 'rgb(31, 31, 33)' });
  });
});
