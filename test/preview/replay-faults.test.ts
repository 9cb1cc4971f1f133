/**
 * The preview journals the demo Jira's writes and replays them at start. With faults on
 * (DEMO_JIRA_FAULT_RATE, DEMO_JIRA_FAULTS) the replay used to go through the faults and drop
 * saved writes; it must restore every one.
 */
import { type RunningPreview } from '../../preview/server';
import { recordingLog } from '../../src/runtime/recordingLog';
import { ensurePagesBuilt, invokeAs, makeTempDir, startTestPreview } from '../e2e/support/harness';

jest.setTimeout(120_000);

const RTE_AUTH = `Basic ${Buffer.from('rte@demo.example:demo-rte').toString('base64')}`;
const FAULT_ENV = ['DEMO_JIRA_FAULT_RATE', 'DEMO_JIRA_FAULTS', 'DEMO_JIRA_SEED'] as const;

/** Reads the WSJF property straight from the demo Jira, trying again through the injected 500s. */
async function storedScore(preview: RunningPreview, key: string): Promise<unknown> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const response = await fetch(new URL(`/jira/rest/api/3/issue/${key}/properties/lean-portfolio.wsjf`, preview.url), { headers: { authorization: RTE_AUTH } });
    if (response.status < 500) return response.status === 200 ? ((await response.json()) as { value: unknown }).value : response.status;
    await response.arrayBuffer();
  }
  throw new Error(`the demo Jira answered 500 forty times for ${key}`);
}

it('should restore every saved WSJF score at start when the demo Jira injects faults', async () => {
  ensurePagesBuilt();
  const folder = makeTempDir('lpm-replay-');
  const saved = new Map<string, number>();
  let preview: RunningPreview | undefined;
  try {
    preview = await startTestPreview(folder.dir);
    const ranking = (await invokeAs(preview.url, 'rte', 'portfolio/wsjf')).body as { data: { epics: { key: string }[] } };
    const keys = ranking.data.epics.slice(0, 12).map((epic) => epic.key);
    for (const [index, issueKey] of keys.entries()) {
      const current = (await invokeAs(preview.url, 'rte', 'epic/wsjf/get', { issueKey })).body as { data: { version: number | null } };
      const jobSize = [1, 2, 3, 5, 8, 13][index % 6]!;
      const components = { userBusinessValue: 20, timeCriticality: 13, riskReductionOpportunityEnablement: 8, jobSize };
      const result = (await invokeAs(preview.url, 'rte', 'epic/wsjf/save', { issueKey, components, version: current.data.version })).body as {
        ok: boolean;
        data: { wsjfScore: number };
      };
      expect(result.ok).toBe(true);
      saved.set(issueKey, result.data.wsjfScore);
    }
    await preview.close();
    preview = undefined;

    // Half of all demo Jira answers are a 500 from here on.
    Object.assign(process.env, { DEMO_JIRA_FAULT_RATE: '0.5', DEMO_JIRA_FAULTS: '500', DEMO_JIRA_SEED: '11' });
    const log = recordingLog();
    preview = await startTestPreview(folder.dir, log);

    expect(log.entries).toContainEqual(expect.objectContaining({ message: 'preview: replayed saved demo Jira writes', data: { count: saved.size } }));
    expect(log.entries.filter((entry) => entry.message.startsWith('demo-jira journal'))).toEqual([]);
    for (const [key, score] of saved) expect(await storedScore(preview, key)).toMatchObject({ wsjfScore: score });
  } finally {
    for (const name of FAULT_ENV) delete process.env[name];
    await preview?.close();
    folder.remove();
  }
});
