/**
 * The scale bench pads each epic's history to about 20 status changes with On Hold round trips;
 * On Hold maps to no state, so what the pages show must stay what the generator made.
 */
import { buildTimeline } from '../../src/domain/timeline';
import { benchSettings, demoPortfolio, epicHistoriesOf } from '../../bench/portfolio';
import { sampleEpic, scalePortfolio, STATUS_CHANGES_PER_EPIC, statusChangesPerEpic } from '../../bench/scale/portfolio';
import { STATUS_IDS } from '../../preview/demo-jira';

describe('scalePortfolio', () => {
  const plain = demoPortfolio(60);
  const padded = scalePortfolio(60);

  it('should give epics about 20 status changes when the generator gave about 4', () => {
    expect(statusChangesPerEpic(plain)).toBeLessThan(6);
    expect(statusChangesPerEpic(padded)).toBeGreaterThan(STATUS_CHANGES_PER_EPIC - 2);
    expect(statusChangesPerEpic(padded)).toBeLessThanOrEqual(STATUS_CHANGES_PER_EPIC + 1);
  });

  it('should keep every epic’s state, state dates and current status when histories are padded', () => {
    const { config } = benchSettings();
    const before = epicHistoriesOf(plain).map((history) => buildTimeline(history, config));
    const after = epicHistoriesOf(padded).map((history) => buildTimeline(history, config));
    expect(after.map((timeline) => [timeline.key, timeline.currentState, timeline.stateEnteredAt])).toEqual(
      before.map((timeline) => [timeline.key, timeline.currentState, timeline.stateEnteredAt]),
    );
  });

  it('should keep each history chronological with unique ids when pairs are added', () => {
    for (const issue of padded.issues) {
      const times = issue.histories.map((history) => history.created);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const ids = padded.issues.flatMap((issue) => issue.histories.map((history) => history.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('should pick an epic in Implementing for the panel and the event', () => {
    const epic = sampleEpic(padded);
    expect(padded.issues.find((issue) => issue.id === epic.id)?.statusId).toBe(STATUS_IDS.implementing);
  });
});
