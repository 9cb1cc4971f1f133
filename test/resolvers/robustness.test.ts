/**
 * What a black-box probe found through the handler: function keys that are not resolver keys,
 * dates and work a request may name, reserved names in keyed data, and what error messages show.
 */
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { UnknownFunctionError } from '../../src/resolvers/handler';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ epics: 40 });
});
afterAll(() => backend.close());

describe('function keys', () => {
  it.each(['nope/nope', '__proto__', 'valueOf', 'toString', 'constructor', 'hasOwnProperty', 'isPrototypeOf'])(
    'should reject as Forge does for an unknown function, running nothing, when the function key is %s',
    async (functionKey) => {
      const mark = backend.mark();
      const call = backend.callRaw('rte', functionKey, {});
      await expect(call).rejects.toThrow(UnknownFunctionError);
      await expect(call).rejects.toThrow(`Resolver has no definition for '${functionKey}'.`);
      expect(backend.callsSince(mark)).toEqual([]);
    },
  );
});

describe('dates and work a request may name', () => {
  // TEST_NOW is 2026-11-16 in the portfolio's zone (UTC).
  it.each([
    ['far in the future', '9999-06-01', 'flow/metrics: asOf: 9999-06-01 is after today (2026-11-16 in the portfolio\'s time zone); give a date up to today'],
    ['the last day of year 9999', '9999-12-31', 'flow/metrics: asOf: 9999-12-31 is after today (2026-11-16'],
    ['tomorrow', '2026-11-17', 'flow/metrics: asOf: 2026-11-17 is after today'],
    ['before 2000', '1999-12-31', 'flow/metrics: asOf: 1999-12-31 is before 2000-01-01; give a date from 2000-01-01 up to today (2026-11-16)'],
  ])('should refuse flow/metrics with invalid_input stating the bound, asking nothing of Jira, when asOf is %s', async (_case, asOf, message) => {
    const mark = backend.mark();
    const result = await backend.call('member', 'flow/metrics', { asOf });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(message) } });
    expect(backend.callsSince(mark)).toEqual([]);
  });

  it('should answer flow/metrics when asOf is today', async () => {
    const result = await backend.call('member', 'flow/metrics', { asOf: '2026-11-16' });
    expect(result).toMatchObject({ ok: true, data: { report: { asOf: '2026-11-16' } } });
  });

  it.each([
    ['by is far in the future', { by: '9999-12-31', trials: 100_000 }, 'flow/forecast: by: 9999-12-31 is more than 5 years after 2026-11-16; give a date up to 2031-11-16'],
    [
      'trials × days of a "how many" is over the budget',
      { by: '2031-11-16', trials: 100_000 },
      'flow/forecast: trials: 100,000 trials × 1,826 days is 182,600,000 simulated days, more than the 20,000,000 one forecast may run; ask for at most 10,952 trials or a nearer date',
    ],
    [
      'trials × the horizon of a "when" is over the budget',
      { items: 100_000, trials: 100_000 },
      'flow/forecast: trials: 100,000 trials × 1,826 days is 182,600,000 simulated days',
    ],
  ])('should refuse flow/forecast with invalid_input stating the bound, asking nothing of Jira, when %s', async (_case, payload, message) => {
    const mark = backend.mark();
    const result = await backend.call('member', 'flow/forecast', payload);
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(message) } });
    expect(backend.callsSince(mark)).toEqual([]);
  });

  it.each([
    ['by is at the horizon with the default trials', { by: '2031-11-16' }],
    ['by is near with the most trials', { by: '2027-01-16', trials: 100_000 }],
    ['"when" has the default trials', { items: 5 }],
  ])('should answer flow/forecast when %s', async (_case, payload) => {
    const result = await backend.call('member', 'flow/forecast', payload);
    expect(result).toMatchObject({ ok: true, data: { asOf: '2026-11-16' } });
  });
});

