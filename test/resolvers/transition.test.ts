/**
 * epic/transition: moving an epic to another portfolio state through a Jira transition, as the
 * caller, against the real demo Jira. Every refusal changes nothing (no transition is posted, the
 * epic keeps its status); a move lands in the demo Jira's changelog and on the next board.
 */
import { STATUS_IDS } from '../../preview/demo-jira';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, demoEpicKeys, issueKeysIn, startTestBackend } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';

const STATE_OF_STATUS: Record<string, string> = {
  [STATUS_IDS.funnel]: 'Funnel',
  [STATUS_IDS.reviewing]: 'Reviewing',
  [STATUS_IDS.analyzing]: 'Analyzing',
  [STATUS_IDS.portfolioBacklog]: 'Portfolio Backlog',
  [STATUS_IDS.implementing]: 'Implementing',
  [STATUS_IDS.done]: 'Done',
};

/** The first epic of a project whose status is `statusId`. */
function epicIn(backend: TestBackend, project: string, statusId: string, index = 0) {
  const keys = new Set(demoEpicKeys(backend, project));
  const epic = backend.demo.data.issues.filter((issue) => keys.has(issue.key) && issue.statusId === statusId)[index];
  if (!epic) throw new Error(`no epic #${index} in ${project} with status ${statusId}`);
  return epic;
}

