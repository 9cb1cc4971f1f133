/**
 * The portfolio Kanban in real Chromium on the real preview (resolvers, store, demo Jira): the
 * counts per column, moving an epic by drag and drop and by the keyboard "Move to…" (both survive
 * a reload), the WIP-limit confirmation, a refused move, what the team member sees, and filters
 * kept in the URL. Screenshots (1440 px, light and dark) go to docs/screenshots/.
 */
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { RunningPreview } from '../../preview/server';
import { invokeAs, REPO_ROOT, useBrowserSuite } from './support/harness';

jest.setTimeout(180_000);

const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
/** 1440 px wide, the board's first rows: keeps each PNG under 300 KB. */
const SCREENSHOT_CLIP = { x: 0, y: 0, width: 1440, height: 900 };

interface Column {
  state: string;
  count: number;
  wipLimit: number | null;
  atLimit: boolean;
}
interface Card {
  key: string;
  workType: string;
  state: string;
  projectKey: string;
  rank: number | null;
}
interface Board {
  columns: Column[];
  cards: Card[];
}

let preview: RunningPreview;
let page: Page;
useBrowserSuite({ tempPrefix: 'lpm-kanban-e2e-' }, (session) => ({ preview } = session), (opened) => (page = opened));

function launcher(query: string): string {
  return new URL(`/?${query}`, preview.url).toString();
}

function frame(): FrameLocator {
  return page.frameLocator('#lpm-module');
}

async function board(user: string, payload: Record<string, unknown> = { doneWithinDays: 30 }): Promise<Board> {
  const answer = (await invokeAs(preview.url, user, 'portfolio/board', payload)).body as { ok: boolean; data: Board };
  expect(answer.ok).toBe(true);
  return answer.data;
}

function column(state: string): Locator {
  return frame().getByTestId(`kanban-column-${state}`);
}

function cardOf(key: string): Locator {
  return frame().locator(`[data-epic-key="${key}"]`);
}

async function openBoard(user = 'rte', extra = ''): Promise<void> {
  await page.goto(launcher(`module=global-page&user=${user}${extra}`));
  await frame().getByTestId('epic-card').first().waitFor();
}

/** Opens every capped column, then reads the keys of all cards in a column (or the board). */
async function keysIn(scope: Locator | FrameLocator): Promise<string[]> {
  const showAll = scope.getByRole('button', { name: /^Show all \d+$/ });
  while ((await showAll.count()) > 0) await showAll.first().click();
  return scope.getByRole('button', { name: /^Open [A-Z]+-\d+$/ }).allTextContents();
}

/** A card of `fromState` the user may move (not in a project they may only browse). */
function movableCard(source: Board, fromState: string, projects = ['PAY', 'MOB']): Card {
  const card = source.cards.find((candidate) => candidate.state === fromState && projects.includes(candidate.projectKey));
  if (!card) throw new Error(`no movable card in ${fromState}`);
  return card;
}

async function setWipLimit(state: string, limit: number): Promise<void> {
  const current = (await invokeAs(preview.url, 'rte', 'settings/get')).body as { data: { settings: { wipLimits: Record<string, number> }; version: number | null } };
  const settings = { ...current.data.settings, wipLimits: { ...current.data.settings.wipLimits, [state]: limit } };
  const saved = (await invokeAs(preview.url, 'rte', 'settings/save', { settings, version: current.data.version })).body as { ok: boolean };
  expect(saved.ok).toBe(true);
}

describe('the board', () => {
  it('should show the demo portfolio with each column counting its epics against its WIP limit', async () => {
    const expected = await board('rte');
    await openBoard();
    for (const { state, count, wipLimit } of expected.columns) {
      const header = column(state).getByTestId('column-count');
      await expect(header.textContent()).resolves.toBe(wipLimit === null ? String(count) : `${count} / ${wipLimit}`);
      const keys = await keysIn(column(state));
      expect(keys).toEqual(expected.cards.filter((card) => card.state === state).map((card) => card.key));
    }
    // A full column says so in words, not only in colour.
    for (const { state, atLimit } of expected.columns) {
      await expect(column(state).getByTestId('column-limit-status').count()).resolves.toBe(atLimit ? 1 : 0);
    }
    await frame().getByText('Counts and ranks are among the epics you can see.').waitFor();
    // All six columns fit at 1440 px: the page does not scroll sideways.
    const overflow = await frame()
      .locator('body')
      .evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.reload();
    await frame().getByTestId('epic-card').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'kanban-light.png'), clip: SCREENSHOT_CLIP });
  });

  it('should show the member none of the DAT epics', async () => {
    await openBoard('member');
    const keys = await keysIn(frame());
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => key.startsWith('DAT-'))).toEqual([]);
  });

  it('should filter by value stream and work type, say so in the counts, and keep the filter in the URL across a reload', async () => {
    const expected = await board('rte');
    const platformEnablers = (state: string) =>
      expected.cards.filter((card) => card.state === state && card.projectKey === 'PLT' && card.workType === 'enabler');
    await openBoard();
    await frame().getByTestId('filter-stream--trigger').click();
    await frame().getByRole('menuitemradio', { name: 'Platform' }).click();
    await frame().getByTestId('filter-type--trigger').click();
    await frame().getByRole('menuitemradio', { name: 'Enabler' }).click();
    await page.waitForURL(/stream%3DPlatform%26type%3Denabler/);
    await expect(frame().getByTestId('board-filter-note').textContent()).resolves.toContain('value stream Platform, enablers');
    await page.reload();
    await frame().getByTestId('board-filter-note').waitFor();
    await expect(frame().getByTestId('filter-stream--trigger').textContent()).resolves.toBe('Value stream: Platform');
    for (const { state } of expected.columns) {
      await expect(column(state).getByTestId('column-filtered-count').textContent()).resolves.toBe(`${platformEnablers(state).length} match the filter`);
      await expect(keysIn(column(state))).resolves.toEqual(platformEnablers(state).map((card) => card.key));
    }
  });
});

