/**
 * Every resolver × both demo users × an epic the member cannot browse (DAT), one they may only
 * browse (PLT) and one they may edit (PAY), with the epic cache cold (each member call fills it as the app)
 * and warmed by the RTE. Each cell asserts the outcome the table states; every answer the member
 * gets is walked for the hidden epics' keys, ids, summaries and a text only written into the hidden
 * epic's documents; a refused call must leave the store and the demo Jira as they were; a refusal
 * about the hidden epic must read exactly as one about a key that does not exist.
 */
import { addDays } from '../../src/domain/calendar';
import { MAX_RANGE_DAYS } from '../../src/services/flowCharts';
import { RESOLVER_KEYS } from '../../src/contract/resolvers';
import type { ResolverInput, ResolverKey, ResolverOutput } from '../../src/contract/resolvers';
import type { Result } from '../../src/contract/result';
import { routes } from '../../src/resolvers/routes';
import { DEFAULT_CACHE_FRESH_MS } from '../../src/runtime/runtime';
import { ISSUE_TYPE_IDS, STATUS_IDS } from '../../preview/demo-jira';
import { seedDemoDocuments } from '../../preview/seed';
import { coldCacheStore, isCacheAddress } from '../builders/coldCacheStore';
import type { ColdCacheStore } from '../builders/coldCacheStore';
import { leaksIn } from '../builders/leakScan';
import type { Secrets } from '../builders/leakScan';
import { dataOf, issueKeysIn, startTestBackend, syncToCompletion } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';
import { EPIC_COLUMNS, HIDDEN_MARKER, MATRIX_OBJECTIVES, MATRIX_PERIODS, MATRIX_USERS, PERMISSIONS_MATRIX, PROJECT_OF, SESSION_STREAMS } from './permissionsMatrix.table';
import type { EpicColumn, MatrixEpic, MatrixRow, Outcome } from './permissionsMatrix.table';

/** A key in the hidden project that no issue has: its refusals are the ones the hidden epic's must equal. */
const MISSING_KEY = 'DAT-99999';
/** Fewer than the usual 150 demo epics: a cold call rebuilds the whole cache, and the matrix makes a hundred of them. */
const MATRIX_EPICS = 60;

/**
 * Cells asserting the right behaviour that fails today because of a defect in
 * src/services/portfolio/* (rewritten elsewhere just now): `${key} ${user} ${column}` → why.
 */
const KNOWN_DEFECTS: Readonly<Record<string, string>> = {};

interface MatrixBackend {
  readonly backend: TestBackend;
  readonly store: ColdCacheStore;
  readonly epics: Readonly<Record<EpicColumn, MatrixEpic>>;
  /** What the member must never be shown. */
  readonly memberSecrets: Secrets;
}

const MATRIX_KEYS = Object.keys(PERMISSIONS_MATRIX).sort();

/** Before the commitment point: a move between Analyzing and Reviewing meets no approval gate. */
const BEFORE_COMMITMENT: readonly string[] = [STATUS_IDS.funnel, STATUS_IDS.reviewing, STATUS_IDS.analyzing, STATUS_IDS.portfolioBacklog];

function pickEpic(backend: TestBackend, column: EpicColumn): MatrixEpic {
  const project = backend.demo.data.projects.find((candidate) => candidate.key === PROJECT_OF[column]);
  const issue = backend.demo.data.issues.find(
    (candidate) => candidate.issueTypeId === ISSUE_TYPE_IDS.epic && candidate.projectId === project?.id && BEFORE_COMMITMENT.includes(candidate.statusId),
  );
  if (!issue) throw new Error(`the demo portfolio has no ${PROJECT_OF[column]} epic before the commitment point`);
  return { column, key: issue.key, id: issue.id };
}