function issue(backend: TestBackend, key: string) {
  const found = backend.demo.data.issues.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no issue ${key}`);
  return found;
}

/** Runs a call and checks it posted no transition and left the epic's status and history alone. */
async function refused(backend: TestBackend, user: TestUser, payload: { issueKey: string; toState: string; overWipLimit?: boolean }) {
  const before = { status: issue(backend, payload.issueKey).statusId, histories: issue(backend, payload.issueKey).histories.length };
  const mark = backend.mark();
  const result = await backend.callRaw(user, 'epic/transition', payload);
  expect(backend.callsSince(mark).filter((call) => call.method === 'POST' && call.path.endsWith('/transitions'))).toEqual([]);
  expect(issue(backend, payload.issueKey).statusId).toBe(before.status);
  expect(issue(backend, payload.issueKey).histories.length).toBe(before.histories);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.error;
}

async function saveSettings(backend: TestBackend, patch: Partial<ReturnType<typeof defaultSettings>>) {
  const current = dataOf(await backend.call('rte', 'settings/get'));
  dataOf(await backend.call('rte', 'settings/save', { settings: { ...current.settings, ...patch }, version: current.version }));
}

describe('a move that lands', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.close());

  it('should transition the epic in Jira, record it in the changelog and answer the moved card when the member moves a PAY epic', async () => {
    const epic = epicIn(backend, 'PAY', STATUS_IDS.analyzing);
    dataOf(await backend.call('member', 'portfolio/board'));
    backend.clock.advance(5_000);

    const card = dataOf(await backend.call('member', 'epic/transition', { issueKey: epic.key, toState: 'Portfolio Backlog' }));

    expect(card).toMatchObject({ key: epic.key, state: 'Portfolio Backlog', daysInState: 0 });
    expect(epic.statusId).toBe(STATUS_IDS.portfolioBacklog);
    const last = epic.histories.at(-1);
    expect(last).toMatchObject({ authorAccountId: '712020:member', created: backend.clock.now() });
    expect(last?.items).toEqual([expect.objectContaining({ field: 'status', from: STATUS_IDS.analyzing, to: STATUS_IDS.portfolioBacklog })]);
    // The changelog the flow metrics read has it too.
    const changelog = await backend.runtime.jira({ accountId: '712020:rte' }).app.fetchChangelogs([epic.id], ['status']);
    expect(changelog.get(epic.id)?.at(-1)?.items[0]).toMatchObject({ from: STATUS_IDS.analyzing, to: STATUS_IDS.portfolioBacklog });
  });

  it('should show the moved epic in its new column on the next board load when the cache was warm', async () => {
    const epic = epicIn(backend, 'MOB', STATUS_IDS.analyzing);
    dataOf(await backend.call('rte', 'portfolio/board'));
    const entered = async () => {
      const metrics = dataOf(await backend.call('rte', 'flow/metrics', { filters: { from: '2026-11-16', to: '2026-11-16' } }));
      return metrics.charts.cfd[0]?.counts['Portfolio Backlog'] ?? 0;
    };
    const before = await entered();
    dataOf(await backend.call('rte', 'epic/transition', { issueKey: epic.key, toState: 'Portfolio Backlog' }));

    const board = dataOf(await backend.call('rte', 'portfolio/board'));
    expect(board.cards.find((card) => card.key === epic.key)?.state).toBe('Portfolio Backlog');
    // The CFD counts the epic as having entered Portfolio Backlog on the day of the move.
    expect(await entered()).toBe(before + 1);
  });

  it('should answer the card unchanged and transition nothing when the epic already is in that state', async () => {
    const epic = epicIn(backend, 'PAY', STATUS_IDS.funnel);
    const mark = backend.mark();
    const card = dataOf(await backend.call('rte', 'epic/transition', { issueKey: epic.key, toState: 'Funnel' }));
    expect(card.state).toBe('Funnel');
    expect(backend.callsSince(mark).filter((call) => call.method === 'POST' && call.path.endsWith('/transitions'))).toEqual([]);
  });
});

describe('refusals', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.close());

  it('should answer not_found, as for a key that does not exist, when the member names a DAT epic', async () => {
    const epic = epicIn(backend, 'DAT', STATUS_IDS.analyzing);
    const error = await refused(backend, 'member', { issueKey: epic.key, toState: 'Portfolio Backlog' });
    expect(error).toEqual({ code: 'not_found', message: `Epic ${epic.key} was not found in the portfolio.` });
    const missing = await backend.callRaw('member', 'epic/transition', { issueKey: 'ZZZ-9999', toState: 'Done' });
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', message: 'Epic ZZZ-9999 was not found in the portfolio.' } });
  });

  it('should answer forbidden when the member may only browse the PLT epic', async () => {
    const epic = epicIn(backend, 'PLT', STATUS_IDS.analyzing);
    const error = await refused(backend, 'member', { issueKey: epic.key, toState: 'Portfolio Backlog' });
    expect(error).toEqual({ code: 'forbidden', message: `You need the Transition issues permission on ${epic.key} to move it.` });
  });

  it.each([
    ['a state that does not exist', { toState: 'Shipped' }, 'toState: "Shipped" is not a portfolio state'],
    ['an issue key in lower case', { issueKey: 'pay-1' }, 'issueKey:'],
    ['an unknown field', { force: true }, 'force'],
  ])('should answer invalid_input and change nothing when the payload names %s', async (_case, patch, message) => {
    const epic = epicIn(backend, 'PAY', STATUS_IDS.analyzing);
    const writes = backend.store.writes.length;
    const mark = backend.mark();
    const result = await backend.callRaw('rte', 'epic/transition', { issueKey: epic.key, toState: 'Portfolio Backlog', ...patch });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(message) } });
    expect(backend.callsSince(mark).filter((call) => call.method !== 'GET' && call.path.endsWith('/transitions'))).toEqual([]);
    expect(epic.statusId).toBe(STATUS_IDS.analyzing);
    expect(backend.store.writes.slice(writes).filter((write) => !write.startsWith('setValue epic-cache'))).toEqual([]);
  });

  it("should answer invalid_input naming the state and its statuses when the epic's workflow has no transition into it", async () => {
    // "Ready" is the stories' To Do status: no epic workflow leads there.
    await saveSettings(backend, {
      states: ['Funnel', 'Ready', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'],
      mapping: { ...Object.fromEntries(Object.entries(STATE_OF_STATUS)), [STATUS_IDS.toDo]: 'Ready' },
    });
    const epic = epicIn(backend, 'PAY', STATUS_IDS.funnel);
    const error = await refused(backend, 'rte', { issueKey: epic.key, toState: 'Ready' });
    expect(error).toEqual({
      code: 'invalid_input',
      message: `toState: ${epic.key}'s workflow has no transition into Ready from where it is; the statuses that map to it: To Do.`,
    });
    await saveSettings(backend, { states: defaultSettings().states, mapping: null });
  });
});

