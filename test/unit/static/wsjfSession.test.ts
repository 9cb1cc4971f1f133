/** The WSJF page's session logic: drafts over saved values, live rank, filter, order, save batches. */
import {
  draftFrom,
  draftsAfterSave,
  isShown,
  keepMine,
  missingText,
  parseScaleValue,
  saveBatches,
  sessionRows,
  smallestAboveOne,
  sortRows,
  stageOf,
} from '../../../static/global-page/wsjf/session';
import type { Draft, Ranking, RankedEpic } from '../../../static/global-page/wsjf/session';

const SCALE = [1, 2, 3, 5, 8, 13, 20];
const STATES = ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'];

function anEpic(key: string, overrides: Partial<RankedEpic> = {}): RankedEpic {
  return {
    key,
    summary: `Summary of ${key}`,
    projectKey: key.split('-')[0] as string,
    state: 'Reviewing',
    theme: null,
    userBusinessValue: null,
    timeCriticality: null,
    riskReductionOpportunityEnablement: null,
    jobSize: null,
    costOfDelay: null,
    wsjfScore: null,
    rank: null,
    version: null,
    scoredBy: null,
    scoredAt: null,
    ...overrides,
  };
}

const scored = (key: string, ubv: number, job: number, rank: number, overrides: Partial<RankedEpic> = {}) =>
  anEpic(key, { userBusinessValue: ubv, timeCriticality: 1, riskReductionOpportunityEnablement: 1, jobSize: job, costOfDelay: ubv + 2, wsjfScore: (ubv + 2) / job, rank, version: 1, ...overrides });

function aRanking(epics: RankedEpic[]): Ranking {
  return { scale: SCALE, states: STATES, commitment: 'Implementing', epics };
}

function typed(epic: RankedEpic, text: Partial<Draft['text']>): Draft {
  const draft = draftFrom(epic);
  return { ...draft, text: { ...draft.text, ...text } };
}

