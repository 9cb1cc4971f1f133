/**
 * The standing concurrency suite through the preview: the same table as
 * test/resolvers/concurrencySuite.test.ts, each race's saves sent as simultaneous POSTs to
 * `/api/invoke` (real HTTP, the preview's file store, the seeded demo documents, the embedded demo
 * Jira). A 500 counts as an answer of neither kind.
 */
import { z } from 'zod';
import { demoAuthorization } from '../../preview/demo-jira';
import type { RunningPreview } from '../../preview/server';
import { invokeAs, makeTempDir, startTestPreview } from '../e2e/support/harness';
import { raceContext, runRace, tallyTable } from '../builders/concurrencyRace';
import type { Answer, RaceContext, SaveDriver, Tally } from '../builders/concurrencyRace';
import { VERSIONED_THINGS, ensureStreamsAndThemes } from '../builders/concurrencyTable';

jest.setTimeout(60_000);

const SAVES_PER_RACE = 12;

const issueLabelsSchema = z.object({ fields: z.object({ labels: z.array(z.string()) }) });

function previewDriver(preview: () => RunningPreview): SaveDriver {
  return {
    name: 'preview over HTTP',
    call: async (user, key, payload) => {
      const { status, body } = await invokeAs(preview().url, user, key, payload);
      if (status !== 200) return { ok: false, error: { code: 'unhandled', message: `HTTP ${status}: ${JSON.stringify(body)}` } };
      return body as Answer<never>;
    },
    epicLabels: async (issueKey) => {
      const response = await fetch(new URL(`rest/api/3/issue/${issueKey}?fields=labels`, preview().jiraUrl.endsWith('/') ? preview().jiraUrl : `${preview().jiraUrl}/`), {
        headers: { authorization: demoAuthorization('rte'), accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`labels of ${issueKey}: HTTP ${response.status}`);
      return issueLabelsSchema.parse(await response.json()).fields.labels;
    },
  };
}

describe('simultaneous saves through the preview over HTTP', () => {
  let temp: { dir: string; remove: () => void };
  let preview: RunningPreview;
  let context: RaceContext;
  const tallies: Tally[] = [];
  beforeAll(async () => {
    temp = makeTempDir('lpm-concurrency-suite-');
    preview = await startTestPreview(temp.dir);
    context = await raceContext(
      previewDriver(() => preview),
      SAVES_PER_RACE,
    );
    await ensureStreamsAndThemes(context);
  });
  afterAll(async () => {
    process.stdout.write(`\n${tallyTable(tallies)}\n`);
    await preview?.close();
    temp?.remove();
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

  it('should show the same landed saves after the preview restarts on its folder', async () => {
    expect(tallies.length).toBeGreaterThan(0);
    await preview.close();
    preview = await startTestPreview(temp.dir);
    const changed = [];
    for (const tally of tallies) {
      const shown = [...(await tally.shownNow())].sort((a, b) => a - b);
      if (JSON.stringify(shown) !== JSON.stringify(tally.shown)) changed.push({ thing: tally.thing, before: tally.shown, after: shown });
    }
    expect(changed).toEqual([]);
  });
});
