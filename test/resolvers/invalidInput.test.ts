/**
 * Every resolver parses its payload first: a payload that does not fit the contract gets
 * invalid_input naming the field, before anything is read from Jira or written anywhere.
 */
import { RESOLVER_KEYS } from '../../src/contract/resolvers';
import type { ResolverKey } from '../../src/contract/resolvers';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

const validPlan = { lines: [], epics: {}, allocationTargets: {}, allocationTolerance: 0.05, approvalThreshold: 0 };

/** One invalid payload per resolver, and the field path its error must name. */
const INVALID: Record<ResolverKey, { payload: unknown; field: string }> = {
  'me/get': { payload: { extra: true }, field: 'extra' },
  'portfolio/board': { payload: { project: 'PAY' }, field: 'project' },
  'portfolio/wsjf': { payload: { limit: 5 }, field: 'limit' },
  'flow/metrics': { payload: { asOf: '2026-02-30' }, field: 'asOf' },
  'flow/forecast': { payload: { by: '2026-12-31', items: 5 }, field: 'by' },
  'epic/wsjf/get': { payload: { issueKey: 'pay-1' }, field: 'issueKey' },
  'epic/wsjf/save': {
    payload: { issueKey: 'PAY-1', components: { userBusinessValue: 'high', timeCriticality: 1, riskReductionOpportunityEnablement: 1, jobSize: 1 }, version: null },
    field: 'components.userBusinessValue',
  },
  'settings/get': { payload: { version: 1 }, field: 'version' },
  'settings/save': { payload: { settings: { ...defaultSettings(), states: ['Done'] }, version: null }, field: 'settings.states' },
  'admin/statuses': { payload: { all: true }, field: 'all' },
  'themes/list': { payload: { theme: 'x' }, field: 'theme' },
  'themes/save': {
    payload: { themes: [{ id: 'growth', name: 'Growth', label: 'theme growth', targetAllocation: 0.5 }], version: null },
    field: 'themes[0].label',
  },
  'valueStreams/list': { payload: { x: 1 }, field: 'x' },
  'valueStreams/save': { payload: { valueStreams: [{ id: 'pay', name: 'Payments', projectKeys: ['pay'] }], version: null }, field: 'valueStreams[0].projectKeys[0]' },
  'budgets/list': { payload: { period: '2026-Q5' }, field: 'period' },
  'budgets/save': { payload: { period: '2026-Q3', plan: { ...validPlan, approvalThreshold: -1 }, version: null }, field: 'plan.approvalThreshold' },
  'okrs/list': { payload: {}, field: 'period' },
  'okrs/save': { payload: { period: '2026-Q3', objectives: 'none', version: null }, field: 'objectives' },
  'history/list': { payload: { since: -1 }, field: 'since' },
};

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(() => backend.close());

it('should have an invalid payload for every resolver when the table is complete', () => {
  expect(Object.keys(INVALID).sort()).toEqual([...RESOLVER_KEYS].sort());
});

describe.each(['rte', 'member'] as const)('as %s', (user) => {
  it.each(RESOLVER_KEYS)('should answer invalid_input naming the field and change nothing when %s gets an invalid payload', async (key) => {
    const { payload, field } = INVALID[key];
    const jiraMark = backend.mark();
    const writesBefore = backend.store.writes.length;

    const result = await backend.callRaw(user, key, payload);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain(`${field}:`);
    expect(backend.store.writes.length).toBe(writesBefore);
    expect(backend.callsSince(jiraMark)).toEqual([]);
  });
});

it.each([
  ['a payload that is not an object', 'portfolio/board', 'not an object'],
  ['an array payload', 'settings/get', []],
])('should answer invalid_input when the payload is %s', async (_case, key, payload) => {
  const result = await backend.callRaw('rte', key, payload);
  expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(key) } });
});

it('should refuse settings that break a domain rule with invalid_input and store nothing when the schema alone accepts them', async () => {
  const writesBefore = backend.store.writes.length;
  const settings = { ...defaultSettings(), commitment: 'Shipping', timeZone: 'Mars/Olympus' };

  const result = await backend.call('rte', 'settings/save', { settings, version: null });

  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('invalid_input');
  expect(result.error.message).toContain('The commitment state "Shipping" is not one of the states.');
  expect(result.error.message).toContain('"Mars/Olympus" is not a time zone');
  expect(backend.store.writes.length).toBe(writesBefore);
  expect(await backend.call('rte', 'settings/get')).toMatchObject({ ok: true, data: { version: null, settings: defaultSettings() } });
});

it('should refuse WSJF components off the scale with invalid_input and leave the property when the payload is well-formed', async () => {
  const components = { userBusinessValue: 4, timeCriticality: 1, riskReductionOpportunityEnablement: 1, jobSize: 1 };
  const issueKey = demoEpicKeys(backend, 'PAY')[0] as string;
  const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));

  const result = await backend.call('rte', 'epic/wsjf/save', { issueKey, components, version: before.version });

  expect(result).toEqual({
    ok: false,
    error: { code: 'invalid_input', message: 'components: userBusinessValue 4 is not on the scale 1, 2, 3, 5, 8, 13, 20' },
  });
  expect(dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }))).toEqual(before);
});

it('should answer an unknown resolver key by throwing when the key is not in the contract', async () => {
  await expect(backend.callRaw('rte', 'portfolio/secret', {})).rejects.toThrow("Resolver has no definition for 'portfolio/secret'.");
});

it('should refuse a scope JQL that Jira rejects with invalid_input and store nothing when the settings are saved', async () => {
  const writesBefore = backend.store.writes.length;
  const settings = { ...defaultSettings(), scopeJql: 'issuetype = Epic AND sprint in openSprints()' };

  const result = await backend.call('rte', 'settings/save', { settings, version: null });

  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^settings\.scopeJql: .*Jira rejected the request/) } });
  expect(backend.store.writes.length).toBe(writesBefore);
});
