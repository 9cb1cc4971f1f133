/**
 * Property-based tests of the domain (issue 13): invariants that must hold for any changelog Jira
 * could send, not just the hand-picked ones in the unit tests beside this file. Runs are bounded
 * (100–200 per property) so the whole file stays a few seconds.
 */
import fc from 'fast-check';
import { addDays, type LocalDate } from '../../../src/domain/calendar';
import { ageDays, cumulativeFlow, flowTimeDays, toFlowEpic, type FlowEpic } from '../../../src/domain/flow';
import { flowEfficiency, segmentEfficiency } from '../../../src/domain/flowEfficiency';
import { forecastHowMany, forecastWhen } from '../../../src/domain/forecast';
import type { PortfolioConfig } from '../../../src/domain/states';
import { buildTimeline, historyUntil, type EpicHistory } from '../../../src/domain/timeline';
import { MODIFIED_FIBONACCI, rankByWsjf, wsjfScore, type WsjfComponents } from '../../../src/domain/wsjf';
import { configArb, historyArb, instantArb, statusIdArb, timeZoneArb } from '../../builders/arbitraries';

const RUNS = { numRuns: 200 };

/** The non-null state dates in state order. */
function datedInOrder<T extends string | number>(dates: Readonly<Record<string, T | null>>, config: PortfolioConfig): T[] {
  const dated: T[] = [];
  for (const state of config.states) {
    const date = dates[state];
    if (date !== null && date !== undefined) dated.push(date);
  }
  return dated;
}

function isSorted<T>(values: readonly T[]): boolean {
  return values.every((value, index) => index === 0 || (values[index - 1] as T) <= value);
}

