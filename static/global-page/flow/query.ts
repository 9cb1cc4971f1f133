/**
 * The Flow page's choices, kept in the URL (`/flow?theme=growth,none&type=enabler&from=…`): what
 * the page asks the resolvers for. Parsing is lenient (an unknown value is dropped, not an error):
 * a URL is something a person may have typed or kept from an older version.
 */
import type { ResolverInput } from '../../../src/contract/resolvers';

export type PeriodKind = 'week' | 'month' | 'quarter';
export type WorkType = 'business' | 'enabler';

export interface FlowQuery {
  readonly themes: readonly string[];
  readonly valueStreams: readonly string[];
  readonly workTypes: readonly WorkType[];
  readonly from: string | null;
  readonly to: string | null;
  readonly period: PeriodKind;
  readonly segmentFrom: string | null;
  readonly segmentTo: string | null;
}

export const EMPTY_QUERY: FlowQuery = { themes: [], valueStreams: [], workTypes: [], from: null, to: null, period: 'month', segmentFrom: null, segmentTo: null };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (value: string | null) => (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '' && item.length <= 100).slice(0, 50);

export function parseQuery(search: string): FlowQuery {
  const params = new URLSearchParams(search);
  const date = (name: string) => {
    const value = params.get(name);
    return value !== null && DATE.test(value) ? value : null;
  };
  const period = params.get('period');
  return {
    themes: list(params.get('theme')),
    valueStreams: list(params.get('stream')),
    workTypes: list(params.get('type')).filter((type): type is WorkType => type === 'business' || type === 'enabler'),
    from: date('from'),
    to: date('to'),
    period: period === 'week' || period === 'quarter' ? period : 'month',
    segmentFrom: params.get('start'),
    segmentTo: params.get('end'),
  };
}

/** The search string for a query (`?…`, or '' when everything is the default). */
export function formatQuery(query: FlowQuery): string {
  const params = new URLSearchParams();
  if (query.themes.length > 0) params.set('theme', query.themes.join(','));
  if (query.valueStreams.length > 0) params.set('stream', query.valueStreams.join(','));
  if (query.workTypes.length > 0) params.set('type', query.workTypes.join(','));
  if (query.from !== null) params.set('from', query.from);
  if (query.to !== null) params.set('to', query.to);
  if (query.period !== 'month') params.set('period', query.period);
  if (query.segmentFrom !== null) params.set('start', query.segmentFrom);
  if (query.segmentTo !== null) params.set('end', query.segmentTo);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

type Filters = NonNullable<ResolverInput<'flow/metrics'>['filters']>;

export function filtersOf(query: FlowQuery): Filters {
  return {
    ...(query.themes.length > 0 ? { themes: [...query.themes] } : {}),
    ...(query.valueStreams.length > 0 ? { valueStreams: [...query.valueStreams] } : {}),
    ...(query.workTypes.length > 0 ? { workTypes: [...query.workTypes] } : {}),
    ...(query.from !== null ? { from: query.from } : {}),
    ...(query.to !== null ? { to: query.to } : {}),
  };
}

/** The forecasts the page opens with (ForecastPanel's first questions), asked with flow/metrics. */
export const OPENING_FORECASTS = { withinDays: 90, items: 10 } as const;

/** The forecasts' filters: the query's, without its date range (a forecast samples the recent past). */
export function forecastFiltersOf(query: FlowQuery): Filters {
  return filtersOf({ ...query, from: null, to: null });
}

/** With the opening forecasts (ForecastPanel's first questions): the page opens with one request. */
export function metricsInput(query: FlowQuery): ResolverInput<'flow/metrics'> {
  const segment = query.segmentFrom !== null && query.segmentTo !== null ? { segment: { from: query.segmentFrom, to: query.segmentTo } } : {};
  return { period: query.period, filters: filtersOf(query), ...segment, forecasts: { ...OPENING_FORECASTS, filters: forecastFiltersOf(query) } };
}
