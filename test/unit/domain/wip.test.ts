import { defaultPortfolioConfig } from '../../../src/domain/states';
import { wipColumns } from '../../../src/domain/wip';

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
