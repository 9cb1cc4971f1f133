/**
 * portfolio/wsjf/saveMany: a scoring session's "Save all". Each entry is authorized and saved on
 * its own, as the user; the answer says per entry saved / conflict / forbidden / not_found, and a
 * refused entry changes nothing while the others are saved.
 */
import { WSJF_PROPERTY_KEY } from '../../src/contract/documents';
import { MAX_WSJF_SAVE_ENTRIES } from '../../src/contract/resolvers';
import type { ResolverInput } from '../../src/contract/resolvers';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

type Entry = ResolverInput<'portfolio/wsjf/saveMany'>['entries'][number];

const components = (userBusinessValue: number, jobSize: number) => ({ userBusinessValue, timeCriticality: 3, riskReductionOpportunityEnablement: 2, jobSize });

// The first call builds the portfolio cache from the demo Jira: slow on a busy machine.
jest.setTimeout(20_000);

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(() => backend.close());

function propertyOf(issueKey: string): unknown {
  return backend.demo.data.issues.find((issue) => issue.key === issueKey)?.properties[WSJF_PROPERTY_KEY];
}

async function versionOf(issueKey: string): Promise<number | null> {
  return dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey })).version;
}

describe('portfolio/wsjf/saveMany', () => {
  it('should save every entry and answer each new version when the RTE saves several epics', async () => {
    const [first, second] = demoEpicKeys(backend, 'PAY') as [string, string];
    const entries: Entry[] = [
      { issueKey: first, components: components(20, 2), version: await versionOf(first) },
      { issueKey: second, components: components(13, 5), version: await versionOf(second) },
    ];

    const { results } = dataOf(await backend.call('rte', 'portfolio/wsjf/saveMany', { entries }));

    expect(results).toEqual([
      { issueKey: first, status: 'saved', version: (entries[0]!.version ?? 0) + 1, wsjfScore: 12.5 },
      { issueKey: second, status: 'saved', version: (entries[1]!.version ?? 0) + 1, wsjfScore: 3.6 },
    ]);
    const ranking = dataOf(await backend.call('rte', 'portfolio/wsjf'));
    expect(ranking.epics.find((epic) => epic.key === first)).toMatchObject({
      wsjfScore: 12.5,
      version: results[0]!.status === 'saved' ? results[0]!.version : -1,
      scoredBy: { accountId: '712020:rte', displayName: 'Rae Engel (RTE)' },
      scoredAt: backend.clock.now(),
    });
  });

  it('should save the others and answer conflict with the stored values when one epic was saved in between', async () => {
    const [, , third, fourth] = demoEpicKeys(backend, 'MOB') as [string, string, string, string];
    const thirdRead = await versionOf(third);
    const fourthRead = await versionOf(fourth);
    // Someone else (the member, who may edit MOB) saves the fourth epic after the RTE read it.
    dataOf(await backend.call('member', 'epic/wsjf/save', { issueKey: fourth, components: components(1, 20), version: fourthRead }));

    const { results } = dataOf(
      await backend.call('rte', 'portfolio/wsjf/saveMany', {
        entries: [
          { issueKey: third, components: components(8, 3), version: thirdRead },
          { issueKey: fourth, components: components(20, 1), version: fourthRead },
        ],
      }),
    );

    expect(results[0]).toEqual({ issueKey: third, status: 'saved', version: (thirdRead ?? 0) + 1, wsjfScore: 13 / 3 });
    expect(results[1]).toEqual({
      issueKey: fourth,
      status: 'conflict',
      message: expect.stringContaining(`Someone else saved the WSJF of ${fourth} in the meantime`),
      current: { ...components(1, 20), costOfDelay: 6, wsjfScore: 0.3, version: (fourthRead ?? 0) + 1 },
    });
    expect(propertyOf(fourth)).toMatchObject({ ...components(1, 20), updatedBy: '712020:member' });
    // The ranking names who scored it, as Jira names that account.
    const ranking = dataOf(await backend.call('rte', 'portfolio/wsjf'));
    expect(ranking.epics.find((epic) => epic.key === fourth)?.scoredBy).toEqual({ accountId: '712020:member', displayName: 'Mika Member' });
  });

  it("should name the RTE as the author of the demo's seeded scores when the member reads the ranking", async () => {
    const { epics } = dataOf(await backend.call('member', 'portfolio/wsjf'));
    const seeded = epics.filter((epic) => epic.scoredBy?.accountId === '712020:rte');
    expect(seeded.length).toBeGreaterThan(0);
    expect(seeded.every((epic) => epic.scoredBy?.displayName === 'Rae Engel (RTE)' && typeof epic.scoredAt === 'number')).toBe(true);
    expect(epics.filter((epic) => epic.version === null).every((epic) => epic.scoredBy === null && epic.scoredAt === null)).toBe(true);
  });

  it('should answer forbidden for a browse-only epic and not_found for an invisible one, and save the member\'s own epic', async () => {
    const browseOnly = demoEpicKeys(backend, 'PLT')[0] as string;
    const invisible = demoEpicKeys(backend, 'DAT')[0] as string;
    const own = demoEpicKeys(backend, 'PAY')[5] as string;
    const before = { browseOnly: propertyOf(browseOnly), invisible: propertyOf(invisible) };
    const ownRead = dataOf(await backend.call('member', 'epic/wsjf/get', { issueKey: own })).version;

    const { results } = dataOf(
      await backend.call('member', 'portfolio/wsjf/saveMany', {
        entries: [
          { issueKey: browseOnly, components: components(5, 5), version: null },
          { issueKey: invisible, components: components(5, 5), version: null },
          { issueKey: own, components: components(5, 5), version: ownRead },
        ],
      }),
    );

    expect(results).toEqual([
      { issueKey: browseOnly, status: 'forbidden', message: `You need the Edit issues permission on ${browseOnly} to change its WSJF.` },
      { issueKey: invisible, status: 'not_found', message: `Epic ${invisible} was not found in the portfolio.` },
      { issueKey: own, status: 'saved', version: (ownRead ?? 0) + 1, wsjfScore: 2 },
    ]);
    expect(propertyOf(browseOnly)).toEqual(before.browseOnly);
    expect(propertyOf(invisible)).toEqual(before.invisible);
  });

  it('should answer saved, conflict and forbidden side by side when one save meets all three', async () => {
    const [own, contested] = demoEpicKeys(backend, 'MOB').slice(10) as [string, string];
    const browseOnly = demoEpicKeys(backend, 'PLT')[1] as string;
    const read = async (issueKey: string) => dataOf(await backend.call('member', 'epic/wsjf/get', { issueKey })).version;
    const [ownRead, contestedRead] = [await read(own), await read(contested)];
    dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey: contested, components: components(2, 2), version: contestedRead }));

    const { results } = dataOf(
      await backend.call('member', 'portfolio/wsjf/saveMany', {
        entries: [
          { issueKey: own, components: components(3, 3), version: ownRead },
          { issueKey: contested, components: components(8, 8), version: contestedRead },
          { issueKey: browseOnly, components: components(8, 8), version: null },
        ],
      }),
    );

    expect(results.map((result) => [result.issueKey, result.status])).toEqual([
      [own, 'saved'],
      [contested, 'conflict'],
      [browseOnly, 'forbidden'],
    ]);
    expect(propertyOf(contested)).toMatchObject({ ...components(2, 2), updatedBy: '712020:rte' });
  });

  it('should answer invalid_input for a value off the scale and save the other entries', async () => {
    const [a, b] = demoEpicKeys(backend, 'PAY').slice(8) as [string, string];
    const { results } = dataOf(
      await backend.call('rte', 'portfolio/wsjf/saveMany', {
        entries: [
          { issueKey: a, components: components(4, 5), version: await versionOf(a) },
          { issueKey: b, components: components(5, 5), version: await versionOf(b) },
        ],
      }),
    );
    expect(results.map((result) => result.status)).toEqual(['invalid_input', 'saved']);
  });

  it.each([
    ['more than the limit', MAX_WSJF_SAVE_ENTRIES + 1, 'entries: at most 100 epics in one save'],
    ['no entry', 0, 'entries:'],
  ])('should answer invalid_input and change nothing when a save names %s', async (_what, count, message) => {
    const keys = backend.demo.data.issues.slice(0, count).map((issue) => issue.key);
    const entries = keys.map((issueKey) => ({ issueKey, components: components(5, 5), version: null }));
    const writesBefore = backend.store.writes.length;
    const jiraMark = backend.mark();
    const properties = keys.map(propertyOf);

    const result = await backend.call('rte', 'portfolio/wsjf/saveMany', { entries });

    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(message) } });
    expect(backend.store.writes.length).toBe(writesBefore);
    expect(backend.callsSince(jiraMark)).toEqual([]);
    expect(keys.map(propertyOf)).toEqual(properties);
  });

  it('should answer invalid_input when an epic is named twice', async () => {
    const key = demoEpicKeys(backend, 'PAY')[0] as string;
    const entry = { issueKey: key, components: components(5, 5), version: null };
    const result = await backend.call('rte', 'portfolio/wsjf/saveMany', { entries: [entry, entry] });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('each epic at most once') } });
  });
});