describe('moving an epic', () => {
  it('should move an epic by dragging its card to another column and keep it there after a reload', async () => {
    const before = await board('rte');
    const card = movableCard(before, 'Analyzing');
    await openBoard();
    await cardOf(card.key).dragTo(column('Portfolio Backlog'));
    await column('Portfolio Backlog').locator(`[data-epic-key="${card.key}"]:not([aria-busy="true"])`).waitFor();
    await page.reload();
    await frame().getByTestId('epic-card').first().waitFor();
    await expect(keysIn(column('Portfolio Backlog'))).resolves.toContain(card.key);
    expect((await board('rte')).cards.find((candidate) => candidate.key === card.key)?.state).toBe('Portfolio Backlog');
  });

  it('should move an epic with the keyboard through "Move to…" and keep it there after a reload', async () => {
    const card = movableCard(await board('rte'), 'Funnel');
    await openBoard();
    await frame().getByRole('button', { name: `Move ${card.key} to…` }).focus();
    await page.keyboard.press('Enter');
    const item = frame().getByRole('menuitem', { name: 'Portfolio Backlog' });
    await item.waitFor();
    await item.focus();
    await page.keyboard.press('Enter');
    await column('Portfolio Backlog').locator(`[data-epic-key="${card.key}"]:not([aria-busy="true"])`).waitFor();
    await page.reload();
    await frame().getByTestId('epic-card').first().waitFor();
    await expect(keysIn(column('Portfolio Backlog'))).resolves.toContain(card.key);
  });

  it('should ask before moving into a column at its WIP limit, and move once confirmed', async () => {
    const before = await board('rte');
    const reviewing = before.columns.find((candidate) => candidate.state === 'Reviewing')!;
    await setWipLimit('Reviewing', reviewing.count);
    const card = movableCard(before, 'Funnel');
    await openBoard();
    await frame().getByRole('button', { name: `Move ${card.key} to…` }).click();
    await frame().getByRole('menuitem', { name: 'Reviewing' }).click();
    const dialog = frame().getByTestId('wip-confirm');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain(`Reviewing is at its WIP limit of ${reviewing.count}`);
    await dialog.getByRole('button', { name: 'Move anyway' }).click();
    await column('Reviewing').locator(`[data-epic-key="${card.key}"]:not([aria-busy="true"])`).waitFor();
    await expect(column('Reviewing').getByTestId('column-count').textContent()).resolves.toBe(`${reviewing.count + 1} / ${reviewing.count}`);
    await expect(column('Reviewing').getByTestId('column-limit-status').textContent()).resolves.toBe('Over WIP limit by 1');
    expect((await board('rte')).cards.find((candidate) => candidate.key === card.key)?.state).toBe('Reviewing');
  });

  it('should put a refused card back in its column and say why in a flag', async () => {
    // The member may browse PLT but not transition its epics.
    const card = movableCard(await board('member'), 'Funnel', ['PLT']);
    await openBoard('member');
    await frame().getByRole('button', { name: `Move ${card.key} to…` }).click();
    await frame().getByRole('menuitem', { name: 'Portfolio Backlog' }).click();
    const flag = page.getByTestId('lpm-flag');
    await flag.waitFor();
    await expect(flag.textContent()).resolves.toContain(`${card.key} was not moved`);
    await expect(flag.textContent()).resolves.toContain(`You need the Transition issues permission on ${card.key} to move it.`);
    await column('Funnel').locator(`[data-epic-key="${card.key}"]:not([aria-busy="true"])`).waitFor();
    await expect(column('Portfolio Backlog').locator(`[data-epic-key="${card.key}"]`).count()).resolves.toBe(0);
  });
});

describe('the dark theme', () => {
  it('should draw the board with the dark tokens', async () => {
    await openBoard('rte', '&theme=dark');
    await frame().locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'kanban-dark.png'), clip: SCREENSHOT_CLIP });
  });
});