describe('the WIP guard', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.close());

  it('should refuse the member a move into a column at its limit counting the DAT epics they cannot see, naming none', async () => {
    const rteBoard = dataOf(await backend.call('rte', 'portfolio/board'));
    const memberBoard = dataOf(await backend.call('member', 'portfolio/board'));
    const wholeCount = rteBoard.columns.find((column) => column.state === 'Analyzing')!.count;
    const memberCount = memberBoard.columns.find((column) => column.state === 'Analyzing')!.count;
    expect(memberCount).toBeLessThan(wholeCount);
    // The member's own epics stay under this limit; only the DAT epics fill the column.
    await saveSettings(backend, { wipLimits: { ...defaultSettings().wipLimits, Analyzing: wholeCount } });
    const epic = epicIn(backend, 'PAY', STATUS_IDS.reviewing);

    const error = await refused(backend, 'member', { issueKey: epic.key, toState: 'Analyzing' });

    expect(error).toEqual({
      code: 'conflict',
      message: `Analyzing is at its WIP limit of ${wholeCount} (${wholeCount} epics in it). Confirm to move ${epic.key} there anyway.`,
    });
    expect(issueKeysIn(error)).toEqual([epic.key]);
  });

  it('should move the epic into the full column when the member confirms with overWipLimit', async () => {
    const epic = epicIn(backend, 'PAY', STATUS_IDS.reviewing);
    const card = dataOf(await backend.call('member', 'epic/transition', { issueKey: epic.key, toState: 'Analyzing', overWipLimit: true }));
    expect(card.state).toBe('Analyzing');
    expect(epic.statusId).toBe(STATUS_IDS.analyzing);
  });

  it('should let a move into a column below its limit through without confirmation', async () => {
    await saveSettings(backend, { wipLimits: { ...defaultSettings().wipLimits, Analyzing: 1000 } });
    const epic = epicIn(backend, 'MOB', STATUS_IDS.reviewing);
    const card = dataOf(await backend.call('member', 'epic/transition', { issueKey: epic.key, toState: 'Analyzing' }));
    expect(card.state).toBe('Analyzing');
  });
});

describe('the approval guardrail', () => {
  let backend: TestBackend;
  let key: string;
  beforeAll(async () => {
    backend = await startTestBackend();
    key = epicIn(backend, 'PAY', STATUS_IDS.portfolioBacklog).key;
    // A portfolio-wide threshold of 50,000 and a business case forecast at 90,000 without a decision.
    const guardrails = dataOf(await backend.call('rte', 'guardrails/get'));
    dataOf(await backend.call('rte', 'guardrails/save', { guardrails: { ...guardrails.guardrails, approvalThreshold: 50_000 }, version: guardrails.version }));
    const current = dataOf(await backend.call('rte', 'epic/case/get', { issueKey: key }));
    dataOf(await backend.call('rte', 'epic/case/save', { issueKey: key, case: { ...current.case, forecastCost: 90_000 }, version: current.version }));
  });
  afterAll(() => backend.close());

  it('should badge the card and refuse a move into the commitment state with the reason when the epic is above the threshold and not approved', async () => {
    const board = dataOf(await backend.call('rte', 'portfolio/board'));
    expect(board.cards.find((card) => card.key === key)?.needsApproval).toBe(true);

    const error = await refused(backend, 'rte', { issueKey: key, toState: 'Implementing' });

    expect(error).toEqual({
      code: 'forbidden',
      message: `${key} cannot move to Implementing: ${key} has a forecast cost of 90000, above the approval threshold of 50000, and no decision yet: a portfolio manager must decide go on its business case before it may be committed.`,
    });
  });

  it('should refuse a move beyond the commitment state too, even confirmed over a WIP limit', async () => {
    const error = await refused(backend, 'rte', { issueKey: key, toState: 'Done', overWipLimit: true });
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain(`${key} cannot move to Done`);
  });

  it('should allow the move once a portfolio manager decided go', async () => {
    const current = dataOf(await backend.call('rte', 'epic/case/get', { issueKey: key }));
    dataOf(await backend.call('rte', 'epic/case/decide', { issueKey: key, decision: 'go', note: 'funded', version: current.version }));
    const card = dataOf(await backend.call('rte', 'epic/transition', { issueKey: key, toState: 'Implementing', overWipLimit: true }));
    expect(card).toMatchObject({ state: 'Implementing', needsApproval: false });
  });
});
