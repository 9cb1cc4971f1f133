/**
 * The Flow page's opening request: flow/metrics with `forecasts` answers the two opening forecasts
 * exactly as flow/forecast answers them asked apart, and the bench measures what the page sends.
 */
import { FLOW_PAYLOAD } from '../../bench/scale/scenarios';
import { EMPTY_QUERY, metricsInput } from '../../static/global-page/flow/query';
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

jest.setTimeout(120_000);

describe('the Flow page opening request', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ epics: 200 });
  });
  afterAll(() => backend.close());

  it('should answer the opening forecasts as flow/forecast does, asked apart', async () => {
    const filters = { workTypes: ['business' as const] };
    const metrics = dataOf(await backend.call('rte', 'flow/metrics', { period: 'month', filters: {}, forecasts: { withinDays: 90, items: 7, filters } }));
    const opening = metrics.forecasts;
    // TEST_NOW is 2026-11-16: 90 days on.
    expect(opening?.by).toBe('2027-02-14');
    expect(opening?.items).toBe(7);
    expect(opening?.howMany).toEqual(dataOf(await backend.call('rte', 'flow/forecast', { by: '2027-02-14', backlog: true, filters })));
    expect(opening?.when).toEqual(dataOf(await backend.call('rte', 'flow/forecast', { items: 7, filters })));
    expect(opening?.howMany.backlog?.items.length).toBeGreaterThan(0);
    expect(opening?.when.when?.results.length).toBe(3);
    // Without the question, no forecasts.
    expect(dataOf(await backend.call('rte', 'flow/metrics', { period: 'month', filters: {} }))).not.toHaveProperty('forecasts');
  });

  it('should refuse opening forecasts past the horizon with a clear error', async () => {
    const result = await backend.call('rte', 'flow/metrics', { forecasts: { withinDays: 3650, items: 10 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('should be what the bench measures as the page opening', () => {
    expect(FLOW_PAYLOAD).toEqual(metricsInput(EMPTY_QUERY));
  });
});
