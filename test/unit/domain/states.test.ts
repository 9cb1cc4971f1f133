import {
  defaultActiveStates, defaultPortfolioConfig, doneState, mappingByName, SAFE_STATES, stateForStatus, stateIndex, stateTimeKind, validatePortfolioConfig, workStage, isStageIncluded,
  type PortfolioConfig, type WorkStage,
} from '../../../src/domain/states';

function aConfig(overrides: Partial<PortfolioConfig> = {}): PortfolioConfig {
  return { ...defaultPortfolioConfig({ '10': 'Funnel', '50': 'Implementing', '60': 'Done' }), ...overrides };
}

describe('defaultPortfolioConfig', () => {
  it('should use the SAFe states committed at Implementing when no mapping is given', () => {
    expect(defaultPortfolioConfig()).toEqual({
      states: ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'],
      commitment: 'Implementing',
      active: ['Implementing'],
      mapping: {},
    });
  });

  it('should copy the mapping when one is given', () => {
    const mapping = { '3': 'Done' };
    const config = defaultPortfolioConfig(mapping);
    mapping['3'] = 'Funnel';
    expect(config.mapping).toEqual({ '3': 'Done' });
    expect(validatePortfolioConfig(config)).toEqual([]);
  });
});

describe('defaultActiveStates', () => {
  it.each<[string, string[], string, string[]]>([
    ['SAFe committed at Implementing', [...SAFE_STATES], 'Implementing', ['Implementing']],
    ['commitment early', ['Idea', 'Build', 'Test', 'Shipped'], 'Build', ['Build', 'Test']],
    ['commitment first', ['Idea', 'Build', 'Shipped'], 'Idea', ['Idea', 'Build']],
    ['commitment is Done', ['Idea', 'Shipped'], 'Shipped', []],
    ['commitment is no state', ['Idea', 'Shipped'], 'Doing', []],
  ])('should give the states from commitment up to Done when %s', (_what, states, commitment, expected) => {
    expect(defaultActiveStates(states, commitment)).toEqual(expected);
  });
});

describe('state lookups', () => {
  it('should name the last state as Done when asked for the done state', () => {
    expect(doneState(aConfig())).toBe('Done');
    expect(doneState(aConfig({ states: ['Idea', 'Shipped'] }))).toBe('Shipped');
  });

  it.each<[string, number]>([
    ['Funnel', 0],
    ['Portfolio Backlog', 3],
    ['Done', 5],
    ['done', -1], // states are matched exactly; case-folding is only for the name-based default mapping
    ['Parked', -1],
  ])('should place %p at index %p', (state, expected) => {
    expect(stateIndex(aConfig(), state)).toBe(expected);
  });

  it.each<[string, Record<string, string>, string | null]>([
    ['50', {}, 'Implementing'],
    ['99', {}, null], // not in the mapping
    ['77', { '77': 'Parked' }, null], // mapped to a name that is no state
    ['constructor', {}, null], // an id that collides with an object property
  ])('should map status %p to %p', (statusId, extra, expected) => {
    const config = aConfig({ mapping: { ...aConfig().mapping, ...extra } });
    expect(stateForStatus(config, statusId)).toBe(expected);
  });
});

describe('validatePortfolioConfig', () => {
  it('should find no problem when the config is the default', () => {
    expect(validatePortfolioConfig(aConfig())).toEqual([]);
  });

  it.each<[string, Partial<PortfolioConfig>, string[]]>([
    ['one state', { states: ['Done'], commitment: 'Done', active: [], mapping: {} }, [
      'A portfolio needs at least 2 states (the last is Done); it has 1.',
      'The commitment state "Done" cannot be Done (the last state).',
    ]],
    ['no states', { states: [], active: [], mapping: {} }, [
      'A portfolio needs at least 2 states (the last is Done); it has 0.',
      'The commitment state "Implementing" is not one of the states.',
    ]],
    ['a duplicate state differing in case', { states: [...SAFE_STATES, 'funnel', 'FUNNEL'] }, [
      'State "funnel" appears more than once (names are compared ignoring case).',
    ]],
    ['an unknown commitment', { commitment: 'Building' }, ['The commitment state "Building" is not one of the states.']],
    ['commitment at Done', { commitment: 'Done' }, ['The commitment state "Done" cannot be Done (the last state).']],
    ['an unknown active state', { active: ['Implementing', 'Testing'] }, ['The active state "Testing" is not one of the states.']],
    ['a mapping to no state', { mapping: { '10': 'Funnel', '42': 'In Progress' } }, [
      'Status 42 maps to "In Progress", which is not one of the states.',
    ]],
  ])('should report the problem when the config has %s', (_name, overrides, expected) => {
    expect(validatePortfolioConfig(aConfig(overrides))).toEqual(expected);
  });
});

