import { isThemeActive, themeOfEpic, themeShares, validateThemes, valueStreamProblems, workTypeOfEpic } from '../../../src/domain/themes';
import { aTheme } from '../../builders/portfolio';

describe('themeOfEpic', () => {
  const mobile = aTheme({ id: 't-mobile', label: 'theme-mobile' });
  const cloud = aTheme({ id: 't-cloud', name: 'Move to cloud', label: 'theme-cloud' });
  const themes = [mobile, cloud];

  it.each([
    ['one matching label', ['backend', 'theme-cloud'], 't-cloud'],
    ['labels of two themes (first theme in list order wins)', ['theme-cloud', 'theme-mobile'], 't-mobile'],
    ['no theme label', ['backend', 'enabler'], null],
    ['no labels', [], null],
    ['a label differing only in case (labels match exactly)', ['Theme-Cloud'], null],
  ])('should pick the theme when the epic has %s', (_label, labels, expectedId) => {
    expect(themeOfEpic(labels, themes)?.id ?? null).toBe(expectedId);
  });

  it('should find no theme when none is defined', () => {
    expect(themeOfEpic(['theme-mobile'], [])).toBeNull();
  });
});

describe('validateThemes', () => {
  it('should report nothing when themes are consistent', () => {
    const themes = [
      aTheme({ id: 'a', label: 'theme-a', targetAllocation: 0.1 }),
      aTheme({ id: 'b', label: 'theme-b', targetAllocation: 0.2 }),
      aTheme({ id: 'c', label: 'theme-c', targetAllocation: 0.7 }), // 0.1 + 0.2 + 0.7 = 1.0000000000000002 in floats
      aTheme({ id: 'd', label: 'theme-d', targetAllocation: null }),
    ];
    expect(validateThemes(themes)).toEqual([]);
  });

  it('should report nothing when there are no themes', () => {
    expect(validateThemes([])).toEqual([]);
  });

  it.each([
    ['a duplicate id', [aTheme({ id: 'a', label: 'x' }), aTheme({ id: 'a', label: 'y' })], ['Duplicate theme id "a"']],
    ['a duplicate label', [aTheme({ id: 'a', label: 'x' }), aTheme({ id: 'b', label: 'x' })], ['Duplicate theme label "x"']],
    ['a negative target', [aTheme({ name: 'Ops', targetAllocation: -0.1 })], ['Theme "Ops" target allocation -0.1 is outside 0..1']],
    ['a target above 1', [aTheme({ name: 'Ops', targetAllocation: 1.5 })], ['Theme "Ops" target allocation 1.5 is outside 0..1']],
    ['a non-numeric target', [aTheme({ name: 'Ops', targetAllocation: Number.NaN })], ['Theme "Ops" target allocation NaN is outside 0..1']],
    [
      'targets summing above 1',
      [aTheme({ id: 'a', label: 'a', targetAllocation: 0.6 }), aTheme({ id: 'b', label: 'b', targetAllocation: 0.5 })],
      ['Theme target allocations sum to 1.1, above 1'],
    ],
    ['an empty label', [aTheme({ name: 'Ops', label: ' ' })], ['Theme "Ops" has an empty label']],
  ])('should report %s', (_label, themes, expected) => {
    expect(validateThemes(themes)).toEqual(expected);
  });

  it('should accept targets summing to exactly 1 and boundary values 0 and 1', () => {
    expect(validateThemes([aTheme({ id: 'a', label: 'a', targetAllocation: 1 }), aTheme({ id: 'b', label: 'b', targetAllocation: 0 })])).toEqual([]);
  });
});

describe('workTypeOfEpic', () => {
  it.each([
    [['enabler'], undefined, 'enabler'],
    [['backend', 'Enabler'], undefined, 'enabler'],
    [['ENABLER'], undefined, 'enabler'],
    [['enablers'], undefined, 'business'],
    [[], undefined, 'business'],
    [['architecture-runway'], ['Architecture-Runway', 'infra'], 'enabler'],
    [['enabler'], ['infra'], 'business'],
  ])('should classify labels %j with enabler labels %j as %s', (labels, enablerLabels, expected) => {
    expect(workTypeOfEpic(labels, enablerLabels)).toBe(expected);
  });
});