function secretsOfProject(backend: TestBackend, projectKey: string): Secrets {
  const projectId = backend.demo.data.projects.find((project) => project.key === projectKey)?.id;
  const hidden = backend.demo.data.issues.filter((issue) => issue.projectId === projectId);
  const visibleSummaries = backend.demo.data.issues.filter((issue) => issue.projectId !== projectId).map((issue) => issue.summary);
  // A hidden summary that is also (part of) a visible one tells nothing.
  const summaries = hidden.map((issue) => issue.summary).filter((summary) => !visibleSummaries.some((visible) => visible.includes(summary)));
  // Issue ids start at 10000 like the catalogue's ids (statuses, projects, issue types): an id equal to one of those proves nothing.
  const { data } = backend.demo;
  const catalogue = new Set([...data.statuses, ...data.projects, ...data.issueTypes].map((entry) => entry.id));
  const ids = hidden.map((issue) => issue.id).filter((id) => !catalogue.has(id));
  return { keys: new Set(hidden.map((issue) => issue.key)), ids: new Set(ids), texts: [...new Set(summaries), HIDDEN_MARKER] };
}

/** What the RTE sets up so the hidden epic has a score, a case, a decision, OKR links and a session seat. */
async function setUpAsRte(backend: TestBackend, epics: Readonly<Record<EpicColumn, MatrixEpic>>): Promise<void> {
  const keys = EPIC_COLUMNS.map((column) => epics[column].key);
  const call = async <K extends ResolverKey>(key: K, payload: Parameters<TestBackend['call']>[2] & object) =>
    dataOf(await backend.callRaw('rte', key, payload));
  await call('okrs/save', { period: MATRIX_PERIODS.okrs, objectives: MATRIX_OBJECTIVES, version: null });
  await call('okrs/link', { period: MATRIX_PERIODS.okrs, objectiveId: 'matrix', keyResultId: 'k-read', issueKeys: keys, linked: true });
  for (const period of [MATRIX_PERIODS.session, MATRIX_PERIODS.adopted]) {
    await call('participatory/open', { period, total: 1_000, valueStreamIds: [...SESSION_STREAMS], epicKeys: keys, participants: null, version: null });
  }
  for (const issueKey of keys) {
    const components = { userBusinessValue: 5, timeCriticality: 3, riskReductionOpportunityEnablement: 2, jobSize: 3 };
    const wsjf = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
    await call('epic/wsjf/save', { issueKey, components, version: wsjf.version });
  }
  const hidden = epics.hidden.key;
  const current = dataOf(await backend.call('rte', 'epic/case/get', { issueKey: hidden }));
  const saved = dataOf(
    await backend.call('rte', 'epic/case/save', {
      issueKey: hidden,
      case: { ...current.case, hypothesis: { ...current.case.hypothesis, forCustomers: HIDDEN_MARKER }, forecastCost: 80_000 },
      version: current.version,
    }),
  );
  await call('epic/case/decide', { issueKey: hidden, decision: 'go', note: HIDDEN_MARKER, version: saved.version });
  await call('themes/assign', { themeId: 'platform', issueKeys: [hidden] });
}

async function startMatrixBackend(warmByRte: boolean): Promise<MatrixBackend> {
  const store = coldCacheStore();
  const backend = await startTestBackend({ store, epics: MATRIX_EPICS });
  try {
    await seedDemoDocuments({ store: backend.store, data: backend.demo.data });
    const epics = { hidden: pickEpic(backend, 'hidden'), browseOnly: pickEpic(backend, 'browseOnly'), editable: pickEpic(backend, 'editable') };
    await setUpAsRte(backend, epics);
    if (warmByRte) {
      for (const key of RESOLVER_KEYS) {
        const row = PERMISSIONS_MATRIX[key] as MatrixRow<ResolverKey>;
        if (row.kind === 'read') await backend.callRaw('rte', key, await row.payload({ backend, user: 'rte', epic: epics.hidden }));
      }
    }
    return { backend, store, epics, memberSecrets: secretsOfProject(backend, PROJECT_OF.hidden) };
  } catch (error) {
    // A failed set-up must not leave the demo Jira listening (jest would never exit).
    await backend.close();
    throw error;
  }
}

