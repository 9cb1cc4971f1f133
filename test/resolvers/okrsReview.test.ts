/**
 * OKRs and the portfolio review through the resolver handler on the demo Jira: who may edit, link
 * and check in; stale check-ins; and that the team member (who cannot browse DAT) never sees a DAT
 * epic in a key result's links, the epic panel or the review's lines.
 */
import type { ResolverInput } from '../../src/contract/resolvers';
import { demoUser } from '../../preview/demo-jira';
import { TEST_NOW, dataOf, demoEpicKeys, issueKeysIn, startTestBackend } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';

const PERIOD = '2026-Q4';
const MEMBER = demoUser('member');

const OBJECTIVES: ResolverInput<'okrs/save'>['objectives'] = [
  {
    id: 'faster-payouts',
    title: 'Faster payouts',
    themeId: 'growth',
    keyResults: [
      { id: 'payout-hours', title: 'Payout time', metric: 'Median payout time', baseline: 48, target: 4, current: 48, unit: 'h', owner: { accountId: MEMBER.accountId, displayName: MEMBER.displayName }, confidence: 5 },
      { id: 'markets', title: 'Markets live', baseline: 0, target: 10, current: 2, unit: '' },
    ],
  },
];

/** Moves an epic to a status through the demo Jira's REST API, as a person would in Jira. */
async function transition(backend: TestBackend, user: TestUser, issueKey: string, statusName: string): Promise<void> {
  const { email, apiToken } = demoUser(user);
  const headers = { authorization: `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`, 'content-type': 'application/json' };
  const url = `${backend.demo.url}/rest/api/3/issue/${issueKey}/transitions`;
  const listed = (await (await fetch(url, { headers })).json()) as { transitions: { id: string; name: string }[] };
  const id = listed.transitions.find((candidate) => candidate.name === statusName)?.id;
  if (id === undefined) throw new Error(`${issueKey} has no transition to ${statusName}`);
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ transition: { id } }) });
  if (response.status !== 204) throw new Error(`transition of ${issueKey} answered ${response.status}`);
}

let backend: TestBackend;
let payEpic: string;
let datEpic: string;
let pltEpic: string;

beforeAll(async () => {
  backend = await startTestBackend();
  [payEpic, datEpic, pltEpic] = [demoEpicKeys(backend, 'PAY')[3]!, demoEpicKeys(backend, 'DAT')[3]!, demoEpicKeys(backend, 'PLT')[3]!];
  dataOf(await backend.call('rte', 'okrs/save', { period: PERIOD, objectives: OBJECTIVES, version: null }));
});
afterAll(() => backend.close());

describe('editing objectives', () => {
  it('should refuse the member with forbidden and store nothing when they save objectives', async () => {
    const before = dataOf(await backend.call('rte', 'okrs/list', { period: PERIOD }));
    const writes = backend.store.writes.length;
    const result = await backend.call('member', 'okrs/save', { period: PERIOD, objectives: [], version: before.version });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(backend.store.writes.length).toBe(writes);
    expect(dataOf(await backend.call('rte', 'okrs/list', { period: PERIOD })).objectives).toEqual(before.objectives);
  });
});

