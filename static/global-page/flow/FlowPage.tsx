/**
 * The Flow sub-page: the portfolio's flow at a glance (velocity, flow time, load, aging, distribution,
 * efficiency, predictability) and forecasts with their evidence. Filters and the measured segment
 * live in the URL, so a view can be shared and survives a reload. Every number comes from
 * flow/metrics and flow/forecast; this page only draws.
 */
import { useEffect, useState } from 'react';
import type { History } from 'history';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { view } from '@forge/bridge';
import { EmptyState, Loaded } from '../../shared/states';
import { useResolver } from '../../shared/useResolver';
import type { ResolverOutput } from '../../../src/contract/resolvers';
import { AgingChart } from './AgingChart';
import { DistributionChart } from './DistributionChart';
import { EfficiencyChart, EpicEfficiencyChart } from './EfficiencyCharts';
import { FilterBar } from './FilterBar';
import { FlowTimeChart } from './FlowTimeChart';
import { ForecastPanel } from './ForecastPanel';
import { CfdChart, LoadChart } from './LoadCharts';
import { PredictabilityChart } from './PredictabilityChart';
import { EMPTY_QUERY, forecastFiltersOf, formatQuery, metricsInput, parseQuery } from './query';
import type { FlowQuery } from './query';
import { VelocityChart } from './VelocityChart';

const gridStyles = xcss({ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(480px, 1fr))', gap: 'space.200', alignItems: 'start' });

function useUrlQuery(): { query: FlowQuery | null; setQuery: (next: FlowQuery) => void } {
  const [history, setHistory] = useState<History | null>(null);
  const [query, setQueryState] = useState<FlowQuery | null>(null);
  useEffect(() => {
    let current = true;
    view.createHistory().then(
      (created) => {
        if (!current) return;
        setHistory(created);
        setQueryState(parseQuery(created.location.search));
      },
      () => current && setQueryState(EMPTY_QUERY),
    );
    return () => {
      current = false;
    };
  }, []);
  const setQuery = (next: FlowQuery) => {
    setQueryState(next);
    history?.replace(`/flow${formatQuery(next)}`);
  };
  return { query, setQuery };
}

export function FlowPage() {
  const { query, setQuery } = useUrlQuery();
  if (query === null) return null;
  return <FlowContent query={query} setQuery={setQuery} />;
}

type Metrics = ResolverOutput<'flow/metrics'>;

function FlowContent({ query, setQuery }: { query: FlowQuery; setQuery: (next: FlowQuery) => void }) {
  const { state, reload } = useResolver('flow/metrics', metricsInput(query));
  return (
    <Stack space="space.300">
      <Loaded state={state} what="flow metrics" onRetry={reload}>
        {(metrics) => (
          <Stack space="space.300">
            <FilterBar charts={metrics.charts} query={query} onChange={setQuery} />
            {metrics.charts.epicCount === 0 ? (
              <EmptyState title="No epics to show">
                No epic in the portfolio's scope matches these filters. Clear a filter, or check the scope JQL and status mapping in the Lean Portfolio settings.
              </EmptyState>
            ) : (
              <FlowSections metrics={metrics} query={query} />
            )}
          </Stack>
        )}
      </Loaded>
      {state.status === 'ready' && formatQuery(query) !== '' && (
        <Box>
          <Button appearance="subtle" onClick={() => setQuery(EMPTY_QUERY)}>
            Reset filters and segment
          </Button>
        </Box>
      )}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack space="space.150">
      <Heading size="medium" as="h2">
        {title}
      </Heading>
      {children}
    </Stack>
  );
}

function FlowSections({ metrics, query }: { metrics: Metrics; query: FlowQuery }) {
  const { charts, report } = metrics;
  // Counted from the series, not the list: the list names only the caller's own epics.
  const closedCount = charts.velocity.series.reduce((sum, period) => sum + period.closedWithoutImplementation, 0);
  return (
    <Stack space="space.400">
      <Text color="color.text.subtle">
        {`${charts.epicCount} epics, as of ${charts.asOf}; charts over ${charts.range.from} to ${charts.range.to}. `}
        {charts.hiddenCount > 0 ? `Totals include ${charts.hiddenCount} epics not visible to you; the charts list only your own. ` : ''}
        {charts.skippedCommitment === 'exclude'
          ? `${closedCount} epics closed without implementation in the range are left out of flow time and velocity.`
          : 'Epics closed without implementation count with a flow time of 0 days (setting: back-fill).'}
      </Text>
      <Section title="Velocity and flow time">
        <Box xcss={gridStyles}>
          <VelocityChart velocity={charts.velocity} period={charts.period} />
          <FlowTimeChart charts={charts} />
        </Box>
      </Section>
      <Section title="Load and aging">
        <Box xcss={gridStyles}>
          <CfdChart charts={charts} />
          <LoadChart load={charts.load} />
          <AgingChart charts={charts} percentiles={report.flowTime.percentiles} />
        </Box>
      </Section>
      <Section title="Distribution, efficiency and predictability">
        <Box xcss={gridStyles}>
          <DistributionChart distribution={charts.distribution} range={charts.range} />
          <EfficiencyChart efficiency={charts.efficiency} segment={charts.segment} />
          <EpicEfficiencyChart efficiency={charts.efficiency} />
          <PredictabilityChart predictability={charts.predictability} />
        </Box>
      </Section>
      <Section title="Forecasts">
        <ForecastPanel asOf={charts.asOf} filters={forecastFiltersOf(query)} {...(metrics.forecasts === undefined ? {} : { opening: metrics.forecasts })} />
      </Section>
    </Stack>
  );
}
