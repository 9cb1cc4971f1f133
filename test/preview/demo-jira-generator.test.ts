import {
  DEMO_PROJECTS,
  FLAGGED_FIELD_ID,
  generatePortfolio,
  ISSUE_TYPE_IDS,
  STATUS_IDS,
  WSJF_PROPERTY_KEY,
  type DemoData,
  type DemoIssue,
} from '../../preview/demo-jira';
import { EPIC_PATH } from '../../preview/demo-jira/model';
import { wsjfPropertySchema } from '../../src/contract/documents';

const NOW = Date.UTC(2026, 10, 15, 12, 0, 0);
const DAY_MS = 86_400_000;
const FIBONACCI = [1, 2, 3, 5, 8, 13, 20];

const portfolio = generatePortfolio({ now: NOW });
const epics = portfolio.issues.filter((i) => i.issueTypeId === ISSUE_TYPE_IDS.epic);
const stories = portfolio.issues.filter((i) => i.issueTypeId === ISSUE_TYPE_IDS.story);

/** Every status change of an issue, in order, as [from, to] status ids. */
function statusMoves(issue: DemoIssue): [string, string][] {
  return issue.histories.flatMap((h) => h.items.filter((i) => i.fieldId === 'status').map((i) => [i.from ?? '', i.to ?? ''] as [string, string]));
}
const pathIndex = (statusId: string): number => EPIC_PATH.indexOf(statusId);