describe('valueStreamProblems', () => {
  const stream = (id: string, name: string, projectKeys: string[]) => ({ id, name, projectKeys });

  it.each([
    ['no value streams', []],
    ['streams claiming different projects', [stream('customer', 'Customer', ['PAY', 'MOB']), stream('data', 'Data', ['DAT'])]],
    ['two streams sharing a name (told apart by id)', [stream('a', 'Core', ['PAY']), stream('b', 'Core', ['MOB'])]],
    ['a stream listing one project twice', [stream('a', 'Core', ['PAY', 'PAY'])]],
    ['a project-key-shaped id that the stream claims', [stream('PAY', 'Payments', ['PAY', 'MOB'])]],
  ])('should report nothing when there are %s', (_label, valueStreams) => {
    expect(valueStreamProblems(valueStreams)).toEqual([]);
  });

  it.each([
    ['a duplicate id', [stream('a', 'A', ['PAY']), stream('a', 'B', ['MOB'])], ['Duplicate value stream id "a"']],
    ['one project in two streams', [stream('a', 'A', ['PAY']), stream('b', 'B', ['PAY'])], ['Project PAY is in both "A" and "B"']],
    ['one project in two streams of the same name', [stream('a', 'Core', ['PAY']), stream('b', 'Core', ['PAY'])], ['Project PAY is in both "Core" and "Core"']],
    [
      'an id shaped like a project key the stream does not claim',
      [stream('PLT', 'Core', ['PAY'])],
      ['Value stream "Core" has the id "PLT", which names project PLT when no stream claims it: claim PLT or use another id'],
    ],
  ])('should report %s', (_label, valueStreams, expected) => {
    expect(valueStreamProblems(valueStreams)).toEqual(expected);
  });
});

describe('themeShares', () => {
  const themes = [
    { id: 'growth', targetAllocation: 0.5 },
    { id: 'platform', targetAllocation: 0.3 },
  ];
  const epics = [
    { themeId: 'growth', state: 'Implementing', stage: 'committed', forecastCost: 100 },
    { themeId: 'growth', state: 'Done', stage: 'done', forecastCost: 50 },
    { themeId: 'growth', state: 'Funnel', stage: 'before', forecastCost: 200 },
    { themeId: 'platform', state: 'Implementing', stage: 'committed', forecastCost: 300 },
    { themeId: 'platform', state: 'Done', stage: 'done', forecastCost: null },
    { themeId: 'platform', state: 'Done', stage: 'done', forecastCost: null },
    { themeId: null, state: 'Implementing', stage: 'committed', forecastCost: 100 },
  ] as const;

  it('should measure each theme against its target in progress, completed and forecast cost when epics are spread', () => {
    const [growth, platform, unthemed] = themeShares(themes, epics, 0.05);
    // In progress: 3 epics, growth 1 (1/3, gap 1/3 − 0.5 = −0.1667: off), platform 1 (gap +0.0333: on).
    expect(growth?.inProgress).toEqual({ count: 1, share: 1 / 3, gap: 1 / 3 - 0.5, offTarget: true });
    expect(platform?.inProgress).toEqual({ count: 1, share: 1 / 3, gap: 1 / 3 - 0.3, offTarget: false });
    // Completed: 3 epics, growth 1, platform 2 (2/3, gap +0.3667: off).
    expect(platform?.completed).toEqual({ count: 2, share: 2 / 3, gap: 2 / 3 - 0.3, offTarget: true });
    // Forecast cost of open epics: 100 + 200 + 300 + 100 = 700; growth 300 (0.4286, gap −0.0714: off).
    expect(growth?.forecastCost).toEqual({ count: 2, amount: 300, share: 300 / 700, gap: 300 / 700 - 0.5, offTarget: true });
    expect(platform?.forecastCost).toMatchObject({ count: 1, amount: 300, share: 300 / 700 });
    expect(growth?.byState).toEqual({ Implementing: 1, Done: 1, Funnel: 1 });
    expect(unthemed).toMatchObject({ themeId: null, target: null, inProgress: { count: 1, share: 1 / 3, gap: null, offTarget: false } });
  });

  it('should leave shares null and add no unthemed row when every epic has a theme and nothing is in progress', () => {
    const rows = themeShares(themes, [{ themeId: 'growth', state: 'Funnel', stage: 'before', forecastCost: null }], 0.05);
    expect(rows.map((row) => row.themeId)).toEqual(['growth', 'platform']);
    expect(rows[0]?.inProgress).toEqual({ count: 0, share: null, gap: null, offTarget: false });
    expect(rows[0]?.forecastCost).toEqual({ count: 1, amount: 0, share: null, gap: null, offTarget: false });
  });

  it('should count an epic of a deleted theme as unthemed', () => {
    const rows = themeShares(themes, [{ themeId: 'gone', state: 'Implementing', stage: 'committed', forecastCost: 10 }], 0.05);
    expect(rows.at(-1)).toMatchObject({ themeId: null, inProgress: { count: 1, share: 1 } });
  });

  it('should take a gap exactly at the tolerance as on target', () => {
    // 0.3 vs 0.25 with tolerance 0.05 (floats): on target.
    const rows = themeShares([{ id: 'a', targetAllocation: 0.25 }], [
      { themeId: 'a', state: 'I', stage: 'committed', forecastCost: 3 },
      { themeId: null, state: 'I', stage: 'committed', forecastCost: 7 },
    ], 0.05);
    expect(rows[0]?.forecastCost.offTarget).toBe(false);
  });
});

describe('isThemeActive', () => {
  it.each([
    [[], '2026-Q4', true],
    [['2026-Q4', '2027-Q1'], '2026-Q4', true],
    [['2027-Q1'], '2026-Q4', false],
  ])('should answer for active quarters %j in %s', (activeQuarters, quarter, active) => {
    expect(isThemeActive({ activeQuarters }, quarter)).toBe(active);
  });
});
