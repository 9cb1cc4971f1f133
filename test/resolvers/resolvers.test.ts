/**
 * What each resolver answers on the demo portfolio: data in the contract's output shape, and the
 * numbers the pages show, checked against the demo data or by hand.
 */
import { resolverContract } from '../../src/contract/resolvers';
import type { ResolverKey } from '../../src/contract/resolvers';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

/** How each default state's time counts: only Implementing is active; the rest are outside flow time. */
const DEFAULT_STATE_TIME_KINDS = {
  Funnel: 'outside',
  Reviewing: 'outside',
  Analyzing: 'outside',
  'Portfolio Backlog': 'outside',
  Implementing: 'active',
  Done: 'outside',
};

const THEMES = [
  { id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: 0.5, description: '' },
  { id: 'platform', name: 'Platform', label: 'theme-platform', targetAllocation: 0.3, description: '' },
  { id: 'compliance', name: 'Compliance', label: 'theme-compliance', targetAllocation: 0.2, description: '' },
];

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
  dataOf(await backend.call('rte', 'themes/save', { themes: THEMES, version: null }));
});
afterAll(() => backend.close());

const READS: [ResolverKey, unknown][] = [
  ['me/get', {}],
  ['portfolio/board', {}],
  ['portfolio/wsjf', {}],
  ['flow/metrics', { period: 'quarter', percentiles: [50, 85] }],
  ['flow/forecast', { by: '2027-01-31', seed: 3, trials: 1000 }],
  ['settings/get', {}],
  ['admin/statuses', {}],
  ['themes/list', {}],
  ['valueStreams/list', {}],
  ['budgets/list', { period: '2026-Q4' }],
  ['strategy/overview', { period: '2026-Q4' }],
  ['guardrails/get', {}],
  ['participatory/get', { period: '2026-Q4' }],
  ['okrs/list', { period: '2026-Q4' }],
  ['history/list', {}],
];

describe.each(['rte', 'member'] as const)('as %s', (user) => {
  it.each(READS)('should answer %s with data in the contract shape when asked', async (key, payload) => {
    const result = await backend.callRaw(user, key, payload);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const parsed = resolverContract[key].output.safeParse(result.data);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});

describe('portfolio/board', () => {
  it('should give a column per state with its WIP limit and flag the columns over it when the board is read', async () => {
    const board = dataOf(await backend.call('rte', 'portfolio/board'));
    expect(board.columns.map((column) => [column.state, column.wipLimit])).toEqual([
      ['Funnel', null],
      ['Reviewing', 10],
      ['Analyzing', 5],
      ['Portfolio Backlog', null],
      ['Implementing', 8],
      ['Done', null],
    ]);
    for (const column of board.columns) {
      expect(column.count).toBe(board.cards.filter((card) => card.state === column.state).length);
      expect(column.overLimit).toBe(column.wipLimit !== null && column.count > column.wipLimit);
    }
    expect(board.asOf).toBe('2026-11-16');
  });

  it('should show each card with the theme of its label, its work type and its WSJF when the epic carries them', async () => {
    const board = dataOf(await backend.call('rte', 'portfolio/board'));
    for (const card of board.cards) {
      const issue = backend.demo.data.issues.find((candidate) => candidate.key === card.key);
      const theme = THEMES.find((candidate) => issue?.labels.includes(candidate.label));
      expect(card.theme).toBe(theme?.name ?? null);
      expect(card.workType).toBe(issue?.labels.includes('enabler') ? 'enabler' : 'business');
      const property = issue?.properties['lean-portfolio.wsjf'] as { costOfDelay: number; jobSize: number } | undefined;
      if (property) expect(card.wsjfScore).toBeCloseTo(property.costOfDelay / property.jobSize, 10);
      else expect(card.wsjfScore).toBeNull();
    }
  });

  it('should show the flagged epic as flagged and age only committed, unfinished epics when the board is read', async () => {
    const board = dataOf(await backend.call('rte', 'portfolio/board'));
    const flaggedNow = backend.demo.data.issues.filter((issue) => issue.issueTypeId === '10000' && issue.flagged).map((issue) => issue.key);
    expect(board.cards.filter((card) => card.flagged).map((card) => card.key).sort()).toEqual(flaggedNow.sort());
    for (const card of board.cards) expect(card.ageDays !== null).toBe(card.state === 'Implementing');
  });
});

describe('WSJF', () => {
  it('should rank scored epics 1..n by WSJF descending, then unscored ones, when the ranking is read', async () => {
    const { epics } = dataOf(await backend.call('rte', 'portfolio/wsjf'));
    const scored = epics.filter((epic) => epic.rank !== null);
    expect(scored.map((epic) => epic.rank)).toEqual(scored.map((_epic, index) => index + 1));
    for (let i = 1; i < scored.length; i++) expect((scored[i - 1]?.wsjfScore ?? 0) >= (scored[i]?.wsjfScore ?? 0)).toBe(true);
    expect(epics.slice(scored.length).every((epic) => epic.wsjfScore === null && epic.rank === null)).toBe(true);
  });

  it('should give an epic the same rank as the ranking does when one epic is read', async () => {
    const { epics } = dataOf(await backend.call('rte', 'portfolio/wsjf'));
    const third = epics[2];
    const single = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey: third?.key as string }));
    expect(single).toMatchObject({ issueKey: third?.key, rank: 3, wsjfScore: third?.wsjfScore, canEdit: true, scale: [1, 2, 3, 5, 8, 13, 20] });
    expect(single.rankedCount).toBe(epics.filter((epic) => epic.rank !== null).length);
  });

  it('should move an epic to rank 1 when it is saved with the highest score', async () => {
    const issueKey = demoEpicKeys(backend, 'PLT')[5] as string;
    const loaded = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
    const saved = dataOf(
      await backend.call('rte', 'epic/wsjf/save', {
        issueKey,
        components: { userBusinessValue: 20, timeCriticality: 20, riskReductionOpportunityEnablement: 20, jobSize: 1 },
        version: loaded.version,
      }),
    );
    expect(saved).toMatchObject({ rank: 1, costOfDelay: 60, wsjfScore: 60 });
    expect(dataOf(await backend.call('member', 'portfolio/wsjf')).epics[0]).toMatchObject({ key: issueKey, rank: 1, wsjfScore: 60 });
  });
});

