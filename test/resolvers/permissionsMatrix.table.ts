/**
 * The permissions matrix: for EVERY resolver key, what each demo user gets when the call concerns
 * an epic in a project they cannot browse (DAT for the member), one they may only browse (PLT), and
 * one they may edit (PAY). The type below makes a missing key a compile error, and the test also
 * compares the table with the contract and the routes at run time.
 *
 * A resolver that names no epic is still called once per column: the column then says which epic's
 * data must (or must not) show in the answer. Payloads read current versions as the RTE first, so
 * a refusal is never a conflict in disguise.
 */
import type { ResolverInput, ResolverKey, ResolverOutput } from '../../src/contract/resolvers';
import { dataOf } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';

export type Outcome = 'allowed' | 'forbidden' | 'not_found' | 'invalid';
export type EpicColumn = 'hidden' | 'browseOnly' | 'editable';
export const EPIC_COLUMNS: readonly EpicColumn[] = ['hidden', 'browseOnly', 'editable'];
export const MATRIX_USERS: readonly TestUser[] = ['rte', 'member'];

/** The project of each column's epic (the member's rights there: none, Browse only, Browse + Edit + Transition). */
export const PROJECT_OF: Readonly<Record<EpicColumn, string>> = { hidden: 'DAT', browseOnly: 'PLT', editable: 'PAY' };

export interface MatrixEpic {
  readonly column: EpicColumn;
  readonly key: string;
  readonly id: string;
}

export interface Cell {
  readonly backend: TestBackend;
  readonly user: TestUser;
  readonly epic: MatrixEpic;
}

/** Text written only into the hidden epic's documents (its case, its decision): it must never reach the member. */
export const HIDDEN_MARKER = 'Matrix secret of the hidden epic';
/** The quarters the matrix owns (the demo seeds the current one, 2026-Q4): OKRs, and participatory sessions to read, reopen and adopt. */
export const MATRIX_PERIODS = { okrs: '2027-Q1', session: '2027-Q1', reopened: '2027-Q2', adopted: '2027-Q3', budget: '2026-Q4' } as const;
export const SESSION_STREAMS = ['payments', 'mobile'] as const;
export const MATRIX_OBJECTIVES = [
  {
    id: 'matrix',
    title: 'Permissions matrix objective',
    themeId: null,
    keyResults: [
      // k-read links all three epics (set up by the RTE); k-write is the one the matrix links and unlinks.
      { id: 'k-read', title: 'Read links', baseline: 0, target: 10, current: 2 },
      { id: 'k-write', title: 'Write links', baseline: 0, target: 10, current: 2 },
    ],
  },
];

const same = (outcome: Outcome): Record<EpicColumn, Outcome> => ({ hidden: outcome, browseOnly: outcome, editable: outcome });
/** Everyone may call it; what it shows is trimmed to the caller's epics. */
const everyone = { rte: same('allowed'), member: same('allowed') };
/** Portfolio managers (the RTE is a Jira admin) only; the member is refused whatever the epic. */
const managersOnly = { rte: same('allowed'), member: same('forbidden') };
/** Reads one epic: the member cannot see DAT (not found, as for a key that does not exist). */
const epicRead = { rte: same('allowed'), member: { hidden: 'not_found', browseOnly: 'allowed', editable: 'allowed' } as const };
/** Changes one epic: needs Edit issues (or Transition issues), which the member lacks on PLT. */
const epicWrite = { rte: same('allowed'), member: { hidden: 'not_found', browseOnly: 'forbidden', editable: 'allowed' } as const };

type Payload<K extends ResolverKey> = (cell: Cell) => ResolverInput<K> | Promise<ResolverInput<K>>;