describe('domain properties', () => {
  describe('buildTimeline', () => {
    it('never throws on a changelog in any order, with duplicate instants and unknown statuses', () => {
      fc.assert(
        fc.property(historyArb, configArb, instantArb, (history, config, end) => {
          const timeline = buildTimeline(history, config);
          const cut = historyUntil(history, end);
          if (cut !== null) buildTimeline(cut, config);
          expect(Object.keys(timeline.stateEnteredAt)).toEqual(config.states);
        }),
        RUNS,
      );
    });

    it('dates states monotonically: a later state is never entered before an earlier one', () => {
      fc.assert(
        fc.property(historyArb, configArb, (history, config) => {
          const dates = buildTimeline(history, config).stateEnteredAt;
          expect(isSorted(datedInOrder(dates, config))).toBe(true);
        }),
        RUNS,
      );
    });

    it('dates exactly the states up to the current one (skipped ones borrow), none after it', () => {
      fc.assert(
        fc.property(historyArb, configArb, (history, config) => {
          const timeline = buildTimeline(history, config);
          const current = timeline.currentState === null ? -1 : config.states.indexOf(timeline.currentState);
          config.states.forEach((state, index) => {
            expect(timeline.stateEnteredAt[state] !== null).toBe(index <= current);
          });
        }),
        RUNS,
      );
    });

    it('dates no state before creation, and its spans are contiguous and chronological', () => {
      fc.assert(
        fc.property(historyArb, configArb, (history, config) => {
          const timeline = buildTimeline(history, config);
          for (const date of datedInOrder(timeline.stateEnteredAt, config)) expect(date).toBeGreaterThanOrEqual(history.createdAt);
          timeline.spans.forEach((span, index) => {
            if (span.to !== null) expect(span.to).toBeGreaterThan(span.from);
            if (index > 0) expect(span.from).toBe(timeline.spans[index - 1]?.to);
          });
        }),
        RUNS,
      );
    });

    it('cut at an instant, dates nothing at or after it and keeps a history with nothing to cut', () => {
      fc.assert(
        fc.property(historyArb, configArb, instantArb, (history, config, end) => {
          const cut = historyUntil(history, end);
          if (cut === null) return expect(history.createdAt).toBeGreaterThanOrEqual(end);
          for (const date of datedInOrder(buildTimeline(cut, config).stateEnteredAt, config)) expect(date).toBeLessThan(end);
          expect(historyUntil(cut, end)).toBe(cut);
        }),
        RUNS,
      );
    });

    it('does not depend on the order changes arrive in when their instants differ', () => {
      const distinctInstants = historyArb.map((history) => ({
        ...history,
        statusChanges: history.statusChanges.filter((change, index, all) => all.findIndex((other) => other.at === change.at) === index),
      }));
      fc.assert(
        fc.property(
          distinctInstants.chain((history) => fc.tuple(fc.constant(history), fc.shuffledSubarray(history.statusChanges, { minLength: history.statusChanges.length }))),
          configArb,
          ([history, shuffled], config) => {
            const reordered: EpicHistory = { ...history, statusChanges: shuffled };
            expect(buildTimeline(reordered, config)).toEqual(buildTimeline(history, config));
          },
        ),
        RUNS,
      );
    });
  });

  describe('flow metrics over timelines', () => {
    const epicsArb = fc.tuple(fc.array(historyArb, { maxLength: 8 }), configArb, timeZoneArb);

    function flowEpics(histories: readonly EpicHistory[], config: PortfolioConfig, timeZone: string): FlowEpic[] {
      return histories.map((history) => toFlowEpic(buildTimeline(history, config), timeZone, 'exclude'));
    }

    it('keeps calendar state dates monotonic in every time zone', () => {
      fc.assert(
        fc.property(epicsArb, ([histories, config, timeZone]) => {
          for (const epic of flowEpics(histories, config, timeZone)) expect(isSorted(datedInOrder(epic.stateDates, config))).toBe(true);
        }),
        RUNS,
      );
    });

    it('gives CFD columns that never decrease over days, never exceed the epic count, and shrink towards Done', () => {
      fc.assert(
        fc.property(epicsArb, fc.integer({ min: -3, max: 10 }), ([histories, config, timeZone], extraDays) => {
          const epics = flowEpics(histories, config, timeZone);
          const rows = cumulativeFlow(epics, config, addDays('2025-02-25', extraDays));
          // Checked as one boolean per row: an expect per cell makes this the slowest test by far.
          const broken = rows.findIndex((row, index) => {
            const counts = config.states.map((state) => row.counts[state] ?? -1);
            const previous = rows[index - 1];
            return (
              counts.some((count) => count < 0 || count > epics.length) ||
              // Every epic in a later state has passed the earlier ones (monotonic dates).
              !isSorted([...counts].reverse()) ||
              (previous !== undefined && config.states.some((state) => (row.counts[state] as number) < (previous.counts[state] as number)))
            );
          });
          expect(broken === -1 ? null : rows.slice(Math.max(0, broken - 1), broken + 1)).toBeNull();
        }),
        RUNS,
      );
    });

    it('never gives a negative flow time or age, for any forward segment', () => {
      const segmentArb = fc.tuple(fc.nat(), fc.nat());
      fc.assert(
        fc.property(epicsArb, segmentArb, fc.boolean(), ([histories, config, timeZone], [from, to], inclusive) => {
          // Scaled onto this config's states; a pair that collapses onto one state is skipped.
          const [first, last] = [from % config.states.length, to % config.states.length].sort((a, b) => a - b) as [number, number];
          if (first === last) return;
          const segment = { from: config.states[first] as string, to: config.states[last] as string };
          const today: LocalDate = '2025-02-01';
          for (const epic of flowEpics(histories, config, timeZone)) {
            for (const days of [flowTimeDays(epic, config, { inclusive }), flowTimeDays(epic, config, { inclusive, segment }), ageDays(epic, config, today, { inclusive })])
              if (days !== null) expect(days).toBeGreaterThanOrEqual(inclusive ? 1 : 0);
          }
        }),
        RUNS,
      );
    });

    it('keeps flow efficiency within [0, 1], per epic and per segment, with flags and status overrides', () => {
      const activityArb = fc.dictionary(statusIdArb, fc.constantFrom('active' as const, 'waiting' as const), { maxKeys: 4 });
      fc.assert(
        fc.property(historyArb, configArb, activityArb, (history, config, statusActivity) => {
          const timeline = buildTimeline(history, config);
          const classic = flowEfficiency(timeline, config);
          const segment = segmentEfficiency(timeline, config, { statusActivity, segment: { from: config.states[0] as string, to: config.states[config.states.length - 1] as string } });
          for (const result of [classic, segment]) {
            if (result === null) continue;
            expect(result.activeMs).toBeGreaterThanOrEqual(0);
            expect(result.activeMs).toBeLessThanOrEqual(result.flowMs);
            if (result.efficiency !== null) {
              expect(result.efficiency).toBeGreaterThanOrEqual(0);
              expect(result.efficiency).toBeLessThanOrEqual(1);
            } else expect(result.flowMs).toBe(0);
          }
        }),
        RUNS,
      );
    });
  });

  describe('segment efficiency', () => {
    it('splits the whole segment into active and waiting time, by state and by status', () => {
      fc.assert(
        fc.property(historyArb, configArb, fc.nat(), (history, config, from) => {
          const timeline = buildTimeline(history, config);
          const done = config.states[config.states.length - 1] as string;
          const result = segmentEfficiency(timeline, config, { segment: { from: config.states[from % (config.states.length - 1)] as string, to: done } });
          if (result === null) return;
          const total = (splits: Record<string, { activeMs: number; waitingMs: number }>) =>
            Object.values(splits).reduce((sum, split) => sum + split.activeMs + split.waitingMs, 0);
          expect(total(result.byStatus)).toBe(result.flowMs);
          expect(total(result.byState)).toBe(result.flowMs);
        }),
        RUNS,
      );
    });

    it('agrees with the classic per-epic efficiency when no status overrides its state', () => {
      fc.assert(
        fc.property(historyArb, configArb, (history, config) => {
          const timeline = buildTimeline(history, config);
          const classic = flowEfficiency(timeline, config);
          const segment = segmentEfficiency(timeline, config);
          expect(segment === null ? null : { activeMs: segment.activeMs, flowMs: segment.flowMs }).toEqual(
            classic === null ? null : { activeMs: classic.activeMs, flowMs: classic.flowMs },
          );
        }),
        RUNS,
      );
    });
  });

  describe('WSJF', () => {
    const componentArb = fc.option(fc.oneof(fc.constantFrom(...MODIFIED_FIBONACCI), fc.integer({ min: -5, max: 25 })), { freq: 4 });
    const componentsArb: fc.Arbitrary<WsjfComponents> = fc.record({
      userBusinessValue: componentArb,
      timeCriticality: componentArb,
      riskReductionOpportunityEnablement: componentArb,
      jobSize: componentArb,
    });

    it('is null exactly when a component is missing or the job size is not above 0', () => {
      fc.assert(
        fc.property(componentsArb, (c) => {
          const missing = Object.values(c).some((value) => value === null) || !((c.jobSize as number) > 0);
          const score = wsjfScore(c);
          expect(score === null).toBe(missing);
          if (score !== null) expect(score).toBe((c.userBusinessValue! + c.timeCriticality! + c.riskReductionOpportunityEnablement!) / c.jobSize!);
        }),
        RUNS,
      );
    });

    it('ranks the scored items 1..n by descending WSJF and leaves the unscored unranked, last', () => {
      fc.assert(
        fc.property(fc.array(componentsArb, { maxLength: 12 }), (items) => {
          const ranked = rankByWsjf(
            items.map((c, index) => ({ ...c, key: `E-${index}` })),
            (item) => item,
          );
          const scored = ranked.filter((entry) => entry.rank !== null);
          expect(scored.map((entry) => entry.rank)).toEqual(scored.map((_, index) => index + 1));
          expect(ranked.slice(scored.length).every((entry) => entry.wsjf === null)).toBe(true);
          expect(isSorted(scored.map((entry) => -(entry.wsjf as number)))).toBe(true);
        }),
        RUNS,
      );
    });
  });

  describe('Monte Carlo forecasts', () => {
    const samplesArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 30 });
    const confidencesArb = fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 }).map((levels) => [...levels].sort((a, b) => a - b));
    const optionsArb = fc.record({ trials: fc.integer({ min: 1, max: 200 }), seed: fc.integer(), confidences: confidencesArb });

    it('"how many": a higher confidence never promises more items (50% ≥ 85% ≥ 95%)', () => {
      fc.assert(
        fc.property(samplesArb, fc.integer({ min: 0, max: 60 }), optionsArb, (samples, days, options) => {
          const forecast = forecastHowMany(samples, '2025-03-01', addDays('2025-03-01', days), options);
          expect(forecast).not.toBeNull();
          const items = forecast!.results.map((result) => result.items);
          expect(isSorted([...items].reverse())).toBe(true);
          for (const count of items) expect(count).toBeGreaterThanOrEqual(0);
        }),
        RUNS,
      );
    });

    it('"when": a higher confidence never promises an earlier date (50% ≤ 85% ≤ 95%; never-finishing last)', () => {
      fc.assert(
        fc.property(samplesArb, fc.integer({ min: -2, max: 40 }), optionsArb, (samples, items, options) => {
          const forecast = forecastWhen(samples, '2025-03-01', items, { ...options, maxDays: 120 });
          if (!samples.some((sample) => sample > 0)) return expect(forecast).toBeNull();
          const days = forecast!.results.map((result) => result.days ?? Infinity);
          expect(isSorted(days)).toBe(true);
          for (const day of days) expect(day).toBeGreaterThanOrEqual(0);
        }),
        RUNS,
      );
    });
  });
});