describe('names people choose', () => {
  const states = ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'];
  it.each([
    ['a state is named constructor', { states: ['constructor', ...states.slice(1)] }, 'settings: The name "constructor" is a reserved name (JavaScript objects already have it); choose another name.'],
    ['a state is named toString', { states: [...states.slice(0, 2), 'toString', ...states.slice(3)] }, 'The name "toString" is a reserved name'],
    ['a state is named __proto__', { states: ['__proto__', ...states.slice(1)] }, 'The name "__proto__" is a reserved name'],
    ['the commitment is named valueOf', { commitment: 'valueOf' }, 'The name "valueOf" is a reserved name'],
    ['an active state is named hasOwnProperty', { active: ['hasOwnProperty'] }, 'The name "hasOwnProperty" is a reserved name'],
    ['a WIP limit is keyed toString', { wipLimits: { toString: 3 } }, 'The name "toString" is a reserved name'],
    ['a mapping names the state constructor', { mapping: { '10001': 'constructor' } }, 'The name "constructor" is a reserved name'],
  ])('should refuse settings/save with invalid_input and store nothing when %s', async (_case, change, message) => {
    const writesBefore = backend.store.writes.length;
    const result = await backend.call('rte', 'settings/save', { settings: { ...defaultSettings(), ...change }, version: null });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(message) } });
    expect(backend.store.writes.length).toBe(writesBefore);
  });

  it.each([
    ['a WIP limit', (proto: unknown) => ({ settings: { ...defaultSettings(), wipLimits: proto }, version: null }), 'settings.wipLimits.__proto__'],
    ['the payload itself', (proto: unknown) => proto, '__proto__'],
    ['a budget plan', (proto: unknown) => ({ period: '2026-Q4', plan: { lines: [], epics: proto, allocationTargets: {}, allocationTolerance: 0.05, approvalThreshold: 0 }, version: null }), 'plan.epics.__proto__'],
  ])('should refuse a __proto__ key in %s with invalid_input instead of dropping it', async (_case, payloadWith, path) => {
    // JSON.parse makes `__proto__` an own key, as the invoke request body arrives.
    const proto = JSON.parse('{"__proto__": {"Implementing": 1}}') as unknown;
    const key = path.startsWith('plan') ? 'budgets/save' : 'settings/save';
    const result = await backend.callRaw('rte', key, payloadWith(proto));
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: `${key}: ${path}: "__proto__" is a reserved name and cannot be a key; choose another name` },
    });
  });

  it('should show every state with its own WIP limit when stored settings name states like Object.prototype members', async () => {
    // Saved before reserved names were refused: the board still reads them as plain names.
    const store = createMemoryStore();
    const odd = ['__proto__', 'toString', 'constructor', 'Analyzing', 'Implementing', 'Done'];
    await store.put('settings', 'portfolio', { ...defaultSettings(), schemaVersion: 1, states: odd, wipLimits: { constructor: 4 } }, null);
    const own = await startTestBackend({ epics: 40, store });
    try {
      const board = dataOf(await own.call('rte', 'portfolio/board'));
      expect(board.columns.map(({ state, wipLimit }) => ({ state, wipLimit }))).toEqual([
        { state: '__proto__', wipLimit: null },
        { state: 'toString', wipLimit: null },
        { state: 'constructor', wipLimit: 4 },
        { state: 'Analyzing', wipLimit: null },
        { state: 'Implementing', wipLimit: null },
        { state: 'Done', wipLimit: null },
      ]);
      const metrics = dataOf(await own.call('rte', 'flow/metrics', {}));
      for (const row of metrics.charts.cfd) expect(Object.keys(row.counts)).toEqual(odd);
      expect(Object.keys(metrics.report.load.byState)).toEqual(odd);
      expect(Object.values(metrics.report.load.byState).every((count) => typeof count === 'number')).toBe(true);
    } finally {
      await own.close();
    }
  });
});

describe('what error messages show', () => {
  it.each([
    ['answers 500', '500' as const, 'Jira is having trouble (it answered 500). Wait a minute and try again; if it keeps happening, tell your Jira admin.', 'Jira answered 500: Internal server error'],
    ['cuts its answer off', 'malformed' as const, 'Jira’s answer arrived cut off. Wait a minute and try again; if it keeps happening, tell your Jira admin.', 'the response is not JSON (cut off or malformed'],
  ])('should give the page a sentence to act on and keep the Jira URL and answer in the log when Jira %s', async (_case, kind, pageMessage, logged) => {
    const failing = await startTestBackend({ epics: 40, faults: { rate: 1, kinds: [kind], seed: 3 } });
    try {
      const result = await failing.call('member', 'portfolio/board');
      expect(result).toEqual({ ok: false, error: { code: 'jira_unavailable', message: pageMessage } });
      expect(result.ok ? '' : result.error.message).not.toMatch(/\/rest\/api|Internal server error|[{<"]/);
      expect(failing.log.entries.at(-1)).toMatchObject({
        level: 'warn',
        message: 'resolver failed',
        data: { functionKey: 'portfolio/board', message: expect.stringMatching(new RegExp(`^POST /rest/api/3/search/jql: .*${logged.replace(/[()]/g, '\\$&')}`)) },
      });
    } finally {
      await failing.close();
    }
  });
});
