/**
 * flow/metrics and flow/forecast follow settings.portfolioTotalsIncludeHidden: off (the default),
 * the member's numbers are those of the epics they can browse; on, they are the whole portfolio's
 * (the RTE's), while no DAT epic (the project the member cannot browse) is named anywhere.
 */
import { addDays } from '../../src/domain/calendar';
import { percentiles } from '../../src/domain/stats';
import { MAX_RANGE_DAYS } from '../../src/services/flowCharts';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

jest.setTimeout(60_000);

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => backend?.close());

async function setIncludeHidden(on: boolean) {
  const current = dataOf(await backend.call('rte', 'settings/get'));
  dataOf(await backend.call('rte', 'settings/save', { settings: { ...current.settings, portfolioTotalsIncludeHidden: on }, version: current.version }));
}

const isDat = (key: string) => key.startsWith('DAT-');
const FORECAST = { by: '2027-03-31', backlog: true, trials: 2000, seed: 7 } as const;

/** flow/metrics over the longest range a request may name (the answer lists no per-epic report rows). */
async function wideMetrics(who: 'rte' | 'member') {
  const { charts } = dataOf(await backend.call(who, 'flow/metrics', {}));
  return dataOf(await backend.call(who, 'flow/metrics', { filters: { from: addDays(charts.asOf, 1 - MAX_RANGE_DAYS) } }));
}

/** Every DAT epic key found in the answer's JSON (none may be). */
function datKeysIn(answer: unknown): string[] {
  const text = JSON.stringify(answer);
  return demoEpicKeys(backend, 'DAT').filter((key) => new RegExp(`\\b${key}\\b`).test(text));
}

describe('Flow totals over the caller own epics (the default)', () => {
  it('should give the member the velocity and flow-time percentiles of the epics the member can browse', async () => {
    const rte = await wideMetrics('rte');
    const member = await wideMetrics('member');
    // Every done epic is a point over the widest range (the report counts all history).
    expect(rte.charts.flowTime.points.length).toBe(rte.report.flowTime.count);
    const visiblePoints = rte.charts.flowTime.points.filter((point) => !isDat(point.key));
    expect(visiblePoints.length).toBeLessThan(rte.charts.flowTime.points.length);
    expect(member.charts.flowTime.points).toEqual(visiblePoints);

    const flowTimes = visiblePoints.map((point) => point.days);
    expect(member.report.flowTime.count).toBe(flowTimes.length);
    expect(member.report.flowTime.percentiles).toEqual(percentiles(flowTimes, [50, 85, 95]));

    // Done per month, counted by hand from the visible epics' Done dates (a point ends on its Done date).
    const done = visiblePoints.map((point) => point.end);
    const doneByMonth = new Map<string, number>();
    for (const date of done) doneByMonth.set(date.slice(0, 7), (doneByMonth.get(date.slice(0, 7)) ?? 0) + 1);
    for (const period of member.velocity.series) expect([period.start, period.count]).toEqual([period.start, doneByMonth.get(period.start.slice(0, 7)) ?? 0]);
    expect(member.velocity.series.reduce((sum, period) => sum + period.count, 0)).toBe(done.length);

    expect(member.charts.hiddenCount).toBe(0);
    expect(member.charts.velocity).not.toEqual(rte.charts.velocity);
    expect(datKeysIn(member)).toEqual([]);
  });

  it('should sample the member forecast from visible throughput only, with nothing hidden', async () => {
    const member = dataOf(await backend.call('member', 'flow/forecast', FORECAST));
    const rte = dataOf(await backend.call('rte', 'flow/forecast', FORECAST));
    expect(member.hiddenCount).toBe(0);
    expect(member.doneInWindow).toBeLessThan(rte.doneInWindow);
  });
});

