import { defaultPortfolioConfig } from '../../../src/domain/states';
import { wipColumns, wipLimitProblems } from '../../../src/domain/wip';

const config = defaultPortfolioConfig();

describe('wipColumns', () => {
  it('should give one column per state in state order with zero counts when the portfolio is empty', () => {
    const columns = wipColumns(config, {}, []);
    expect(columns.map((c) => c.state)).toEqual(config.states);
    expect(columns.every((c) => c.count === 0 && c.wipLimit === null && !c.overLimit)).toBe(true);
  });

  it.each([
    ['under the limit', 2, 3, false],
    ['at the limit', 3, 3, false],
    ['over the limit', 4, 3, true],
  ])('should mark Implementing %s when it holds %i epics against a limit of %i', (_case, count, limit, over) => {
    const columns = wipColumns(config, { Implementing: limit }, Array<string>(count).fill('Implementing'));
    expect(columns.find((c) => c.state === 'Implementing')).toEqual({ state: 'Implementing', wipLimit: limit, count, overLimit: over });
  });

  it('should ignore a limit on Done when one is configured', () => {
    const columns = wipColumns(config, { Done: 1 }, ['Done', 'Done', 'Done']);
    expect(columns.find((c) => c.state === 'Done')).toEqual({ state: 'Done', wipLimit: null, count: 3, overLimit: false });
  });

  it('should count each state separately when epics are spread over the board', () => {
    const columns = wipColumns(config, { Analyzing: 1 }, ['Funnel', 'Analyzing', 'Analyzing', 'Done']);
    expect(columns.map((c) => [c.state, c.count, c.overLimit])).toEqual([
      ['Funnel', 1, false],
      ['Reviewing', 0, false],
      ['Analyzing', 2, true],
      ['Portfolio Backlog', 0, false],
      ['Implementing', 0, false],
      ['Done', 1, false],
    ]);
  });
});

describe('wipLimitProblems', () => {
  it('should find no problem when every limit is a whole number on a state before Done', () => {
    expect(wipLimitProblems(config, { Funnel: 1, Reviewing: 10, Implementing: 8 })).toEqual([]);
  });

  it('should find no problem when there are no limits', () => {
    expect(wipLimitProblems(config, {})).toEqual([]);
  });

  it.each<[string, Record<string, number>, string]>([
    ['a limit on Done', { Done: 5 }, '"Done" is the last state (Done) and takes no WIP limit: finished work is not in progress.'],
    ['a limit on a name that is not a state', { Build: 3 }, 'The WIP limit for "Build" names no state.'],
    ['a state named in another case', { implementing: 3 }, 'The WIP limit for "implementing" names no state.'],
    ['a zero limit', { Analyzing: 0 }, 'The WIP limit for "Analyzing" is 0; it must be a whole number of at least 1.'],
    ['a negative limit', { Analyzing: -2 }, 'The WIP limit for "Analyzing" is -2; it must be a whole number of at least 1.'],
    ['a fractional limit', { Analyzing: 2.5 }, 'The WIP limit for "Analyzing" is 2.5; it must be a whole number of at least 1.'],
  ])('should name the problem when given %s', (_case, limits, problem) => {
    expect(wipLimitProblems(config, limits)).toEqual([problem]);
  });

  it('should name every problem when one limit breaks two rules and another a third', () => {
    expect(wipLimitProblems(config, { Done: 0, Build: 4 })).toEqual([
      '"Done" is the last state (Done) and takes no WIP limit: finished work is not in progress.',
      'The WIP limit for "Done" is 0; it must be a whole number of at least 1.',
      'The WIP limit for "Build" names no state.',
    ]);
  });

  it('should treat the last state as Done when the states are renamed', () => {
    const renamed = { ...config, states: ['Idea', 'Build', 'Shipped'], commitment: 'Build', active: ['Build'] };
    expect(wipLimitProblems(renamed, { Build: 3, Shipped: 9 })).toEqual([
      '"Shipped" is the last state (Done) and takes no WIP limit: finished work is not in progress.',
    ]);
  });
});
