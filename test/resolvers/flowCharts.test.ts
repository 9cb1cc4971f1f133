/** flow/metrics charts and flow/forecast evidence through the handler, on the demo Jira. */
import { TEST_NOW, dataOf, issueKeysIn, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';
import { toLocalDate } from '../../src/domain/calendar';

jest.setTimeout(60_000);

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => backend?.close());

const TODAY = toLocalDate(TEST_NOW, 'UTC');

describe('flow/metrics charts', () => {
  it('should draw the demo portfolio: a partial current month left out of the average, closed-without-implementation epics apart', async () => {
    const { charts } = dataOf(await backend.call('rte', 'flow/metrics', {}));
    expect(charts.range.to).toBe(TODAY);
    const last = charts.velocity.series.at(-1)!;
    expect(last.partial).toBe(true);
    const complete = charts.velocity.series.filter((period) => !period.partial).map((period) => period.count);
    expect(charts.velocity.average).toBeCloseTo(complete.reduce((a, b) => a + b, 0) / complete.length, 10);
    expect(charts.closedWithoutImplementation.length).toBeGreaterThan(0);
    expect(charts.velocity.series.reduce((sum, period) => sum + period.closedWithoutImplementation, 0)).toBe(charts.closedWithoutImplementation.length);
    expect(charts.flowTime.points.length).toBe(charts.flowTime.count);
    expect(charts.flowTime.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(charts.flowTime.count);
    expect(charts.cfd.length).toBe(365);
    expect(charts.aging.length).toBe(charts.load.inProgress);
    expect(charts.predictability.series.some((row) => row.predictability !== null)).toBe(true);
  });

  it('should measure the segment asked for, with waiting time where the Portfolio Backlog queue is', async () => {
    const whole = dataOf(await backend.call('rte', 'flow/metrics', {})).charts;
    const longer = dataOf(await backend.call('rte', 'flow/metrics', { segment: { from: 'Reviewing', to: 'Done' } })).charts;
    expect(longer.segment).toEqual({ from: 'Reviewing', to: 'Done' });
    expect(longer.flowTime.percentiles[0]!.days!).toBeGreaterThan(whole.flowTime.percentiles[0]!.days!);
    expect(longer.efficiency.portfolio!).toBeLessThan(whole.efficiency.portfolio!);
    expect(longer.efficiency.byState.find((row) => row.state === 'Portfolio Backlog')).toMatchObject({ kind: 'waiting', activeDays: 0 });
  });

  it('should count only the epics the filters keep', async () => {
    const all = dataOf(await backend.call('rte', 'flow/metrics', {})).charts;
    const enablers = dataOf(await backend.call('rte', 'flow/metrics', { filters: { workTypes: ['enabler'] } })).charts;
    expect(enablers.epicCount).toBeGreaterThan(0);
    expect(enablers.epicCount).toBeLessThan(all.epicCount);
    expect(enablers.distribution.inProgress.workType.map((row) => row.category)).toEqual(['enabler']);
  });

  it("should count only the member's epics (totals do not include hidden epics by default)", async () => {
    const rte = dataOf(await backend.call('rte', 'flow/metrics', {})).charts;
    const member = dataOf(await backend.call('member', 'flow/metrics', {})).charts;
    expect(member.epicCount).toBeLessThan(rte.epicCount);
    expect(issueKeysIn(member).filter((key) => key.startsWith('DAT-'))).toEqual([]);
  });

  it.each([
    [{ segment: { from: 'Done', to: 'Reviewing' } }, 'The segment must run forward'],
    [{ filters: { from: '2026-05-01', to: '2026-04-01' } }, 'after the range'],
    [{ filters: { from: '2020-01-01' } }, 'at most'],
  ])('should refuse %j as invalid input', async (payload, message) => {
    const result = await backend.callRaw('rte', 'flow/metrics', payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(message) } });
  });
});

describe('flow/forecast evidence and ranked backlog', () => {
  it('should give the ranked backlog in rank order with dates that never go back, and the evidence', async () => {
    const forecast = dataOf(await backend.call('rte', 'flow/forecast', { by: '2027-03-31', backlog: true, trials: 2000 }));
    const backlog = forecast.backlog!;
    expect(backlog.confidence).toBe(85);
    expect(backlog.items.map((item) => item.rank)).toEqual(backlog.items.map((_, index) => index + 1));
    const days = backlog.items.map((item) => item.days ?? Infinity);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(forecast.evidence.weekly.reduce((sum, week) => sum + week.count, 0)).toBe(forecast.doneInWindow);
    expect(forecast.evidence.stability.factor).toBe(2);
    expect(forecast.evidence.backTest?.results.map((r) => r.confidence)).toEqual([50, 85, 95]);
  });

  it('should leave the backlog out unless asked', async () => {
    expect(dataOf(await backend.call('rte', 'flow/forecast', { items: 5 })).backlog).toBeNull();
  });
});