describe('the WSJF property as written by others', () => {
  // Cost of delay = 8 + 5 + 3 = 16; WSJF = 16 ÷ 2 = 8 when every component reads as a number.
  it.each([
    ['a component that is not a number and no version', { userBusinessValue: 'high', timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 2 }, [null, 5, 3, 2], null, null, 1],
    ['a version that is not a positive integer', { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 2, version: 0 }, [8, 5, 3, 2], 16, 8, 1],
    ['a job size of the wrong type', { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: [2], version: 4 }, [8, 5, 3, null], 16, null, 4],
  ])('should read %s leniently when someone else wrote the property', async (_case, property, components, costOfDelay, wsjfScore, version) => {
    const issueKey = demoEpicKeys(backend, 'DAT')[1] as string;
    const issue = backend.demo.data.issues.find((candidate) => candidate.key === issueKey);
    if (!issue) throw new Error(`no demo issue ${issueKey}`);
    issue.properties['lean-portfolio.wsjf'] = property;

    const epic = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));

    const [userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize] = components;
    expect(epic).toMatchObject({ userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize, costOfDelay, wsjfScore, version });
  });

  it('should read a property that is not an object as no score when someone wrote a bare value', async () => {
    const issueKey = demoEpicKeys(backend, 'DAT')[1] as string;
    const issue = backend.demo.data.issues.find((candidate) => candidate.key === issueKey);
    if (!issue) throw new Error(`no demo issue ${issueKey}`);
    issue.properties['lean-portfolio.wsjf'] = [8, 5, 3, 2];

    expect(dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }))).toMatchObject({ userBusinessValue: null, jobSize: null, wsjfScore: null, version: null });
  });
});

