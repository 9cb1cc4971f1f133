/**
 * Every resolver parses its payload first: a payload that does not fit the contract gets
 * invalid_input naming the field, before anything is read from Jira or written anywhere.
 */
import {
  MAX_BUDGET_LINES,
  MAX_DECISIONS_KEPT,
  MAX_KEY_RESULTS,
  MAX_PARTICIPANTS,
  MAX_SESSION_EPICS,
  MAX_SESSION_STREAMS,
  MAX_OBJECTIVES,
  MAX_THEMES,
  MAX_VALUE_STREAMS,
  budgetDocumentSchema,
  businessCaseDocumentSchema,
  okrsDocumentSchema,
  participatoryDocumentSchema,
  themesDocumentSchema,
  valueStreamsDocumentSchema,
} from '../../src/contract/documents';
import { RESOLVER_KEYS } from '../../src/contract/resolvers';
import type { ResolverKey } from '../../src/contract/resolvers';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

/** One invalid payload per resolver, and the field path its error must name. */
const INVALID: Record<ResolverKey, { payload: unknown; field: string }> = {
  'me/get': { payload: { extra: true }, field: 'extra' },
  'sync/status': { payload: { since: 0 }, field: 'since' },
  'sync/start': { payload: { reason: 'now' }, field: 'reason' },
  'portfolio/board': { payload: { project: 'PAY' }, field: 'project' },
  'portfolio/wsjf': { payload: { limit: 5 }, field: 'limit' },
  'flow/metrics': { payload: { asOf: '2026-02-30' }, field: 'asOf' },
  'flow/forecast': { payload: { by: '2026-12-31', items: 5 }, field: 'by' },
  'epic/wsjf/get': { payload: { issueKey: 'pay-1' }, field: 'issueKey' },
  'epic/wsjf/save': {
    payload: { issueKey: 'PAY-1', components: { userBusinessValue: 'high', timeCriticality: 1, riskReductionOpportunityEnablement: 1, jobSize: 1 }, version: null },
    field: 'components.userBusinessValue',
  },
  'portfolio/wsjf/saveMany': {
    payload: { entries: [{ issueKey: 'PAY-1', components: { userBusinessValue: 1, timeCriticality: 1, riskReductionOpportunityEnablement: 1, jobSize: -0 }, version: 'v1' }] },
    field: 'entries[0].version',
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
  'budgets/save': { payload: { period: '2026-Q3', lines: [{ valueStreamId: 'payments', budget: -1 }], version: null }, field: 'lines[0].budget' },
  'budgets/spend/save': { payload: { period: '2026-Q3', valueStreamId: 'payments', month: '2026-13', amount: 1, note: '', version: null }, field: 'month' },
  'strategy/overview': { payload: { period: '2026-Q0' }, field: 'period' },
  'themes/assign': { payload: { themeId: 'growth', issueKeys: [] }, field: 'issueKeys' },
  'guardrails/get': { payload: { all: true }, field: 'all' },
  'guardrails/save': {
    payload: { guardrails: { investmentTypes: [], tolerance: 0.05, approvalThreshold: null }, version: null },
    field: 'guardrails.investmentTypes',
  },
  'epic/case/get': { payload: { issueKey: 'PAY-0' }, field: 'issueKey' },
  'epic/case/save': { payload: { issueKey: 'PAY-1', case: { hypothesis: {}, forecastCost: -5 }, version: null }, field: 'case.forecastCost' },
  'epic/case/decide': { payload: { issueKey: 'PAY-1', decision: 'maybe', note: '', version: null }, field: 'decision' },
  'participatory/get': { payload: { period: '2026' }, field: 'period' },
  'participatory/open': { payload: { period: '2026-Q4', total: 0, valueStreamIds: ['payments'], participants: null, version: null }, field: 'total' },
  'participatory/submit': { payload: { period: '2026-Q4', allocation: { payments: -1 }, rationale: '' }, field: 'allocation.payments' },
  'participatory/adopt': { payload: { period: '2026-Q4', allocation: { payments: 'all' }, version: null }, field: 'allocation.payments' },
  'okrs/list': { payload: { period: 'Q4' }, field: 'period' },
  'okrs/save': { payload: { period: '2026-Q3', objectives: 'none', version: null }, field: 'objectives' },
  'history/list': { payload: { since: -1 }, field: 'since' },
  'okrs/checkin': { payload: { period: '2026-Q4', objectiveId: 'o', keyResultId: 'k', value: 1, confidence: 11, note: '', version: null }, field: 'confidence' },
  'okrs/link': { payload: { period: '2026-Q4', keyResultId: 'k', issueKeys: [], linked: true }, field: 'issueKeys' },
  'review/get': { payload: { since: '2026-13-01' }, field: 'since' },
  'review/mark': { payload: { date: 'yesterday', version: null }, field: 'date' },
  'epic/panel': { payload: { issueKey: 'PAY 1' }, field: 'issueKey' },
  'admin/jql/check': { payload: { jql: 'x'.repeat(2001) }, field: 'jql' },
  'admin/groups': { payload: { query: 'q'.repeat(101) }, field: 'query' },
  'admin/mapping': { payload: { all: true }, field: 'all' },
  'admin/check': { payload: { deep: true }, field: 'deep' },
  'epic/transition': { payload: { issueKey: 'PAY-1', toState: '' }, field: 'toState' },
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

  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^settings\.scopeJql: Error in the JQL Query: /) } });
  expect(backend.store.writes.length).toBe(writesBefore);
});