describe('WSJF session', () => {
  it.each([
    ['', null],
    [' 13 ', 13],
    ['4', 'invalid'],
    ['abc', 'invalid'],
    ['0', 'invalid'],
  ] as const)('should read %p as %p on the modified Fibonacci scale', (text, expected) => {
    expect(parseScaleValue(text, SCALE)).toBe(expected);
  });

  it('should re-rank live with the domain rule when a draft makes the last epic the best', () => {
    const ranking = aRanking([scored('PAY-1', 20, 1, 1), scored('PAY-2', 3, 5, 2), anEpic('PAY-3')]);
    const drafts = new Map([['PAY-3', typed(ranking.epics[2]!, { userBusinessValue: '20', timeCriticality: '20', riskReductionOpportunityEnablement: '20', jobSize: '1' })]]);
    const rows = sessionRows(ranking, drafts);
    // In rank order: PAY-3 (60 / 1) ahead of PAY-1 (22) and PAY-2 (5 / 5).
    expect(rows.map((row) => [row.epic.key, row.rank, row.wsjfScore, row.changed])).toEqual([
      ['PAY-3', 1, 60, true],
      ['PAY-1', 2, 22, false],
      ['PAY-2', 3, 1, false],
    ]);
  });

  it('should keep a value off the scale as typed, leave the saved value in the score, and not count the row as changed', () => {
    const epic = scored('PAY-1', 5, 5, 1);
    const [row] = sessionRows(aRanking([epic]), new Map([['PAY-1', typed(epic, { jobSize: '4' })]]));
    expect(row).toMatchObject({ invalid: ['jobSize'], changed: false, wsjfScore: 7 / 5 });
    expect(row?.draft?.text.jobSize).toBe('4');
  });

  it.each([
    ['Funnel', 'toPull'],
    ['Portfolio Backlog', 'toPull'],
    ['Implementing', 'inProgress'],
    ['Done', 'done'],
    [null, 'toPull'],
  ] as const)('should put an epic in %p among the %s epics', (state, stage) => {
    expect(stageOf(state, { states: STATES, commitment: 'Implementing' })).toBe(stage);
  });

  it('should show only the epics still to be pulled unless asked for in progress and done', () => {
    const ranking = aRanking([anEpic('A-1', { state: 'Funnel' }), anEpic('A-2', { state: 'Implementing' }), anEpic('A-3', { state: 'Done' })]);
    const rows = sessionRows(ranking, new Map());
    const keys = (filter: { inProgress: boolean; done: boolean }) => rows.filter((row) => isShown(row, filter, ranking)).map((row) => row.epic.key);
    expect(keys({ inProgress: false, done: false })).toEqual(['A-1']);
    expect(keys({ inProgress: true, done: false })).toEqual(['A-1', 'A-2']);
    expect(keys({ inProgress: true, done: true })).toEqual(['A-1', 'A-2', 'A-3']);
  });

  it.each([
    [{ key: 'wsjfScore', order: 'ASC' }, ['PAY-10', 'PAY-9', 'PAY-2', 'PAY-3']],
    [{ key: 'wsjfScore', order: 'DESC' }, ['PAY-2', 'PAY-9', 'PAY-10', 'PAY-3']],
    [{ key: 'key', order: 'ASC' }, ['PAY-2', 'PAY-3', 'PAY-9', 'PAY-10']],
    [{ key: 'key', order: 'DESC' }, ['PAY-10', 'PAY-9', 'PAY-3', 'PAY-2']],
    [{ key: 'scoredBy', order: 'ASC' }, ['PAY-9', 'PAY-2', 'PAY-3', 'PAY-10']],
    [{ key: 'state', order: 'DESC' }, ['PAY-9', 'PAY-2', 'PAY-10', 'PAY-3']],
  ] as const)('should sort by %o with empty values last and ties by key', (sort, expected) => {
    const ranking = aRanking([
      scored('PAY-2', 20, 2, 1, { scoredBy: { accountId: 'b', displayName: 'Bea' }, state: 'Analyzing' }),
      anEpic('PAY-3', { state: null }),
      scored('PAY-9', 13, 3, 2, { scoredBy: { accountId: 'a', displayName: null }, state: 'Portfolio Backlog' }),
      scored('PAY-10', 1, 20, 3, { state: 'Funnel' }),
    ]);
    expect(sortRows(sessionRows(ranking, new Map()), sort, STATES).map((row) => row.epic.key)).toEqual(expected);
  });

  it('should name the columns whose smallest value is above 1 and what an unscored epic lacks', () => {
    const rows = sessionRows(aRanking([scored('A-1', 3, 2, 1), scored('A-2', 5, 1, 2), anEpic('A-3', { jobSize: 3 })]), new Map());
    expect(smallestAboveOne(rows)).toEqual({ userBusinessValue: 3 });
    expect(missingText(rows.find((row) => row.epic.key === 'A-3')!)).toBe('Business value, Time criticality, RR | OE');
    expect(missingText(sessionRows(aRanking([anEpic('A-4')]), new Map())[0]!)).toBe('All four');
  });

  it('should send only changed, valid drafts with the version they started from, in batches', () => {
    const epics = Array.from({ length: 5 }, (_, i) => scored(`A-${i + 1}`, 5, 5, i + 1, { version: i + 1 }));
    const drafts = new Map(epics.map((epic, i) => [epic.key, typed(epic, { jobSize: i === 4 ? '4' : i === 3 ? '5' : '8' })]));
    const batches = saveBatches(sessionRows(aRanking(epics), drafts), 2);
    expect(batches.map((batch) => batch.map((entry) => [entry.issueKey, entry.version, entry.components.jobSize]))).toEqual([
      [['A-1', 1, 8], ['A-2', 2, 8]],
      [['A-3', 3, 8]],
    ]);
  });

  it('should drop only the saved drafts after a save, and rebase a kept one on the version saved since', () => {
    const epics = [scored('A-1', 5, 5, 1), scored('A-2', 5, 5, 2)];
    const drafts = new Map(epics.map((epic) => [epic.key, typed(epic, { jobSize: '8' })]));
    const after = draftsAfterSave(drafts, [
      { issueKey: 'A-1', status: 'saved', version: 2, wsjfScore: 7 / 8 },
      { issueKey: 'A-2', status: 'forbidden', message: 'no' },
    ]);
    expect([...after.keys()]).toEqual(['A-2']);
    expect(keepMine(after, 'A-2', 4).get('A-2')).toEqual({ ...drafts.get('A-2'), baseVersion: 4 });
  });
});

describe('live ranks over the epics the server left out', () => {
  it('should rank the loaded epics among the scored ones the filter left out, as the server does', () => {
    // Left out: DONE-1 with WSJF (13 + 8 + 5) ÷ 1 = 26 ranks first; the loaded PAY-1 (20 + 1 + 1) ÷ 1 = 22 second.
    const ranking: Ranking = { ...aRanking([scored('PAY-1', 20, 1, 1)]), leftOut: [['DONE-1', 13, 8, 5, 1]] };
    const [row] = sessionRows(ranking, new Map());
    expect(row).toMatchObject({ epic: { key: 'PAY-1' }, rank: 2 });
  });
});
