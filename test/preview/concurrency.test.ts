/**
 * Saves that race, from outside: many simultaneous POSTs to the preview's `/api/invoke` (the real
 * resolver handler, the file store, the embedded demo Jira over HTTP). Each test counts the saves
 * that landed, that were refused with a conflict, and that were lost (answered ok, then missing).
 */
import { invokeAs, makeTempDir, startTestPreview } from '../e2e/support/harness';
import type { RunningPreview } from '../../preview/server';

jest.setTimeout(180_000);

const SCALE = [1, 2, 3, 5, 8, 13, 20];
const componentsFor = (n: number) => ({
  userBusinessValue: SCALE[n % 7] as number,
  timeCriticality: SCALE[Math.floor(n / 7) % 7] as number,
  riskReductionOpportunityEnablement: 5,
  jobSize: SCALE[(n + 3) % 7] as number,
});

interface Answer {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string };
}

async function call(preview: RunningPreview, user: string, key: string, payload: unknown = {}): Promise<Answer> {
  const { status, body } = await invokeAs(preview.url, user, key, payload);
  if (status !== 200) throw new Error(`${key}: HTTP ${status}`);
  return body as Answer;
}

async function dataOf(preview: RunningPreview, user: string, key: string, payload: unknown = {}): Promise<Record<string, unknown>> {
  const answer = await call(preview, user, key, payload);
  if (!answer.ok) throw new Error(`${key}: ${answer.error?.code} ${answer.error?.message}`);
  return answer.data as Record<string, unknown>;
}

interface RankedEpic {
  key: string;
  projectKey: string;
  wsjfScore: number | null;
  userBusinessValue: number | null;
  timeCriticality: number | null;
  jobSize: number | null;
}

const rankingOf = async (preview: RunningPreview): Promise<RankedEpic[]> => (await dataOf(preview, 'rte', 'portfolio/wsjf')).epics as RankedEpic[];

describe('the preview under simultaneous saves', () => {
  let temp: { dir: string; remove: () => void };
  let preview: RunningPreview;
  beforeAll(async () => {
    temp = makeTempDir('lpm-concurrency-');
    preview = await startTestPreview(temp.dir);
  });
  afterAll(async () => {
    await preview?.close();
    temp?.remove();
  });

  it('should land exactly one of 55 simultaneous WSJF saves on one epic, refuse 54 with conflict and lose none', async () => {
    const epic = (await rankingOf(preview)).find((candidate) => candidate.projectKey === 'PAY') as RankedEpic;
    const before = await dataOf(preview, 'rte', 'epic/wsjf/get', { issueKey: epic.key });
    const answers = await Promise.all(
      Array.from({ length: 55 }, (_, n) =>
        call(preview, n % 2 === 0 ? 'rte' : 'member', 'epic/wsjf/save', { issueKey: epic.key, components: componentsFor(n), version: before.version }),
      ),
    );
    const landed = answers.flatMap((answer, n) => (answer.ok ? [n] : []));
    const conflicted = answers.filter((answer) => answer.error?.code === 'conflict').length;
    const after = await dataOf(preview, 'rte', 'epic/wsjf/get', { issueKey: epic.key });
    // Lost: answered ok, but Jira does not hold that save's components.
    const lost = landed.filter((n) => JSON.stringify(componentsFor(n)) !== JSON.stringify({
      userBusinessValue: after.userBusinessValue,
      timeCriticality: after.timeCriticality,
      riskReductionOpportunityEnablement: after.riskReductionOpportunityEnablement,
      jobSize: after.jobSize,
    })).length;
    expect({ saves: answers.length, landed: landed.length, conflicted, lost }).toEqual({ saves: 55, landed: 1, conflicted: 54, lost: 0 });
    expect(after.version).toBe(((before.version as number | null) ?? 0) + 1);

    const { entries } = await dataOf(preview, 'rte', 'history/list', { limit: 500 });
    const forEpic = (entries as { subject: { key: string }; version: number }[]).filter((entry) => entry.subject.key === epic.key);
    expect(forEpic.map((entry) => entry.version)).toEqual([after.version]);
  });

  it('should land all 20 simultaneous WSJF saves on 20 epics in the ranking and on the board, also after a restart', async () => {
    const epics = (await rankingOf(preview)).filter((candidate) => candidate.projectKey !== 'DAT').slice(1, 21);
    expect(epics).toHaveLength(20);
    const read = await Promise.all(epics.map((epic) => dataOf(preview, 'rte', 'epic/wsjf/get', { issueKey: epic.key })));
    const answers = await Promise.all(
      epics.map((epic, n) => call(preview, 'rte', 'epic/wsjf/save', { issueKey: epic.key, components: componentsFor(n + 7), version: read[n]?.version })),
    );
    const landed = answers.filter((answer) => answer.ok).length;
    const conflicted = answers.filter((answer) => answer.error?.code === 'conflict').length;

    const missingFrom = async (view: RunningPreview) => {
      const ranking = await rankingOf(view);
      const board = (await dataOf(view, 'rte', 'portfolio/board')).cards as { key: string; wsjfScore: number | null }[];
      return epics.filter((epic, n) => {
        const saved = answers[n]?.data?.wsjfScore;
        const ranked = ranking.find((candidate) => candidate.key === epic.key);
        const card = board.find((candidate) => candidate.key === epic.key);
        return answers[n]?.ok === true && (ranked?.wsjfScore !== saved || (card !== undefined && card.wsjfScore !== saved));
      }).length;
    };
    expect({ saves: 20, landed, conflicted, lost: await missingFrom(preview) }).toEqual({ saves: 20, landed: 20, conflicted: 0, lost: 0 });

    await preview.close();
    preview = await startTestPreview(temp.dir);
    expect(await missingFrom(preview)).toBe(0);
  });

  it('should land exactly one of 20 simultaneous themes saves naming one version, with one history entry', async () => {
    const before = await dataOf(preview, 'rte', 'themes/list');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        call(preview, 'rte', 'themes/save', {
          themes: [...(before.themes as unknown[]), { id: `race-${n}`, name: `Race ${n}`, label: `race-${n}`, targetAllocation: null }],
          version: before.version,
        }),
      ),
    );
    const landed = answers.flatMap((answer, n) => (answer.ok ? [n] : []));
    const conflicted = answers.filter((answer) => answer.error?.code === 'conflict').length;
    const after = await dataOf(preview, 'rte', 'themes/list');
    const lost = landed.filter((n) => !(after.themes as { id: string }[]).some((theme) => theme.id === `race-${n}`)).length;
    expect({ saves: 20, landed: landed.length, conflicted, lost }).toEqual({ saves: 20, landed: 1, conflicted: 19, lost: 0 });
    const { entries } = await dataOf(preview, 'rte', 'history/list', { limit: 500 });
    const themeEntries = (entries as { action: string; version: number }[]).filter((entry) => entry.action === 'themes/save' && entry.version === after.version);
    expect(themeEntries).toHaveLength(1);
  });
});
