import { backwardMoves, configurationFindings, createdInLateState, suggestedState } from '../../../src/domain/configurationCheck';
import type { CheckedEpic } from '../../../src/domain/configurationCheck';
import { defaultPortfolioConfig } from '../../../src/domain/states';
import type { StateSpan } from '../../../src/domain/timeline';
import { rankByWsjf, rankNeighbours } from '../../../src/domain/wsjf';

const config = defaultPortfolioConfig();
const spans = (...states: string[]): StateSpan[] => states.map((state, i) => ({ state, from: i * 1000, to: i === states.length - 1 ? null : (i + 1) * 1000 }));
const epic = (overrides: Partial<CheckedEpic> = {}): CheckedEpic => ({
  key: 'A-1',
  hasTheme: true,
  scored: true,
  statusChangeCount: 3,
  spans: spans('Funnel', 'Reviewing'),
  unmappedStatusIds: [],
  ...overrides,
});

describe('suggestedState', () => {
  it.each([
    ['new', 'Funnel'],
    ['indeterminate', 'Implementing'],
    ['done', 'Done'],
    ['undefined', null],
    [null, null],
  ])('should suggest %s → %s', (category, expected) => {
    expect(suggestedState(config, category)).toBe(expected);
  });
});

describe('backwardMoves', () => {
  it('should count each move to an earlier state', () => {
    // Analyzing → Reviewing, Implementing → Analyzing, Analyzing → Funnel: 3
    expect(backwardMoves(spans('Funnel', 'Reviewing', 'Analyzing', 'Reviewing', 'Implementing', 'Analyzing', 'Funnel'), config)).toBe(3);
    expect(backwardMoves(spans('Funnel', 'Analyzing', 'Done'), config)).toBe(0);
  });
});

describe('createdInLateState', () => {
  it.each([
    [['Implementing', 'Done'], true],
    [['Done'], true],
    [['Portfolio Backlog', 'Implementing'], false],
    [[], false],
  ])('should say whether %j started at or after the commitment state', (states, expected) => {
    expect(createdInLateState(spans(...states), config)).toBe(expected);
  });
});

describe('configurationFindings', () => {
  it('should report each rule once with the epics it matches', () => {
    const findings = configurationFindings(
      [
        epic({ key: 'A-1', unmappedStatusIds: ['77'], hasTheme: false }),
        epic({ key: 'A-2', unmappedStatusIds: ['77'], scored: false, statusChangeCount: 0, spans: spans('Implementing') }),
        epic({ key: 'A-3', spans: spans('Funnel', 'Analyzing', 'Funnel', 'Analyzing', 'Reviewing', 'Analyzing', 'Funnel') }),
      ],
      config,
      { Reviewing: 3, Analyzing: 2, Implementing: 4 },
      (id) => (id === '77' ? 'On Hold' : id),
    );
    expect(findings.map((finding) => [finding.id, finding.epicKeys, finding.subjects ?? null])).toEqual([
      ['unmapped-status-77', ['A-1', 'A-2'], null],
      ['no-theme', ['A-1'], null],
      ['no-score', ['A-2'], null],
      ['no-wip-limit', [], ['Funnel', 'Portfolio Backlog']],
      ['never-moved', ['A-2'], null],
      ['created-late', ['A-2'], null],
      ['moved-backwards', ['A-3'], null],
    ]);
    expect(findings[0]!.title).toBe('Status "On Hold" maps to no state');
  });

  it('should report nothing for a clean portfolio', () => {
    const limits = Object.fromEntries(config.states.map((state) => [state, 5]));
    expect(configurationFindings([epic()], config, limits, String)).toEqual([]);
  });
});

describe('rankNeighbours', () => {
  const ranked = rankByWsjf(
    [
      { key: 'A-1', w: 20 },
      { key: 'A-2', w: 10 },
      { key: 'A-3', w: 5 },
      { key: 'A-4', w: 2 },
      { key: 'A-5', w: null },
    ],
    ({ key, w }) => ({ key, userBusinessValue: w, timeCriticality: 0, riskReductionOpportunityEnablement: 0, jobSize: 1 }),
  );
  const keys = (entries: { key: string }[]) => entries.map((entry) => entry.key);

  it('should give up to `around` ranked epics on each side', () => {
    const { above, below } = rankNeighbours(ranked, 'A-2', 2);
    expect([keys(above), keys(below)]).toEqual([['A-1'], ['A-3', 'A-4']]);
  });

  it('should give nothing for an unranked or absent epic', () => {
    expect(rankNeighbours(ranked, 'A-5')).toEqual({ above: [], below: [] });
    expect(rankNeighbours(ranked, 'B-1')).toEqual({ above: [], below: [] });
  });
});