export interface MatrixRow<K extends ResolverKey> {
  readonly kind: 'read' | 'write';
  readonly payload: Payload<K>;
  /** The payload names the cell's epic (a refusal must then read as for a key that does not exist). */
  readonly namesEpic: boolean;
  readonly expect: { readonly [U in TestUser]: Readonly<Record<EpicColumn, Outcome>> };
  /** The answer lists the portfolio's epics: each one the caller may browse is in it. */
  readonly listsEpics?: boolean;
  /** For a call that answers ok with an outcome per epic: that outcome. */
  readonly outcomeOf?: (data: ResolverOutput<K>) => Outcome;
  /** What an allowed write changes. */
  readonly changes?: 'store' | 'jira' | 'store and jira';
  /**
   * For a portfolio managers' resolver: the member's outcomes once their group is made the managers
   * group, where the epic's own checks (browse, edit) are reached.
   */
  readonly memberAsManager?: Readonly<Record<EpicColumn, Outcome>>;
}

export type PermissionsMatrix = { readonly [K in ResolverKey]: MatrixRow<K> };

// ---- Reading current versions, as the RTE ------------------------------------------------------

const asRte = async <K extends ResolverKey>(cell: Cell, key: K, payload: ResolverInput<K>): Promise<ResolverOutput<K>> =>
  dataOf(await cell.backend.call('rte', key, payload));
const storedVersion = async (cell: Cell, collection: string, key: string) => (await cell.backend.store.get(collection, key))?.version ?? null;

/** The epic's WSJF version as the RTE reads it; null for a key nobody can see (the "does not exist" twin). */
async function wsjfVersion(cell: Cell): Promise<number | null> {
  const result = await cell.backend.call('rte', 'epic/wsjf/get', { issueKey: cell.epic.key });
  return result.ok ? result.data.version : null;
}

async function caseOf(cell: Cell) {
  const result = await cell.backend.call('rte', 'epic/case/get', { issueKey: cell.epic.key });
  return result.ok ? result.data : null;
}

const COMPONENTS = { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 5 };

/** A state the epic is not in, before the commitment point (no approval gate): Analyzing ↔ Reviewing. */
function otherState(cell: Cell): string {
  const issue = cell.backend.demo.data.issues.find((candidate) => candidate.key === cell.epic.key);
  const status = cell.backend.demo.data.statuses.find((candidate) => candidate.id === issue?.statusId);
  return status?.name === 'Analyzing' ? 'Reviewing' : 'Analyzing';
}

const perEpicOutcome = (status: string): Outcome =>
  status === 'saved' || status === 'assigned' ? 'allowed' : status === 'invalid_input' ? 'invalid' : (status as Outcome);

// ---- The table ---------------------------------------------------------------------------------