// ---- One cell ----------------------------------------------------------------------------------

function outcomeOf(row: MatrixRow<ResolverKey>, result: Result<unknown>): Outcome | string {
  if (result.ok) return row.outcomeOf ? row.outcomeOf(result.data as never) : 'allowed';
  return result.error.code === 'invalid_input' ? 'invalid' : result.error.code;
}

/** Whatever a call changed in the demo Jira: statuses, labels, properties, histories. */
function jiraFingerprint(backend: TestBackend): string {
  return JSON.stringify(backend.demo.data.issues.map((issue) => [issue.statusId, issue.labels, issue.properties, issue.histories.length]));
}

/** The store writes since `mark`, the epic cache's left out (a read may fill it). */
const documentWritesSince = (backend: TestBackend, mark: number) => backend.store.writes.slice(mark).filter((write) => !isCacheAddress(write));

const withKey = (value: unknown, from: string, to: string) => JSON.parse(JSON.stringify(value).split(from).join(to)) as unknown;

/** One call and what it changed. */
interface CallRecord {
  readonly payload: unknown;
  readonly result: Result<unknown>;
  readonly documentWrites: readonly string[];
  readonly jiraChanged: boolean;
}

/** Forgets the cache and lets the background sync fill it again, as the app. */
async function refill(matrix: MatrixBackend): Promise<void> {
  matrix.store.forget();
  await syncToCompletion(matrix.backend.runtime);
}

async function callAndRecord(matrix: MatrixBackend, cold: boolean, key: ResolverKey, user: TestUser, epic: MatrixEpic): Promise<CallRecord> {
  const { backend } = matrix;
  const payload = await (PERMISSIONS_MATRIX[key] as MatrixRow<ResolverKey>).payload({ backend, user, epic });
  // Cold means the member's call finds a cache the app just filled from nothing (the RTE's need not: it may see everything anyway).
  if (cold && user === 'member') await refill(matrix);
  const writeMark = backend.store.writes.length;
  const jiraBefore = jiraFingerprint(backend);
  const result = await backend.callRaw(user, key, payload);
  return { payload, result, documentWrites: documentWritesSince(backend, writeMark), jiraChanged: jiraFingerprint(backend) !== jiraBefore };
}

/**
 * A row that names no epic is the same call in its three columns: it is made once per user and
 * cache state, and each column judges that answer for its own epic.
 */
function recordOf(matrix: MatrixBackend, shared: Map<string, Promise<CallRecord>>, cold: boolean, key: ResolverKey, user: TestUser, column: EpicColumn) {
  const epic = matrix.epics[column];
  if (PERMISSIONS_MATRIX[key].namesEpic) return callAndRecord(matrix, cold, key, user, epic);
  const id = `${key} ${user}`;
  if (!shared.has(id)) shared.set(id, callAndRecord(matrix, cold, key, user, epic));
  return shared.get(id)!;
}