describe('Flow totals over the whole portfolio (setting on)', () => {
  beforeAll(() => setIncludeHidden(true));
  afterAll(() => setIncludeHidden(false));

  it('should give the member the RTE aggregate numbers with the hidden count and no DAT key', async () => {
    const rte = dataOf(await backend.call('rte', 'flow/metrics', {}));
    const member = dataOf(await backend.call('member', 'flow/metrics', {}));
    const datCount = demoEpicKeys(backend, 'DAT').length;
    expect(datCount).toBeGreaterThan(0);

    expect(member.charts.hiddenCount).toBe(datCount);
    expect(rte.charts.hiddenCount).toBe(0);
    expect(member.report).toEqual(rte.report);
    expect(member.velocity).toEqual(rte.velocity);
    expect(member.distribution.inProgress.theme).toEqual(rte.distribution.inProgress.theme);
    expect(member.distribution.inProgress.workType).toEqual(rte.distribution.inProgress.workType);

    const { charts } = member;
    expect(charts.epicCount).toBe(rte.charts.epicCount);
    expect(charts.velocity).toEqual(rte.charts.velocity);
    expect(charts.flowTime.count).toBe(rte.charts.flowTime.count);
    expect(charts.flowTime.percentiles).toEqual(rte.charts.flowTime.percentiles);
    expect(charts.flowTime.histogram).toEqual(rte.charts.flowTime.histogram);
    expect(charts.cfd).toEqual(rte.charts.cfd);
    expect(charts.load).toEqual(rte.charts.load);
    expect(charts.predictability).toEqual(rte.charts.predictability);
    const { epics: _memberEfficiencyRows, ...memberEfficiency } = charts.efficiency;
    const { epics: _rteEfficiencyRows, ...rteEfficiency } = rte.charts.efficiency;
    expect(memberEfficiency).toEqual(rteEfficiency);
    for (const set of ['inProgress', 'completed'] as const) {
      expect(charts.distribution[set].theme).toEqual(rte.charts.distribution[set].theme);
      expect(charts.distribution[set].workType).toEqual(rte.charts.distribution[set].workType);
      const total = (rows: { count: number }[]) => rows.reduce((sum, row) => sum + row.count, 0);
      expect(total(charts.distribution[set].valueStream)).toBe(total(rte.charts.distribution[set].valueStream));
    }

    // Per-epic lists: exactly the RTE's minus the DAT epics.
    const withoutDat = <T extends { key: string }>(rows: T[]) => rows.filter((row) => !isDat(row.key));
    expect(charts.flowTime.points).toEqual(withoutDat(rte.charts.flowTime.points));
    expect(charts.aging).toEqual(withoutDat(rte.charts.aging));
    expect(charts.efficiency.epics).toEqual(withoutDat(rte.charts.efficiency.epics));
    expect(charts.closedWithoutImplementation).toEqual(withoutDat(rte.charts.closedWithoutImplementation));
    expect(charts.flowTime.points.length).toBeLessThan(rte.charts.flowTime.points.length);

    // A stream only hidden epics have would name their project: it is counted under an anonymous one.
    const datProject = backend.demo.data.projects.find((project) => project.key === 'DAT')!.name;
    expect(JSON.stringify(member)).not.toContain(datProject);
    expect(charts.distribution.inProgress.valueStream.map((row) => row.category)).toContain('Not visible to you');
    expect(datKeysIn(member)).toEqual([]);
  });

  it('should forecast the member from the whole portfolio throughput and rank the backlog among every epic, naming no DAT epic', async () => {
    const rte = dataOf(await backend.call('rte', 'flow/forecast', FORECAST));
    const member = dataOf(await backend.call('member', 'flow/forecast', FORECAST));
    expect(member.hiddenCount).toBe(demoEpicKeys(backend, 'DAT').length);
    expect(rte.hiddenCount).toBe(0);
    const { hiddenCount: _memberHidden, backlog: memberBacklog, ...memberNumbers } = member;
    const { hiddenCount: _rteHidden, backlog: rteBacklog, ...rteNumbers } = rte;
    expect(memberNumbers).toEqual(rteNumbers);
    expect(memberBacklog!.items).toEqual(rteBacklog!.items.filter((item) => !isDat(item.key)));
    expect(memberBacklog!.items.length).toBeLessThan(rteBacklog!.items.length);
    expect([memberBacklog!.beyondLimit, memberBacklog!.unscored]).toEqual([rteBacklog!.beyondLimit, rteBacklog!.unscored]);
    expect(datKeysIn(member)).toEqual([]);
  });

  it('should keep a member filter on the whole portfolio numbers of the epics it keeps', async () => {
    const filters = { workTypes: ['enabler' as const] };
    const rte = dataOf(await backend.call('rte', 'flow/metrics', { filters }));
    const member = dataOf(await backend.call('member', 'flow/metrics', { filters }));
    expect(member.charts.epicCount).toBe(rte.charts.epicCount);
    expect(member.charts.velocity).toEqual(rte.charts.velocity);
    // The member's own epics: what the page counts with the setting off.
    await setIncludeHidden(false);
    const own = dataOf(await backend.call('member', 'flow/metrics', { filters }));
    await setIncludeHidden(true);
    expect(member.charts.hiddenCount).toBe(rte.charts.epicCount - own.charts.epicCount);
    expect(datKeysIn(member)).toEqual([]);
  });
});
