/**
 * The standing concurrency suite, in process: every versioned thing a user can save (the table in
 * test/builders/concurrencyTable.ts), raced through the resolver handler against the demo Jira, on
 * the memory store and on the file store (whose per-document locks and transaction journal differ).
 * Each save lands or gets `conflict`; nothing landed is lost, nothing refused shows; the change
 * history lists exactly the landed saves, one entry each. test/preview/concurrencySuite.test.ts
 * runs the same table through the preview over HTTP.
 */
import { createFileStore } from '../../src/adapters/local/fileStore';
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { resolverContract } from '../../src/contract/resolvers';
import type { StorePort } from '../../src/ports';
import { makeTempDir } from '../e2e/support/harness';
import { startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';
import { raceContext, runRace, tallyTable } from '../builders/concurrencyRace';
import type { RaceContext, SaveDriver, Tally } from '../builders/concurrencyRace';
import { VERSIONED_THINGS, ensureStreamsAndThemes } from '../builders/concurrencyTable';

jest.setTimeout(60_000);

const SAVES_PER_RACE = 12;
const DEMO_EPICS = 60;

function handlerDriver(name: string, backend: TestBackend): SaveDriver {
  return {
    name,
    // A rejected call (an error the handler logged and rethrew) is an answer of neither kind.
    call: (user, key, payload) =>
      backend.call(user, key, payload).catch((error: unknown) => ({ ok: false as const, error: { code: 'unhandled', message: String(error) } })),
    epicLabels: async (issueKey) => [...(backend.demo.data.issues.find((issue) => issue.key === issueKey)?.labels ?? [])],
  };
}

const stores: [string, () => { store: StorePort; remove: () => void }][] = [
  ['memory store', () => ({ store: createMemoryStore(), remove: () => undefined })],
  [
    'file store',
    () => {
      const temp = makeTempDir('lpm-concurrency-suite-');
      return { store: createFileStore(temp.dir), remove: temp.remove };
    },
  ],
];

const tallies: Tally[] = [];
afterAll(() => {
  // The figures the issue asks for: saves, landed, conflicts provoked, lost, history entries.
  process.stdout.write(`\n${tallyTable(tallies)}\n`);
});

/** Saves that name no version of their own (they retry on a fresh read, or write Jira), raced all the same. */
const SAVES_WITHOUT_VERSION = ['okrs/link', 'participatory/submit', 'portfolio/wsjf/saveMany', 'themes/assign'];

describe('the table of versioned things', () => {
  it('should race every resolver whose input names a version, so a new versioned save needs a race', () => {
    const versioned = Object.entries(resolverContract)
      .filter(([, contract]) => 'version' in ((contract.input as { shape?: object }).shape ?? {}))
      .map(([key]) => key);
    expect(versioned.length).toBeGreaterThan(10);
    const raced = new Set<string>(VERSIONED_THINGS.flatMap((thing) => thing.routes));
    expect([...versioned, ...SAVES_WITHOUT_VERSION].filter((key) => !raced.has(key))).toEqual([]);
  });
});

describe.each(stores)('simultaneous saves through the handler on the %s', (storeName, makeStore) => {
  let backend: TestBackend;
  let context: RaceContext;
  let remove: () => void = () => undefined;
  beforeAll(async () => {
    const made = makeStore();
    remove = made.remove;
    // A smaller portfolio than the other resolver tests: every save builds the caller's snapshot.
    backend = await startTestBackend({ store: made.store, epics: DEMO_EPICS });
    context = await raceContext(handlerDriver(storeName, backend), SAVES_PER_RACE);
    await ensureStreamsAndThemes(context);
  });
  afterAll(async () => {
    await backend?.close();
    remove();
  });

  it.each(VERSIONED_THINGS.map((thing) => [thing.name, thing] as const))(
    'should land or refuse with conflict each save, lose none and record exactly the landed ones: %s',
    async (_name, thing) => {
      const tally = await runRace(thing, context);
      tallies.push(tally);
      expect({
        answersOfAnotherKind: tally.other,
        landing: tally.landingProblems,
        lost: tally.lost,
        shownThoughRefused: tally.leaked,
        history: tally.historyProblems,
      }).toEqual({ answersOfAnotherKind: [], landing: [], lost: [], shownThoughRefused: [], history: [] });
      expect(tally.landed + tally.conflicted).toBe(tally.units);
    },
  );
});
