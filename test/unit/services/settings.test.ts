/**
 * The settings service's own rules: what it refuses to save (the domain's rules, named in one
 * list), how each state's time counts in what it answers, and which quarter is "now".
 */
import { createMemoryStore } from '../../../src/adapters/local/memoryStore';
import { SETTINGS_SCHEMA_VERSION } from '../../../src/contract/settings';
import type { PortfolioSettings } from '../../../src/contract/settings';
import type { JiraActors, StorePort } from '../../../src/ports';
import { createServiceContext } from '../../../src/services/context';
import type { ServiceContext } from '../../../src/services/context';
import { writeDocument } from '../../../src/services/documents';
import { currentQuarter, defaultSettings, loadSettings, SETTINGS_KEY, settingsKind, settingsProblems } from '../../../src/services/settings';

function aSettings(overrides: Partial<PortfolioSettings> = {}): PortfolioSettings {
  return { ...defaultSettings(), ...overrides };
}

async function storeWith(settings: PortfolioSettings): Promise<StorePort> {
  const store = createMemoryStore();
  await writeDocument(store, settingsKind, SETTINGS_KEY, { schemaVersion: SETTINGS_SCHEMA_VERSION, ...settings }, null, 'the settings');
  return store;
}

/** These tests read only the store and the clock; a Jira call would be a bug. */
function contextAt(instant: number, store: StorePort): ServiceContext {
  const jira = {} as JiraActors;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return createServiceContext({ jira, store, clock: { now: () => instant }, log, accountId: '', cacheFreshMs: 0 });
}

describe('settingsProblems', () => {
  it('should find no problem when the defaults are saved', () => {
    expect(settingsProblems(defaultSettings())).toEqual([]);
  });

  it.each<[string, Record<string, number>, string]>([
    ['a limit on Done', { Implementing: 8, Done: 40 }, '"Done" is the last state (Done) and takes no WIP limit: finished work is not in progress.'],
    ['a limit on a state that does not exist', { Build: 3 }, 'The WIP limit for "Build" names no state.'],
    ['a zero limit', { Analyzing: 0 }, 'The WIP limit for "Analyzing" is 0; it must be a whole number of at least 1.'],
  ])('should refuse %s when asked to save it', (_case, wipLimits, problem) => {
    expect(settingsProblems(aSettings({ wipLimits }))).toEqual([problem]);
  });

  it('should name the WIP problem after the state and time-zone problems when several rules break', () => {
    expect(settingsProblems(aSettings({ commitment: 'Done', timeZone: 'Mars/Olympus', wipLimits: { Done: 2 } }))).toEqual([
      'The commitment state "Done" cannot be Done (the last state).',
      '"Mars/Olympus" is not a time zone (use an IANA name like Europe/Berlin).',
      '"Done" is the last state (Done) and takes no WIP limit: finished work is not in progress.',
    ]);
  });
});

describe('loadSettings', () => {
  it('should say how time in each default state counts when nothing was saved', async () => {
    expect((await loadSettings(createMemoryStore())).stateTimeKinds).toEqual({
      Funnel: 'outside',
      Reviewing: 'outside',
      Analyzing: 'outside',
      'Portfolio Backlog': 'outside',
      Implementing: 'active',
      Done: 'outside',
    });
  });

  it('should follow the saved commitment point and active states when they were changed', async () => {
    const store = await storeWith(aSettings({ states: ['Idea', 'Build', 'Review', 'Live'], commitment: 'Build', active: ['Build'], wipLimits: {} }));
    const loaded = await loadSettings(store);
    expect(loaded.version).toBe(1);
    expect(loaded.stateTimeKinds).toEqual({ Idea: 'outside', Build: 'active', Review: 'waiting', Live: 'outside' });
  });
});

describe('currentQuarter', () => {
  const newYearInBerlin = Date.UTC(2026, 11, 31, 23, 30); // 00:30 on 1 January 2027 in Berlin

  it.each([
    ['UTC', '2026-Q4'],
    ['Europe/Berlin', '2027-Q1'],
  ])('should pick the quarter of today in %s (%s) when the instant is 23:30 UTC on New Year’s Eve', async (timeZone, quarter) => {
    const ctx = contextAt(newYearInBerlin, await storeWith(aSettings({ timeZone })));
    await expect(currentQuarter(ctx)).resolves.toBe(quarter);
  });
  // okrs/list without a period (which now reads the portfolio through Jira) is covered through the
  // resolver in test/resolvers/resolvers.test.ts.
});
