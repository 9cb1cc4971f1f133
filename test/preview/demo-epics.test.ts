/** DEMO_JIRA_EPICS: the size of the preview's demo portfolio, pinned with its data folder. */
import { createEmbeddedDemoJira, demoEpicCount } from '../../preview/demoJira';
import { ISSUE_TYPE_IDS } from '../../preview/demo-jira';
import { recordingLog } from '../../src/runtime/recordingLog';
import { makeTempDir } from '../e2e/support/harness';

describe('DEMO_JIRA_EPICS', () => {
  it.each([
    [undefined, 150],
    ['', 150],
    ['2000', 2000],
    ['6', 6],
  ])('should read %p as %p epics', (raw, count) => {
    expect(demoEpicCount(raw === undefined ? {} : { DEMO_JIRA_EPICS: raw })).toBe(count);
  });

  it.each(['5', '20001', '12.5', 'many'])('should refuse %p with a message naming the range', (raw) => {
    expect(() => demoEpicCount({ DEMO_JIRA_EPICS: raw })).toThrow(`DEMO_JIRA_EPICS must be a whole number from 6 to 20000; it is "${raw}".`);
  });

  it('should generate that many epics, and refuse another size on the same data folder whose writes name other issues', async () => {
    const folder = makeTempDir('lpm-demo-epics-');
    try {
      const demo = await createEmbeddedDemoJira({ dataDir: folder.dir, log: recordingLog(), epics: 12 });
      expect(demo.data.issues.filter((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic)).toHaveLength(12);
      await expect(createEmbeddedDemoJira({ dataDir: folder.dir, log: recordingLog(), epics: 12 })).resolves.toBeDefined();
      await expect(createEmbeddedDemoJira({ dataDir: folder.dir, log: recordingLog(), epics: 20 })).rejects.toThrow(
        `${folder.dir} holds the demo portfolio of 12 epics; for 20 (DEMO_JIRA_EPICS) start with another LPM_DATA_DIR, or delete this folder.`,
      );
    } finally {
      folder.remove();
    }
  });
});