describe('mappingByName', () => {
  it('should map statuses whose names equal a state ignoring case when building the default mapping', () => {
    const statuses = [
      { id: '1', name: 'FUNNEL' },
      { id: '2', name: 'portfolio backlog' },
      { id: '3', name: 'In Progress' },
      { id: '4', name: 'Done' },
      { id: '5', name: 'done' },
    ];
    expect(mappingByName(SAFE_STATES, statuses)).toEqual({
      '1': 'Funnel',
      '2': 'Portfolio Backlog',
      '4': 'Done',
      '5': 'Done',
    });
  });

  it('should map nothing when there are no statuses', () => {
    expect(mappingByName(SAFE_STATES, [])).toEqual({});
  });

  it('should give a mapping that validates when used in the default config', () => {
    const mapping = mappingByName(SAFE_STATES, [{ id: '7', name: 'implementing' }]);
    expect(validatePortfolioConfig(defaultPortfolioConfig(mapping))).toEqual([]);
  });
});

describe('stateTimeKind', () => {
  // Committed at Analyzing; Implementing is active, Analyzing and Portfolio Backlog wait.
  const config = aConfig({ commitment: 'Analyzing', active: ['Funnel', 'Implementing'] });

  it.each<[string, string]>([
    ['Funnel', 'outside'], // marked active, but before commitment: not in flow time
    ['Reviewing', 'outside'],
    ['Analyzing', 'waiting'], // the commitment point starts flow time
    ['Portfolio Backlog', 'waiting'],
    ['Implementing', 'active'],
    ['Done', 'outside'], // flow time ends on reaching Done
    ['Parked', 'outside'], // not a state
  ])('should count time in %s as %s when committed at Analyzing with Implementing active', (state, kind) => {
    expect(stateTimeKind(config, state)).toBe(kind);
  });

  it('should put no state in flow time when the commitment state is not one of the states', () => {
    const broken = aConfig({ commitment: 'Build', active: ['Implementing'] });
    expect(SAFE_STATES.map((state) => stateTimeKind(broken, state))).toEqual(Array(6).fill('outside'));
  });
});

describe('workStage and isStageIncluded (the WSJF ranking filter, page and service)', () => {
  const STATES = ['Funnel', 'Analyzing', 'Implementing', 'Validating', 'Done'];
  it.each([
    ['Funnel', 'toPull'],
    ['Analyzing', 'toPull'],
    ['Implementing', 'inProgress'],
    ['Validating', 'inProgress'],
    ['Done', 'done'],
    [null, 'toPull'],
    ['Retired', 'toPull'],
  ] as const)('should put an epic in %p among the %s epics when committed at Implementing', (state, stage) => {
    expect(workStage(state, STATES, 'Implementing')).toBe(stage);
  });

  it('should always include the epics to pull and the other stages only when asked', () => {
    const none = { inProgress: false, done: false };
    expect(['toPull', 'inProgress', 'done'].filter((stage) => isStageIncluded(stage as WorkStage, none))).toEqual(['toPull']);
    expect(isStageIncluded('inProgress', { inProgress: true, done: false })).toBe(true);
    expect(isStageIncluded('done', { inProgress: true, done: false })).toBe(false);
    expect(isStageIncluded('done', { inProgress: false, done: true })).toBe(true);
  });
});
