/**
 * portfolio/wsjf with the page's filter: only the epics still to be pulled plus the stages asked
 * for (at 20,000 epics every state was 7 MB, over Forge's 5 MB response limit), ranks unchanged.
 */
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(() => backend.close());

/** The demo's states: committed at Implementing, Done last (checked below, by hand rather than by the domain's function). */
const IN_PROGRESS = new Set(['Implementing']);
const DONE = new Set(['Done']);

describe('the WSJF ranking filtered by stage', () => {
  it('should answer every epic in every state when no filter is given', async () => {
    const all = dataOf(await backend.call('rte', 'portfolio/wsjf', {}));
    expect(all.commitment).toBe('Implementing');
    expect(all.states.at(-1)).toBe('Done');
    expect(all.epics.length).toBe(all.epicCount);
    expect(all.leftOut).toBeUndefined();
    // The demo has epics in each stage, so the filter below has something to leave out.
    expect(all.epics.some((epic) => IN_PROGRESS.has(epic.state ?? ''))).toBe(true);
    expect(all.epics.some((epic) => DONE.has(epic.state ?? ''))).toBe(true);
  });

  it.each([
    { inProgress: false, done: false },
    { inProgress: true, done: false },
    { inProgress: false, done: true },
    { inProgress: true, done: true },
  ])('should leave out exactly the epics of the stages not asked for, with unchanged ranks (%p)', async (include) => {
    const all = dataOf(await backend.call('rte', 'portfolio/wsjf', {}));
    const filtered = dataOf(await backend.call('rte', 'portfolio/wsjf', { include }));
    const wanted = (state: string | null) => (!IN_PROGRESS.has(state ?? '') && !DONE.has(state ?? '')) || (include.inProgress && IN_PROGRESS.has(state ?? '')) || (include.done && DONE.has(state ?? ''));

    expect(filtered.epics.map((epic) => epic.key)).toEqual(all.epics.filter((epic) => wanted(epic.state)).map((epic) => epic.key));
    const rankOf = new Map(all.epics.map((epic) => [epic.key, epic.rank]));
    for (const epic of filtered.epics) expect(epic.rank).toBe(rankOf.get(epic.key));
    expect(filtered.epicCount).toBe(all.epics.length);
    // The scored epics left out come as bare components, so the page's live ranks stay over the whole set.
    const leftOut = all.epics.filter((epic) => !wanted(epic.state) && epic.wsjfScore !== null);
    expect(filtered.leftOut).toEqual(
      leftOut.map((epic) => [epic.key, epic.userBusinessValue, epic.timeCriticality, epic.riskReductionOpportunityEnablement, epic.jobSize]),
    );
  });

  it('should answer the epics named in keep whatever their state, as the page asks for its unsaved drafts', async () => {
    const all = dataOf(await backend.call('rte', 'portfolio/wsjf', {}));
    const done = all.epics.find((epic) => DONE.has(epic.state ?? ''))!;
    const filtered = dataOf(await backend.call('rte', 'portfolio/wsjf', { include: { inProgress: false, done: false }, keep: [done.key] }));
    expect(filtered.epics.find((epic) => epic.key === done.key)).toMatchObject({ key: done.key, rank: done.rank, state: 'Done' });
    expect(filtered.epics.filter((epic) => DONE.has(epic.state ?? '')).map((epic) => epic.key)).toEqual([done.key]);
    expect((filtered.leftOut ?? []).some(([key]) => key === done.key)).toBe(false);
  });

  it('should refuse a filter that is not the two stages', async () => {
    const answer = await backend.call('rte', 'portfolio/wsjf', { include: { inProgress: true } } as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