async function runCell(matrix: MatrixBackend, record: CallRecord, key: ResolverKey, user: TestUser, column: EpicColumn, expected: Outcome): Promise<void> {
  const { backend, epics } = matrix;
  const row = PERMISSIONS_MATRIX[key] as MatrixRow<ResolverKey>;
  const epic = epics[column];
  const { payload, result, documentWrites, jiraChanged } = record;

  const answer = result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`;
  expect({ outcome: outcomeOf(row, result), answer }).toEqual({ outcome: expected, answer: expect.any(String) });

  // Nothing of an epic the caller may not browse, anywhere in the answer (a key they sent themselves is no news).
  if (user === 'member') expect(leaksIn(result, matrix.memberSecrets, new Set(issueKeysIn(payload)))).toEqual([]);
  if (row.listsEpics && expected === 'allowed' && !(user === 'member' && column === 'hidden')) expect(issueKeysIn(result)).toContain(epic.key);

  if (row.kind === 'write' && expected === 'allowed') {
    if (row.changes?.includes('store')) expect(documentWrites).not.toEqual([]);
    if (row.changes?.includes('jira')) expect(jiraChanged).toBe(true);
  } else {
    // A read or a refused write changes nothing (the epic cache aside).
    expect({ documentWrites, jiraChanged }).toEqual({ documentWrites: [], jiraChanged: false });
  }

  // A refusal (or a read) about the hidden epic must not tell it exists: the same answer as for a key nobody has.
  if (user === 'member' && column === 'hidden' && row.namesEpic && (expected !== 'allowed' || row.kind === 'read')) {
    const twin = await row.payload({ backend, user, epic: { column, key: MISSING_KEY, id: '99999' } });
    const missing = await backend.callRaw(user, key, twin);
    expect(withKey(result, epic.key, MISSING_KEY)).toEqual(missing);
  }
}

// ---- The matrix --------------------------------------------------------------------------------

describe('the permissions matrix', () => {
  it('should have exactly one row per resolver key of the contract and of the routes', () => {
    expect(MATRIX_KEYS).toEqual([...RESOLVER_KEYS].sort());
    expect(MATRIX_KEYS).toEqual(Object.keys(routes).sort());
  });

  it('should state an outcome for every cell', () => {
    const cells = MATRIX_KEYS.length * MATRIX_USERS.length * EPIC_COLUMNS.length;
    expect(cells).toBe(RESOLVER_KEYS.length * 6);
  });
});

describe.each([
  ['cold (the app sync fills it from nothing before each member call)', false],
  ['warmed by the RTE', true],
])('with the epic cache %s', (_state, warmByRte) => {
  let matrix: MatrixBackend;
  const shared = new Map<string, Promise<CallRecord>>();
  beforeAll(async () => {
    matrix = await startMatrixBackend(warmByRte);
  }, 60_000);
  afterAll(() => matrix?.backend.close());

  if (!warmByRte) {
    it('should fill the cache as the app, through the background sync, when a call follows forget()', async () => {
      matrix.store.forget();
      const mark = matrix.backend.mark();
      expect(dataOf(await matrix.backend.call('member', 'portfolio/board')).cards).toEqual([]);
      await matrix.backend.runtime.queue.idle();
      expect(matrix.backend.callsSince(mark).some((call) => call.user === 'app' && call.path.endsWith('/search/jql'))).toBe(true);
      expect(dataOf(await matrix.backend.call('member', 'portfolio/board')).cards.length).toBeGreaterThan(0);
    });
  }

  /** The same read as the RTE and as the member (the member's from a cold cache in the cold state). */
  async function asBoth<K extends ResolverKey>(key: K, payload: ResolverInput<K>): Promise<{ rte: ResolverOutput<K>; member: ResolverOutput<K> }> {
    const rte = dataOf(await matrix.backend.call('rte', key, payload));
    if (!warmByRte) await refill(matrix);
    return { rte, member: dataOf(await matrix.backend.call('member', key, payload)) };
  }
  const isHidden = (key: string) => key.startsWith(`${PROJECT_OF.hidden}-`);

  describe('aggregates shown to the member', () => {
    it('should count per board column only the epics the member can browse', async () => {
      const { rte, member } = await asBoth('portfolio/board', {});
      const hiddenIn = (state: string) => rte.cards.filter((card) => card.state === state && isHidden(card.key)).length;
      expect(rte.cards.some((card) => isHidden(card.key))).toBe(true);
      expect(member.columns.map((column) => [column.state, column.count])).toEqual(rte.columns.map((column) => [column.state, column.count - hiddenIn(column.state)]));
      expect(member.totals.rankedCount).toBe(rte.totals.rankedCount - rte.cards.filter((card) => isHidden(card.key) && card.wsjfScore !== null).length);
    });

    it('should rank the member among the epics they can browse only', async () => {
      const { rte, member } = await asBoth('portfolio/wsjf', {});
      expect(member.epics.map((epic) => epic.key)).toEqual(rte.epics.map((epic) => epic.key).filter((key) => !isHidden(key)));
      const ranks = member.epics.map((epic) => epic.rank).filter((rank) => rank !== null);
      expect(ranks).toEqual(ranks.map((_rank, index) => index + 1));
    });

    it('should leave the hidden epics out of every flow count', async () => {
      const { rte, member } = await asBoth('flow/metrics', {});
      // Per-epic rows are not in the answer: the hidden epics' points and aging items are the RTE's lists'.
      const wide = await asBoth('flow/metrics', { filters: { from: addDays(rte.charts.asOf, 1 - MAX_RANGE_DAYS) } });
      const hiddenDone = wide.rte.charts.flowTime.points.filter((point) => isHidden(point.key)).length;
      const hiddenAging = rte.charts.aging.filter((item) => isHidden(item.key)).length;
      const sum = (series: readonly { count: number }[]) => series.reduce((total, row) => total + row.count, 0);
      expect(member.charts.epicCount).toBeLessThan(rte.charts.epicCount);
      expect(wide.rte.charts.flowTime.points.length).toBe(rte.report.flowTime.count);
      expect(member.report.flowTime.count).toBe(rte.report.flowTime.count - hiddenDone);
      expect(member.report.load.inProgress).toBe(rte.report.load.inProgress - hiddenAging);
      expect(sum(member.velocity.series)).toBe(sum(rte.velocity.series) - hiddenDone);
    });

    it('should sum the strategy and budget figures over the epics the member can browse', async () => {
      const { rte, member } = await asBoth('strategy/overview', { period: MATRIX_PERIODS.budget });
      const hidden = rte.epics.filter((epic) => isHidden(epic.key));
      expect(member.epics.length).toBe(rte.epics.length - hidden.length);
      const hiddenStream = hidden[0]!.valueStreamId;
      for (const line of member.budget.lines) {
        const rteLine = rte.budget.lines.find((candidate) => candidate.valueStreamId === line.valueStreamId)!;
        // The budget and the spend are the stream's (entered by managers); the forecast is over epics.
        expect([line.valueStreamId, line.budget, line.actualSpend]).toEqual([rteLine.valueStreamId, rteLine.budget, rteLine.actualSpend]);
        if (line.valueStreamId === hiddenStream) expect(line.forecast).toBe(0);
        else expect(line.forecast).toBe(rteLine.forecast);
      }
      const openCost = (overview: typeof rte) => overview.budget.allocation.reduce((total, row) => total + row.cost, 0);
      expect(openCost(member)).toBeLessThan(openCost(rte));
      const counted = (overview: typeof rte) => overview.themes.shares.reduce((total, row) => total + Object.values(row.byState).reduce((a, b) => a + b, 0), 0);
      expect(counted(member)).toBe(counted(rte) - hidden.length);
    });

    it('should count only the member epics in the configuration check and the status mapping', async () => {
      const check = await asBoth('admin/check', {});
      const board = await asBoth('portfolio/board', {});
      const hiddenOnBoard = [...board.rte.cards.map((card) => card.key), ...board.rte.unmappedEpicKeys].filter(isHidden).length;
      expect(check.member.epicCount).toBe(check.rte.epicCount - hiddenOnBoard);
      const mapping = await asBoth('admin/mapping', {});
      const now = (answer: typeof mapping.rte) => answer.statuses.reduce((total, status) => total + status.epicsNow, 0);
      expect(now(mapping.member)).toBe(now(mapping.rte) - hiddenOnBoard);
    });

    it('should show the member a review standing built from their own epics', async () => {
      const review = await asBoth('review/get', {});
      const board = await asBoth('portfolio/board', {});
      expect(review.member.standing.flow.load.map((row) => row.count)).toEqual(board.member.columns.map((column) => column.count));
      expect(review.member.standing.guardrails.filter((item) => item.epicKey !== null && isHidden(item.epicKey))).toEqual([]);
    });

    it('should rank the member epic among the epics the member can browse', async () => {
      const issueKey = matrix.epics.editable.key;
      const { rte, member } = await asBoth('epic/wsjf/get', { issueKey });
      const board = dataOf(await matrix.backend.call('rte', 'portfolio/board', {}));
      const hiddenScored = board.cards.filter((card) => isHidden(card.key) && card.wsjfScore !== null).length;
      expect(member.rankedCount).toBe(rte.rankedCount - hiddenScored);
      const overview = await asBoth('epic/panel', { issueKey });
      if (overview.rte.kind !== 'epic' || overview.member.kind !== 'epic') throw new Error('not an epic overview');
      expect(overview.member.others.length).toBe(overview.rte.others.length - overview.rte.others.filter((other) => isHidden(other.key)).length);
    });
  });

  for (const key of RESOLVER_KEYS) {
    describe(key, () => {
      for (const user of MATRIX_USERS) {
        for (const column of EPIC_COLUMNS) {
          const expected = PERMISSIONS_MATRIX[key].expect[user][column];
          const defect = KNOWN_DEFECTS[`${key} ${user} ${column}`];
          const name = `should answer ${expected} to the ${user} when the call concerns the ${column} epic (${PROJECT_OF[column]})`;
          (defect === undefined ? it : it.failing)(name, async () => {
            const record = await recordOf(matrix, shared, !warmByRte, key, user, column);
            await runCell(matrix, record, key, user, column, expected);
          });
        }
      }
    });
  }

  // The RTE-warmed backend goes on to the member's reads in two more states, then makes the member a manager.
  if (!warmByRte) return;
  const readKeys = RESOLVER_KEYS.filter((key) => PERMISSIONS_MATRIX[key].kind === 'read' && PERMISSIONS_MATRIX[key].expect.member.editable === 'allowed');

  describe.each([
    ['with a stale cache (each call refreshes it incrementally as the app)', false],
    ['with totals including the epics the member cannot see (settings.portfolioTotalsIncludeHidden)', true],
  ])('the member reads %s', (_state, includeHidden) => {
    beforeAll(async () => {
      if (!includeHidden) return;
      const { settings, version } = dataOf(await matrix.backend.call('rte', 'settings/get'));
      dataOf(await matrix.backend.call('rte', 'settings/save', { settings: { ...settings, portfolioTotalsIncludeHidden: true }, version }));
    });

    it.each(readKeys)('should show the member nothing of the hidden epics when the member calls %s', async (key) => {
      if (!includeHidden) matrix.backend.clock.advance(DEFAULT_CACHE_FRESH_MS);
      const mark = matrix.backend.mark();
      const record = await callAndRecord(matrix, false, key, 'member', matrix.epics.editable);
      await runCell(matrix, record, key, 'member', 'editable', 'allowed');
      // The board did go through the app's incremental refresh (not a cache that was still fresh).
      if (!includeHidden && key === 'portfolio/board') expect(matrix.backend.callsSince(mark).some((call) => call.user === 'app')).toBe(true);
    });
  });

  describe('the member made a portfolio manager (their group named the managers group)', () => {
    beforeAll(async () => {
      const { settings, version } = dataOf(await matrix.backend.call('rte', 'settings/get'));
      const managers = { ...settings, portfolioManagersGroup: 'jira-software-users', portfolioManagersGroupId: null, portfolioTotalsIncludeHidden: false };
      dataOf(await matrix.backend.call('rte', 'settings/save', { settings: managers, version }));
    });

    for (const key of RESOLVER_KEYS) {
      const asManager = PERMISSIONS_MATRIX[key].memberAsManager;
      if (asManager === undefined) continue;
      for (const column of EPIC_COLUMNS) {
        it(`should answer ${asManager[column]} to the member as manager when ${key} concerns the ${column} epic (${PROJECT_OF[column]})`, async () => {
          const record = await callAndRecord(matrix, false, key, 'member', matrix.epics[column]);
          await runCell(matrix, record, key, 'member', column, asManager[column]);
        });
      }
    }
  });
});