export const PERMISSIONS_MATRIX: PermissionsMatrix = {
  'me/get': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  'sync/status': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  // Starts the background sync: it writes only the sync's own state and the cache (no document).
  'sync/start': { kind: 'write', namesEpic: false, payload: () => ({}), expect: managersOnly, memberAsManager: same('allowed') },
  'portfolio/board': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone, listsEpics: true },
  'portfolio/wsjf': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone, listsEpics: true },
  // Lists only the epics its charts name (done in the range, aging, ...), not every epic: no listsEpics.
  'flow/metrics': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  'flow/forecast': { kind: 'read', namesEpic: false, payload: () => ({ items: 10, backlog: true, trials: 100 }), expect: everyone },
  'epic/wsjf/get': { kind: 'read', namesEpic: true, payload: ({ epic }) => ({ issueKey: epic.key }), expect: epicRead },
  'epic/wsjf/save': {
    kind: 'write',
    namesEpic: true,
    payload: async (cell) => ({ issueKey: cell.epic.key, components: COMPONENTS, version: await wsjfVersion(cell) }),
    expect: epicWrite,
    changes: 'store and jira',
  },
  'portfolio/wsjf/saveMany': {
    kind: 'write',
    namesEpic: true,
    payload: async (cell) => ({ entries: [{ issueKey: cell.epic.key, components: COMPONENTS, version: await wsjfVersion(cell) }] }),
    expect: epicWrite,
    outcomeOf: (data) => perEpicOutcome(data.results[0]!.status),
    changes: 'store and jira',
  },
  'settings/get': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  'settings/save': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => {
      const { settings, version } = await asRte(cell, 'settings/get', {});
      return { settings, version };
    },
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'admin/statuses': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  'themes/list': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  'themes/save': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => {
      const { themes, version } = await asRte(cell, 'themes/list', {});
      return { themes, version };
    },
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'valueStreams/list': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  'valueStreams/save': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => {
      const { valueStreams, version } = await asRte(cell, 'valueStreams/list', {});
      return { valueStreams, version };
    },
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'budgets/list': { kind: 'read', namesEpic: false, payload: () => ({ period: MATRIX_PERIODS.budget }), expect: everyone },
  'budgets/save': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => {
      const view = await asRte(cell, 'budgets/list', { period: MATRIX_PERIODS.budget });
      const lines = view.lines.filter((line) => line.budget > 0).map((line) => ({ valueStreamId: line.valueStreamId, budget: line.budget }));
      return { period: MATRIX_PERIODS.budget, lines, version: view.version };
    },
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'budgets/spend/save': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => {
      const { version } = await asRte(cell, 'budgets/list', { period: MATRIX_PERIODS.budget });
      return { period: MATRIX_PERIODS.budget, valueStreamId: 'payments', month: '2026-11', amount: 1_000, note: 'Permissions matrix', version };
    },
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'strategy/overview': { kind: 'read', namesEpic: false, payload: () => ({ period: MATRIX_PERIODS.budget }), expect: everyone, listsEpics: true },
  'themes/assign': {
    kind: 'write',
    namesEpic: true,
    payload: ({ epic }) => ({ themeId: 'growth', issueKeys: [epic.key] }),
    // The route asks for a portfolio manager before any epic: the member is refused alike for every key.
    expect: managersOnly,
    // As a manager: Edit issues on the epic, per epic (an epic they cannot see is refused like one they may not edit).
    memberAsManager: { hidden: 'forbidden', browseOnly: 'forbidden', editable: 'allowed' },
    outcomeOf: (data) => perEpicOutcome(data.results[0]!.outcome),
    changes: 'store',
  },
  'guardrails/get': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  'guardrails/save': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => {
      const { guardrails, version } = await asRte(cell, 'guardrails/get', {});
      return { guardrails, version };
    },
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'epic/case/get': { kind: 'read', namesEpic: true, payload: ({ epic }) => ({ issueKey: epic.key }), expect: epicRead },
  'epic/case/save': {
    kind: 'write',
    namesEpic: true,
    payload: async (cell) => {
      const current = await caseOf(cell);
      const solution = cell.epic.column === 'hidden' ? HIDDEN_MARKER : 'Permissions matrix';
      const base = current?.case ?? { hypothesis: {} };
      return { issueKey: cell.epic.key, case: { ...base, hypothesis: { ...base.hypothesis, solution }, forecastCost: 1_000 }, version: current?.version ?? null };
    },
    expect: epicWrite,
    changes: 'store',
  },
  'epic/case/decide': {
    kind: 'write',
    namesEpic: true,
    payload: async (cell) => ({
      issueKey: cell.epic.key,
      decision: 'go',
      note: cell.epic.column === 'hidden' ? HIDDEN_MARKER : 'Permissions matrix',
      version: (await caseOf(cell))?.version ?? null,
    }),
    // Decisions are the portfolio managers': the member is refused before the epic is looked at.
    expect: managersOnly,
    // As a manager: any epic they can browse (a decision is no Jira edit); one they cannot see is not found.
    memberAsManager: { hidden: 'not_found', browseOnly: 'allowed', editable: 'allowed' },
    changes: 'store',
  },
  'participatory/get': { kind: 'read', namesEpic: false, payload: () => ({ period: MATRIX_PERIODS.session }), expect: everyone, listsEpics: true },
  'participatory/open': {
    kind: 'write',
    namesEpic: true,
    payload: async (cell) => ({
      period: MATRIX_PERIODS.reopened,
      total: 1_000,
      valueStreamIds: [...SESSION_STREAMS],
      epicKeys: [cell.epic.key],
      participants: null,
      version: (await asRte(cell, 'participatory/get', { period: MATRIX_PERIODS.reopened })).version,
    }),
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'participatory/submit': {
    kind: 'write',
    namesEpic: false,
    payload: () => ({ period: MATRIX_PERIODS.session, allocation: { payments: 600, mobile: 400 }, rationale: 'Permissions matrix' }),
    // The session lets anyone who opens the portfolio take part (participants: null).
    expect: everyone,
    changes: 'store',
  },
  'participatory/adopt': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => ({
      period: MATRIX_PERIODS.adopted,
      allocation: { payments: 500, mobile: 500 },
      version: (await asRte(cell, 'participatory/get', { period: MATRIX_PERIODS.adopted })).version,
    }),
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'okrs/list': { kind: 'read', namesEpic: false, payload: () => ({ period: MATRIX_PERIODS.okrs }), expect: everyone, listsEpics: true },
  'okrs/save': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => ({
      period: MATRIX_PERIODS.okrs,
      objectives: MATRIX_OBJECTIVES,
      version: (await asRte(cell, 'okrs/list', { period: MATRIX_PERIODS.okrs })).version,
    }),
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'okrs/checkin': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => {
      const okrs = await asRte(cell, 'okrs/list', { period: MATRIX_PERIODS.okrs });
      const keyResult = okrs.objectives[0]!.keyResults.find((candidate) => candidate.id === 'k-read')!;
      const confidence = okrs.confidenceScale === '0-10' ? 5 : 'medium';
      return { period: MATRIX_PERIODS.okrs, objectiveId: 'matrix', keyResultId: 'k-read', value: 3, confidence, version: keyResult.checkInVersion };
    },
    // Nobody owns the key result: only portfolio managers may check in.
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'okrs/link': {
    kind: 'write',
    namesEpic: true,
    payload: async (cell) => {
      const links = (await cell.backend.store.get('okr-links', `${MATRIX_PERIODS.okrs}/matrix/k-write`))?.value as { issueKeys?: string[] } | undefined;
      const linked = !(links?.issueKeys ?? []).includes(cell.epic.key);
      return { period: MATRIX_PERIODS.okrs, objectiveId: 'matrix', keyResultId: 'k-write', issueKeys: [cell.epic.key], linked };
    },
    expect: epicWrite,
    changes: 'store',
  },
  'review/get': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  'review/mark': {
    kind: 'write',
    namesEpic: false,
    payload: async (cell) => ({ date: '2026-11-02', version: await storedVersion(cell, 'review', 'portfolio') }),
    expect: managersOnly,
    memberAsManager: same('allowed'),
    changes: 'store',
  },
  'epic/transition': {
    kind: 'write',
    namesEpic: true,
    payload: (cell) => ({ issueKey: cell.epic.key, toState: otherState(cell), overWipLimit: true }),
    expect: epicWrite,
    changes: 'jira',
  },
  'history/list': { kind: 'read', namesEpic: false, payload: () => ({ limit: 500 }), expect: everyone, listsEpics: true },
  'epic/panel': { kind: 'read', namesEpic: true, payload: ({ epic }) => ({ issueKey: epic.key }), expect: epicRead },
  'admin/jql/check': { kind: 'read', namesEpic: true, payload: ({ epic }) => ({ jql: `key = ${epic.key}` }), expect: managersOnly,
    // As a manager: Jira checks the JQL as the user; a hidden key reads as a key that does not exist.
    memberAsManager: same('allowed') },
  'admin/groups': { kind: 'read', namesEpic: false, payload: () => ({ query: 'portfolio' }), expect: managersOnly,
    memberAsManager: same('allowed') },
  'admin/mapping': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
  'admin/check': { kind: 'read', namesEpic: false, payload: () => ({}), expect: everyone },
};