describe('links', () => {
  it('should show a DAT epic linked by the RTE to the RTE only, and count it only for the RTE', async () => {
    dataOf(await backend.call('rte', 'okrs/link', { period: PERIOD, keyResultId: 'payout-hours', issueKeys: [payEpic, datEpic], linked: true }));
    const rte = dataOf(await backend.call('rte', 'okrs/list', { period: PERIOD }));
    const member = dataOf(await backend.call('member', 'okrs/list', { period: PERIOD }));
    expect(rte.objectives[0]!.keyResults[0]!.epics.map((epic) => epic.key)).toEqual([payEpic, datEpic]);
    expect(member.objectives[0]!.keyResults[0]!.epics.map((epic) => epic.key)).toEqual([payEpic]);
    expect(issueKeysIn(member).filter((key) => key.startsWith('DAT-'))).toEqual([]);
  });

  it.each([
    ['ok', () => payEpic],
    ['forbidden', () => pltEpic],
    ['not_found', () => datEpic],
  ] as const)('should answer %s when the member links an epic they may edit / may not edit / cannot see', async (outcome, epic) => {
    const writes = backend.store.writes.length;
    const result = await backend.call('member', 'okrs/link', { period: PERIOD, keyResultId: 'markets', issueKeys: [epic()], linked: true });
    if (outcome === 'ok') expect(result.ok).toBe(true);
    else {
      expect(result).toMatchObject({ ok: false, error: { code: outcome } });
      expect(backend.store.writes.slice(writes).filter((write) => write.includes('okr-links'))).toEqual([]);
    }
  });

  it("should list the epic's key results in the panel, and not find a DAT epic for the member", async () => {
    const answer = dataOf(await backend.call('member', 'epic/panel', { issueKey: payEpic }));
    if (answer.kind !== 'epic') throw new Error(answer.kind);
    const panel = answer.keyResults;
    expect(panel.period).toBe(PERIOD);
    expect(panel.keyResults.filter((keyResult) => keyResult.linked).map((keyResult) => keyResult.keyResultId)).toEqual(['payout-hours', 'markets']);
    expect(panel.canLink).toBe(true);
    expect(await backend.call('member', 'epic/panel', { issueKey: datEpic })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('check-ins', () => {
  it('should stamp who and when, move the current value, and refuse a stale check-in with conflict', async () => {
    const first = dataOf(
      await backend.call('member', 'okrs/checkin', { period: PERIOD, objectiveId: 'faster-payouts', keyResultId: 'payout-hours', value: 26, confidence: 7, note: 'New batch job live', version: null }),
    );
    const keyResult = first.objectives[0]!.keyResults[0]!;
    expect(keyResult.checkIns).toEqual([{ at: TEST_NOW, by: { accountId: MEMBER.accountId, displayName: MEMBER.displayName }, value: 26, confidence: 7, note: 'New batch job live' }]);
    // (26 − 48) ÷ (4 − 48) = 0.5
    expect([keyResult.current, keyResult.confidence, keyResult.progress, keyResult.checkInVersion]).toEqual([26, 7, 0.5, 1]);

    const stale = await backend.call('rte', 'okrs/checkin', { period: PERIOD, objectiveId: 'faster-payouts', keyResultId: 'payout-hours', value: 10, confidence: 8, note: '', version: null });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Someone else checked in on "Payout time"') } });
    expect(dataOf(await backend.call('rte', 'okrs/list', { period: PERIOD })).objectives[0]!.keyResults[0]!.checkIns).toHaveLength(1);
  });

  it('should refuse the member on a key result they do not own, and a confidence off the scale', async () => {
    expect(
      await backend.call('member', 'okrs/checkin', { period: PERIOD, objectiveId: 'faster-payouts', keyResultId: 'markets', value: 3, confidence: 5, note: '', version: null }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await backend.call('member', 'okrs/checkin', { period: PERIOD, objectiveId: 'faster-payouts', keyResultId: 'payout-hours', value: 3, confidence: 'high', note: '', version: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('0 to 10') } });
  });
});

describe('review/get', () => {
  it('should list a transition made in Jira, and give the member no line about a DAT epic', async () => {
    backend.clock.advance(60_000);
    await transition(backend, 'rte', datEpic, 'On Hold');
    await transition(backend, 'rte', payEpic, 'On Hold');
    const rte = dataOf(await backend.call('rte', 'review/get', { since: '2026-11-01' }));
    const member = dataOf(await backend.call('member', 'review/get', { since: '2026-11-01' }));
    expect(rte.changes.filter((line) => line.epicKey === payEpic && line.category === 'dropped')).toHaveLength(1);
    expect(rte.changes.some((line) => line.epicKey === datEpic)).toBe(true);
    expect(member.changes.filter((line) => line.epicKey === payEpic && line.category === 'dropped')).toHaveLength(1);
    expect(issueKeysIn(member).filter((key) => key.startsWith('DAT-'))).toEqual([]);
    // The check-in above is in both.
    expect(member.changes.filter((line) => line.category === 'okr-checkin').map((line) => line.summary)).toEqual([
      'Check-in on "Payout time": 48 → 26 h, confidence 7/10 — New batch job live',
    ]);
    expect(member.standing.okrs.objectives).toEqual([
      { id: 'faster-payouts', title: 'Faster payouts', progress: expect.any(Number), keyResults: 2, confidence: { low: 0, medium: 0, high: 1, none: 1 }, noWorkInFlight: expect.any(Boolean) },
    ]);
  });

  it('should default to the remembered review date once a manager marks one, and refuse the member marking', async () => {
    expect(dataOf(await backend.call('rte', 'review/get', {})).since).toBe('2026-10-17');
    expect(await backend.call('member', 'review/mark', { date: '2026-11-10', version: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dataOf(await backend.call('rte', 'review/mark', { date: '2026-11-10', version: null }))).toEqual({ lastReviewDate: '2026-11-10', version: 1 });
    expect(dataOf(await backend.call('member', 'review/get', {}))).toMatchObject({ since: '2026-11-10', lastReviewDate: '2026-11-10', canMark: false });
    expect(await backend.call('rte', 'review/mark', { date: '2026-11-12', version: null })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it.each([
    ['after today', '2026-11-17'],
    ['more than 400 days back', '2025-10-01'],
  ])('should refuse a since date %s with invalid_input', async (_case, since) => {
    expect(await backend.call('rte', 'review/get', { since })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('since') } });
  });
});