describe('flow', () => {
  it('should count in-progress work the same way in load, distribution and aging when metrics are read', async () => {
    const metrics = dataOf(await backend.call('rte', 'flow/metrics', {}));
    const inProgress = metrics.report.load.inProgress;
    const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);
    expect(inProgress).toBeGreaterThan(0);
    expect(sum(metrics.distribution.inProgress.workType)).toBe(inProgress);
    expect(sum(metrics.distribution.inProgress.theme)).toBe(inProgress);
    expect(sum(metrics.distribution.inProgress.valueStream)).toBe(inProgress);
    expect(metrics.charts.aging.length).toBe(inProgress);
    expect(metrics.charts.epicCount).toBe(150);
  });

  it('should give the themes their targets in the distribution when themes have target allocations', async () => {
    const metrics = dataOf(await backend.call('rte', 'flow/metrics', {}));
    const targets = Object.fromEntries(metrics.distribution.inProgress.theme.map((row) => [row.category, row.target]));
    expect(targets).toMatchObject({ Growth: 0.5, Platform: 0.3, Compliance: 0.2 });
  });

  it('should count completed work per period as velocity does when the period is a quarter', async () => {
    const metrics = dataOf(await backend.call('rte', 'flow/metrics', { period: 'quarter' }));
    expect(metrics.velocity.period).toBe('quarter');
    expect(metrics.velocity.series.at(-1)?.start).toBe('2026-10-01');
    expect(metrics.distribution.completedByPeriod.map((period) => [period.start, period.workType.reduce((total, row) => total + row.count, 0)])).toEqual(
      metrics.velocity.series.map((period) => [period.start, period.count]),
    );
  });

  it('should answer the same forecast for the same seed and refuse a date in the past with null when asked twice', async () => {
    const first = dataOf(await backend.call('rte', 'flow/forecast', { items: 5, seed: 11, trials: 2000 }));
    const second = dataOf(await backend.call('rte', 'flow/forecast', { items: 5, seed: 11, trials: 2000 }));
    expect(second).toEqual(first);
    expect(first.when?.results.map((result) => result.confidence)).toEqual([50, 85, 95]);
    const past = dataOf(await backend.call('rte', 'flow/forecast', { by: '2026-01-01' }));
    expect(past.howMany).toBeNull();
  });
});

describe('settings and statuses', () => {
  it('should answer the defaults with no version when nothing was saved', async () => {
    expect(dataOf(await backend.call('member', 'settings/get'))).toEqual({ settings: defaultSettings(), version: null, stateTimeKinds: DEFAULT_STATE_TIME_KINDS });
  });

  it('should map the demo statuses by name and leave On Hold unmapped when no mapping was saved', async () => {
    const { mappingByName, statuses } = dataOf(await backend.call('rte', 'admin/statuses'));
    expect(mappingByName).toBe(true);
    expect(Object.fromEntries(statuses.map((status) => [status.name, status.state]))).toEqual({
      Funnel: 'Funnel',
      Reviewing: 'Reviewing',
      Analyzing: 'Analyzing',
      'Portfolio Backlog': 'Portfolio Backlog',
      Implementing: 'Implementing',
      Done: 'Done',
      'On Hold': null,
      'To Do': null,
      'In Progress': null,
    });
  });
});

/** An epic in Implementing (committed, not done) of a demo project. */
function committedEpic(projectKey: string, index: number): string {
  const committed = backend.demo.data.issues.filter((issue) => issue.key.startsWith(`${projectKey}-`) && issue.issueTypeId === '10000' && issue.statusId === '10005');
  const epic = committed[index];
  if (!epic) throw new Error(`the demo portfolio needs ${index + 1} ${projectKey} epics in Implementing`);
  return epic.key;
}

async function setForecastCost(issueKey: string, forecastCost: number): Promise<void> {
  const current = dataOf(await backend.call('rte', 'epic/case/get', { issueKey }));
  dataOf(await backend.call('rte', 'epic/case/save', { issueKey, case: { ...current.case, forecastCost }, version: current.version }));
}

describe('OKRs', () => {
  it('should compute key result and objective progress when a quarter has objectives', async () => {
    const objectives = [
      {
        id: 'faster-payouts',
        title: 'Faster payouts',
        themeId: 'growth',
        keyResults: [
          // (26 − 48) ÷ (4 − 48) = 0.5: a decreasing target.
          { id: 'payout-hours', title: 'Payout time (h)', baseline: 48, target: 4, current: 26, unit: 'h' },
          // (12 − 0) ÷ (10 − 0) = 1.2, clamped to 1.
          { id: 'markets', title: 'Markets live', baseline: 0, target: 10, current: 12, unit: '' },
        ],
      },
    ];
    const saved = dataOf(await backend.call('rte', 'okrs/save', { period: '2026-Q4', objectives, version: null }));
    expect(saved.objectives[0]?.keyResults.map((keyResult) => keyResult.progress)).toEqual([0.5, 1]);
    expect(saved.objectives[0]?.progress).toBe(0.75);
    // The member reads the same objectives; only what they may do differs.
    const asMember = (view: typeof saved) => ({
      ...view,
      canManage: false,
      viewer: { accountId: '712020:member', displayName: 'Mika Member' },
      objectives: view.objectives.map((objective) => ({ ...objective, keyResults: objective.keyResults.map((keyResult) => ({ ...keyResult, canCheckIn: false })) })),
    });
    expect(dataOf(await backend.call('member', 'okrs/list', { period: '2026-Q4' }))).toEqual(asMember(saved));
    // TEST_NOW is 2026-11-16 in the portfolio's zone (UTC): without a period, the current quarter.
    expect(dataOf(await backend.call('member', 'okrs/list', {}))).toEqual(asMember(saved));
    expect(dataOf(await backend.call('member', 'budgets/list', {})).period).toBe('2026-Q4');
  });

  it('should refuse a key result whose target equals its baseline with invalid_input when saved', async () => {
    const objectives = [{ id: 'o', title: 'O', themeId: null, keyResults: [{ id: 'k', title: 'Flat', baseline: 3, target: 3, current: 3 }] }];
    expect(await backend.call('rte', 'okrs/save', { period: '2027-Q3', objectives, version: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('Key result "Flat" has its target equal to its baseline') },
    });
  });
});

