/**
 * The demo's OKR seeding as a new user meets it: both quarters, the two call-outs, check-in trails,
 * links the member sees only outside DAT, and a review with changes of every main kind.
 */
import { seedOkrs } from '../../preview/seed/okrs';
import { dataOf, issueKeysIn, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
  await seedOkrs({ store: backend.store, data: backend.demo.data });
});
afterAll(() => backend.close());

it('should seed the current and previous quarter with objectives under the demo themes', async () => {
  const current = dataOf(await backend.call('rte', 'okrs/list', {}));
  const previous = dataOf(await backend.call('rte', 'okrs/list', { period: '2026-Q3' }));
  expect(current.period).toBe('2026-Q4');
  expect(current.objectives.map((objective) => objective.themeName)).toEqual(['Growth', 'Platform', 'Compliance']);
  expect(previous.objectives.length).toBe(2);
  expect(current.objectives.every((objective) => objective.keyResults.every((keyResult) => keyResult.checkIns.length > 0 && keyResult.epics.length > 0))).toBe(true);
});

it('should show both call-outs and the member no DAT epic', async () => {
  const rte = dataOf(await backend.call('rte', 'okrs/list', {}));
  const member = dataOf(await backend.call('member', 'okrs/list', {}));
  expect(rte.objectives.map((objective) => objective.noWorkInFlight)).toEqual([false, true, false]);
  expect(rte.objectives[1]!.keyResults[0]!.outputsDeliveredOutcomeNotReached).toBe(true);
  expect(issueKeysIn(rte).some((key) => key.startsWith('DAT-'))).toBe(true);
  expect(issueKeysIn(member).filter((key) => key.startsWith('DAT-'))).toEqual([]);
});

it('should give the review check-ins, links, WSJF changes and Jira moves of the last weeks', async () => {
  const review = dataOf(await backend.call('rte', 'review/get', {}));
  const categories = new Set(review.changes.map((line) => line.category));
  for (const category of ['okr-checkin', 'okr-link', 'wsjf', 'state']) expect(categories).toContain(category);
  const member = dataOf(await backend.call('member', 'review/get', {}));
  expect(issueKeysIn(member.changes).filter((key) => key.startsWith('DAT-'))).toEqual([]);
});

it('should write nothing when seeded again', async () => {
  const writes = backend.store.writes.length;
  await seedOkrs({ store: backend.store, data: backend.demo.data });
  expect(backend.store.writes.length).toBe(writes);
});