describe('generatePortfolio', () => {
  it('should give the same portfolio when the seed and now are the same', () => {
    expect(generatePortfolio({ seed: 42, now: NOW })).toEqual(portfolio);
  });

  it('should give the same statuses and status paths whatever minute it is generated at', () => {
    // Generated at 11:07 and 11:14 one day, PAY-32 was once a no-go and once in Portfolio Backlog.
    const shape = (now: number) =>
      generatePortfolio({ now }).issues.map((issue) => ({ key: issue.key, statusId: issue.statusId, moves: statusMoves(issue) }));
    const expected = shape(Date.UTC(2026, 11, 1, 11, 7, 12, 345));
    expect(shape(Date.UTC(2026, 11, 1, 11, 14, 12, 345))).toEqual(expected);
    expect(shape(NOW)).toEqual(expected);
    expect(shape(NOW + 3 * 3_600_000 + 23 * 60_000 + 12_345)).toEqual(expected);
  });

  it('should give a different portfolio when the seed differs', () => {
    const other = generatePortfolio({ seed: 7, now: NOW });
    expect(other.issues.map((i) => i.key)).not.toEqual(portfolio.issues.map((i) => i.key));
  });

  it('should make 150 epics in 4 value streams when called with defaults', () => {
    expect(epics).toHaveLength(150);
    expect(portfolio.projects.map((p) => [p.id, p.key])).toEqual([
      ['10000', 'PAY'],
      ['10001', 'MOB'],
      ['10002', 'DAT'],
      ['10003', 'PLT'],
    ]);
    for (const project of DEMO_PROJECTS) expect(epics.some((e) => e.projectId === project.id)).toBe(true);
  });

  it('should give every epic 2 to 4 stories in its own project when generating children', () => {
    const childrenByEpic = new Map<string, DemoIssue[]>();
    for (const story of stories) childrenByEpic.set(story.parentId ?? '', [...(childrenByEpic.get(story.parentId ?? '') ?? []), story]);
    for (const epic of epics) {
      const children = childrenByEpic.get(epic.id) ?? [];
      expect(children.length).toBeGreaterThanOrEqual(2);
      expect(children.length).toBeLessThanOrEqual(4);
      for (const child of children) expect(child.projectId).toBe(epic.projectId);
    }
    expect(portfolio.issues).toHaveLength(epics.length + stories.length);
    expect(portfolio.issueTypes.map((t) => [t.id, t.name, t.hierarchyLevel])).toEqual([
      ['10000', 'Epic', 1],
      ['10001', 'Story', 0],
    ]);
  });

  it('should number ids and keys in creation order when assigning identities', () => {
    const ids = portfolio.issues.map((i) => Number(i.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(portfolio.issues.map((i) => i.key)).size).toBe(portfolio.issues.length);
    for (let i = 1; i < portfolio.issues.length; i++) {
      expect((portfolio.issues[i] as DemoIssue).created).toBeGreaterThanOrEqual((portfolio.issues[i - 1] as DemoIssue).created);
    }
  });

  it('should keep every history within the 18 months before now and in time order', () => {
    for (const issue of portfolio.issues) {
      expect(issue.created).toBeGreaterThanOrEqual(NOW - 549 * DAY_MS);
      let previous = issue.created;
      for (const history of issue.histories) {
        expect(history.created).toBeGreaterThanOrEqual(previous);
        expect(history.created).toBeLessThanOrEqual(NOW);
        previous = history.created;
      }
    }
  });

  it('should chain status changes from the first status to the current one', () => {
    for (const issue of portfolio.issues) {
      let current: string = issue.issueTypeId === ISSUE_TYPE_IDS.epic ? STATUS_IDS.funnel : STATUS_IDS.toDo;
      for (const [from, to] of statusMoves(issue)) {
        expect(from).toBe(current);
        current = to;
      }
      expect(issue.statusId).toBe(current);
    }
  });

  it.each([
    ['a backward move', (moves: [string, string][]) => moves.some(([f, t]) => pathIndex(t) >= 0 && pathIndex(f) > pathIndex(t))],
    ['a skipped state', (moves: [string, string][]) => moves.some(([f, t]) => pathIndex(f) >= 0 && pathIndex(t) - pathIndex(f) >= 2)],
    ['a reopened epic (Done → Implementing → Done)', (moves: [string, string][]) => {
      const reopen = moves.findIndex(([f, t]) => f === STATUS_IDS.done && t === STATUS_IDS.implementing);
      return reopen >= 0 && moves.slice(reopen + 1).some(([, t]) => t === STATUS_IDS.done);
    }],
    ['a pass through the unmapped On Hold', (moves: [string, string][]) => moves.some(([f]) => f === STATUS_IDS.onHold)],
  ])('should contain %s when generating epic histories', (_feature, hasFeature) => {
    expect(epics.some((epic) => hasFeature(statusMoves(epic)))).toBe(true);
  });

  it('should write flagged periods as Jira does when an epic is flagged and cleared', () => {
    const flagItems = epics.flatMap((e) => e.histories.flatMap((h) => h.items.filter((i) => i.field === 'Flagged')));
    expect(flagItems.length).toBeGreaterThan(0);
    for (const item of flagItems) {
      expect(item).toMatchObject({ fieldtype: 'custom', fieldId: FLAGGED_FIELD_ID });
      expect(['Impediment', '']).toContain(item.toString);
    }
    expect(flagItems.some((i) => i.toString === '')).toBe(true);
    expect(epics.some((e) => e.flagged)).toBe(true);
  });

  it('should set and clear the resolution when an epic enters and leaves Done', () => {
    const reopened = epics.find((e) => statusMoves(e).some(([f]) => f === STATUS_IDS.done)) as DemoIssue;
    const items = reopened.histories.flatMap((h) => h.items);
    expect(items.filter((i) => i.field === 'resolution').map((i) => i.toString)).toEqual(['Done', null, 'Done']);
  });

  it('should label themes and about 30 % enablers when generating labels', () => {
    const labels = new Set(epics.flatMap((e) => e.labels));
    for (const theme of ['theme-growth', 'theme-platform', 'theme-compliance', 'enabler']) expect(labels.has(theme)).toBe(true);
    const enablerShare = epics.filter((e) => e.labels.includes('enabler')).length / epics.length;
    expect(enablerShare).toBeGreaterThan(0.2);
    expect(enablerShare).toBeLessThan(0.4);
  });

  it('should store a consistent WSJF property on most epics when scoring', () => {
    const scored = epics.filter((e) => e.properties[WSJF_PROPERTY_KEY] !== undefined);
    expect(scored.length / epics.length).toBeGreaterThan(0.75);
    for (const epic of scored) {
      const wsjf = epic.properties[WSJF_PROPERTY_KEY] as Record<string, number>;
      const { userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize } = wsjf;
      for (const component of [userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize]) expect(FIBONACCI).toContain(component);
      const costOfDelay = (userBusinessValue as number) + (timeCriticality as number) + (riskReductionOpportunityEnablement as number);
      expect(wsjf.costOfDelay).toBe(costOfDelay);
      expect(wsjf.wsjfScore).toBeCloseTo(costOfDelay / (jobSize as number), 2);
    }
    expect(stories.every((s) => Object.keys(s.properties).length === 0)).toBe(true);
  });

  it('should seed WSJF properties the contract accepts, as the RTE wrote them at creation, when scoring', () => {
    const scored = epics.filter((e) => e.properties[WSJF_PROPERTY_KEY] !== undefined);
    const rejected = scored.filter((epic) => !wsjfPropertySchema.safeParse(epic.properties[WSJF_PROPERTY_KEY]).success).map((epic) => epic.key);
    expect(rejected).toEqual([]);
    for (const epic of scored) {
      expect(epic.properties[WSJF_PROPERTY_KEY]).toMatchObject({ schemaVersion: 1, version: 1, theme: null, updatedAt: epic.created, updatedBy: '712020:rte' });
    }
  });

  it('should still contain every scripted feature when asked for only 6 epics', () => {
    const small: DemoData = generatePortfolio({ seed: 3, epics: 6, now: NOW });
    const smallEpics = small.issues.filter((i) => i.issueTypeId === ISSUE_TYPE_IDS.epic);
    expect(smallEpics).toHaveLength(6);
    const moves = smallEpics.map(statusMoves);
    expect(moves.some((m) => m.some(([f, t]) => f === STATUS_IDS.done && t === STATUS_IDS.implementing))).toBe(true);
    expect(moves.some((m) => m.some(([f]) => f === STATUS_IDS.onHold))).toBe(true);
    expect(moves.some((m) => m.length === 0)).toBe(true);
    expect(smallEpics.some((e) => e.flagged)).toBe(true);
  });

  it('should give an empty portfolio when asked for 0 epics', () => {
    expect(generatePortfolio({ epics: 0, now: NOW }).issues).toEqual([]);
  });

  it('should produce 20,000 epics when asked for the benchmark size', () => {
    const big = generatePortfolio({ seed: 1, epics: 20_000, now: NOW });
    expect(big.issues.filter((i) => i.issueTypeId === ISSUE_TYPE_IDS.epic)).toHaveLength(20_000);
  });
});