describe('value streams', () => {
  it('should group projects into the saved value streams when the distribution is read', async () => {
    const streams = [{ id: 'customer', name: 'Customer', projectKeys: ['PAY', 'MOB'] }];
    dataOf(await backend.call('rte', 'valueStreams/save', { valueStreams: streams, version: null }));
    const metrics = dataOf(await backend.call('member', 'flow/metrics', {}));
    expect(metrics.distribution.inProgress.valueStream.map((row) => row.category).sort()).toEqual(['Customer', 'Platform']);
  });

  it('should keep two value streams apart in the distribution when they share a name', async () => {
    const { version } = dataOf(await backend.call('rte', 'valueStreams/list', {}));
    // PLT is claimed by no stream, so it is a stream of its own named after the project: "Platform".
    const streams = [{ id: 'customer', name: 'Platform', projectKeys: ['PAY', 'MOB'] }];
    dataOf(await backend.call('rte', 'valueStreams/save', { valueStreams: streams, version }));
    const metrics = dataOf(await backend.call('member', 'flow/metrics', {}));
    const rows = metrics.distribution.inProgress.valueStream;
    expect(rows.map((row) => row.category)).toEqual(['Platform', 'Platform']);
    expect(rows.reduce((total, row) => total + row.count, 0)).toBe(metrics.report.load.inProgress);
  });

  it('should refuse a project in two value streams with invalid_input when saved', async () => {
    const streams = [
      { id: 'a', name: 'A', projectKeys: ['PAY'] },
      { id: 'b', name: 'B', projectKeys: ['PAY'] },
    ];
    expect(await backend.call('rte', 'valueStreams/save', { valueStreams: streams, version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'valueStreams: Project PAY is in both "A" and "B"' },
    });
  });

  it('should keep value streams apart by id when two share a name and a third is an unclaimed project of that name', async () => {
    const { version } = dataOf(await backend.call('rte', 'valueStreams/list'));
    const streams = [
      { id: 'mobile', name: 'Platform', projectKeys: ['MOB'] },
      { id: 'payments', name: 'Platform', projectKeys: ['PAY'] },
    ];
    dataOf(await backend.call('rte', 'valueStreams/save', { valueStreams: streams, version }));
    const [mob, pay, plt] = [committedEpic('MOB', 0), committedEpic('PAY', 0), committedEpic('PLT', 0)];
    await setForecastCost(mob, 300);
    await setForecastCost(pay, 200);
    await setForecastCost(plt, 500);
    const saved = dataOf(await backend.call('rte', 'budgets/save', { period: '2027-Q4', lines: [{ valueStreamId: 'mobile', budget: 1_000 }], version: null }));
    const view = dataOf(
      await backend.call('rte', 'budgets/spend/save', { period: '2027-Q4', valueStreamId: 'mobile', month: '2027-10', amount: 100, note: '', version: saved.version }),
    );

    // Three lines called "Platform": joined by name they were one line with a forecast of 1,000.
    const lines = view.lines.filter((line) => line.valueStream === 'Platform').map((line) => [line.valueStreamId, line.budget, line.forecast, line.remaining]);
    expect(lines).toEqual([
      ['mobile', 1_000, 300, 900],
      ['PLT', 0, 500, 0],
      ['payments', 0, 200, 0],
    ]);
  });

  it('should refuse one project in two value streams with invalid_input when the streams share a name', async () => {
    const { version } = dataOf(await backend.call('rte', 'valueStreams/list'));
    const streams = [
      { id: 'a', name: 'Same', projectKeys: ['PAY'] },
      { id: 'b', name: 'Same', projectKeys: ['PAY'] },
    ];
    expect(await backend.call('rte', 'valueStreams/save', { valueStreams: streams, version })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'valueStreams: Project PAY is in both "Same" and "Same"' },
    });
  });
});