describe('limits that keep each document in one Forge storage value', () => {
  const STORAGE_MESSAGE = 'one document is stored in at most 240 KiB';
  const keyResult = (id: string) => ({ id, title: id, baseline: 0, target: 10, current: null });
  const objective = (id: string, keyResults: number) => ({
    id,
    title: id,
    themeId: null,
    keyResults: Array.from({ length: keyResults }, (_unused, index) => keyResult(`k${index}`)),
  });

  it.each([
    ['okrs/save', { period: '2027-Q2', objectives: Array.from({ length: MAX_OBJECTIVES + 1 }, (_unused, index) => objective(`o${index}`, 1)), version: null }, `objectives: at most ${MAX_OBJECTIVES} objectives per quarter`],
    ['okrs/save', { period: '2027-Q2', objectives: [objective('o', MAX_KEY_RESULTS + 1)], version: null }, 'objectives[0].keyResults: at most 10 key results per objective'],
  ])('should refuse %s past its limit with invalid_input saying why and store nothing', async (key, payload, message) => {
    const writesBefore = backend.store.writes.length;
    const result = await backend.callRaw('rte', key, payload);
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: `${key}: ${message}: ${STORAGE_MESSAGE}` } });
    expect(backend.store.writes.length).toBe(writesBefore);
  });

  /** Bytes of the stored item as the Forge store measures it: the document inside its address. */
  const storedBytes = (collection: string, key: string, document: unknown) =>
    Buffer.byteLength(JSON.stringify({ collection, docKey: key, version: 999_999, body: document }), 'utf8');
  const KVS_VALUE_BYTES = 240 * 1024;
  // The longest JSON a number of the schemas can take (24 characters), and text at its longest (ASCII).
  const LONGEST_NUMBER = 0.0000012345678901234567;
  const text = (length: number) => 'x'.repeat(length);

  it('should fit a budget, a business case and a participatory session with every list at its limit and every field at its longest when stored', () => {
    const spend = Array.from({ length: 3 }, (_unused, index) => ({ month: `2026-1${index}`, amount: LONGEST_NUMBER, note: text(200) }));
    const budget = budgetDocumentSchema.parse({
      schemaVersion: 2,
      period: '2026-Q4',
      lines: Array.from({ length: MAX_BUDGET_LINES }, () => ({ valueStreamId: text(64), budget: LONGEST_NUMBER, spend })),
    });
    const list = Array.from({ length: 10 }, () => text(500));
    const decision = { decision: 'persevere', note: text(1000), accountId: text(128), at: -Number.MAX_SAFE_INTEGER };
    const businessCase = businessCaseDocumentSchema.parse({
      schemaVersion: 1,
      issueId: '1'.repeat(18),
      case: {
        hypothesis: { forCustomers: text(500), who: text(500), solution: text(500), isA: text(500), that: text(500), unlike: text(500), ourSolution: text(500) },
        businessOutcomes: list,
        leadingIndicators: list,
        mvp: text(2000),
        mvpCost: LONGEST_NUMBER,
        forecastCost: LONGEST_NUMBER,
        investmentType: text(64),
      },
      decision,
      decisions: Array.from({ length: MAX_DECISIONS_KEPT }, () => decision),
    });
    const allocation = Object.fromEntries(Array.from({ length: MAX_SESSION_STREAMS }, (_unused, index) => [`${index}`.padStart(64, 'x'), LONGEST_NUMBER]));
    const session = participatoryDocumentSchema.parse({
      schemaVersion: 1,
      period: '2026-Q4',
      total: LONGEST_NUMBER,
      valueStreamIds: Object.keys(allocation),
      epicKeys: Array.from({ length: MAX_SESSION_EPICS }, (_unused, index) => `P${'X'.repeat(19)}-${1_000_000_000 + index}`),
      participants: Array.from({ length: MAX_PARTICIPANTS }, () => text(128)),
      openedBy: text(128),
      openedAt: -Number.MAX_SAFE_INTEGER,
      submissions: Array.from({ length: MAX_PARTICIPANTS }, () => ({ accountId: text(128), displayName: text(255), allocation, rationale: text(1000), at: -Number.MAX_SAFE_INTEGER })),
      adopted: { allocation, accountId: text(128), at: -Number.MAX_SAFE_INTEGER },
    });
    expect(storedBytes('budgets', '2026-Q4', budget)).toBeLessThanOrEqual(KVS_VALUE_BYTES);
    expect(storedBytes('businessCases', '1'.repeat(18), businessCase)).toBeLessThanOrEqual(KVS_VALUE_BYTES);
    expect(storedBytes('participatory', '2026-Q4', session)).toBeLessThanOrEqual(KVS_VALUE_BYTES);
  });

  it('should fit OKRs, themes and value streams at their limits with every field at its longest when stored', () => {
    const keyResultAtMax = {
      id: text(64),
      title: text(255),
      metric: text(120),
      baseline: LONGEST_NUMBER,
      target: -LONGEST_NUMBER,
      current: LONGEST_NUMBER,
      weight: LONGEST_NUMBER,
      unit: text(32),
      owner: { accountId: text(128), displayName: text(128) },
      confidence: 'medium',
    };
    const okrs = okrsDocumentSchema.parse({
      schemaVersion: 1,
      period: '2026-Q4',
      objectives: Array.from({ length: MAX_OBJECTIVES }, () => ({ id: text(64), title: text(255), themeId: text(64), keyResults: Array.from({ length: MAX_KEY_RESULTS }, () => keyResultAtMax) })),
    });
    const themes = themesDocumentSchema.parse({
      schemaVersion: 2,
      themes: Array.from({ length: MAX_THEMES }, () => ({
        id: text(64),
        name: text(255),
        label: text(255),
        targetAllocation: LONGEST_NUMBER,
        description: text(2000),
        colour: 'magenta',
        activeQuarters: Array.from({ length: 12 }, () => '2026-Q4'),
      })),
    });
    const valueStreams = valueStreamsDocumentSchema.parse({
      schemaVersion: 1,
      valueStreams: Array.from({ length: MAX_VALUE_STREAMS }, () => ({ id: text(64), name: text(255), projectKeys: Array.from({ length: 100 }, () => `P${'X'.repeat(19)}`) })),
    });
    expect(storedBytes('okrs', '2026-Q4', okrs)).toBeLessThanOrEqual(KVS_VALUE_BYTES);
    expect(storedBytes('themes', 'themes', themes)).toBeLessThanOrEqual(KVS_VALUE_BYTES);
    expect(storedBytes('valueStreams', 'valueStreams', valueStreams)).toBeLessThanOrEqual(KVS_VALUE_BYTES);
  });
});
