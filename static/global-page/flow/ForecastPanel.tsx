/**
 * Forecasts people can trust: how many by a date and when N will be done (50/85/95 %), the ranked
 * backlog's 85 % dates, and beside them the evidence: the throughput sample, the stability check and
 * the back-test. Every number comes from flow/forecast; the opening questions' answers come with
 * flow/metrics (one request for the page's open).
 */
import { useState } from 'react';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { scaleBand, scaleLinear } from 'd3-scale';
import { ChartFigure } from '../../shared/ChartFigure';
import { IssueLink } from '../../shared/IssueLink';
import { DataTable } from '../../shared/table';
import { Loaded } from '../../shared/states';
import { OPENING_FORECASTS } from './query';
import { useResolver } from '../../shared/useResolver';
import type { ResolverInput, ResolverOutput } from '../../../src/contract/resolvers';
import { COLOURS, ChartSvg, MARGIN, WIDTH, XAxis, YAxis, dateOfDay, dayOf, monthTicks, oneDecimal, shortDate } from './chartKit';

type Forecast = ResolverOutput<'flow/forecast'>;
type Filters = ResolverInput<'flow/forecast'>['filters'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Opening = NonNullable<ResolverOutput<'flow/metrics'>['forecasts']>;

/** `opening`: flow/metrics' answers to the opening questions, shown until the person asks others. */
export function ForecastPanel({ asOf, filters, opening }: { asOf: string; filters: Filters; opening?: Opening }) {
  const [by, setBy] = useState(() => opening?.by ?? dateOfDay(dayOf(asOf) + OPENING_FORECASTS.withinDays));
  const [items, setItems] = useState(String(opening?.items ?? OPENING_FORECASTS.items));
  const count = Number(items);
  const validCount = Number.isInteger(count) && count >= 1 && count <= 100_000;
  const byDate = useResolver(
    'flow/forecast',
    { by: DATE.test(by) && by >= asOf ? by : asOf, backlog: true, filters },
    opening && { payload: { by: opening.by, backlog: true, filters }, data: opening.howMany },
  );
  const when = useResolver('flow/forecast', { items: validCount ? count : OPENING_FORECASTS.items, filters }, opening && { payload: { items: opening.items, filters }, data: opening.when });
  return (
    <Stack space="space.200">
      <Inline space="space.300" shouldWrap alignBlock="end">
        <Box>
          <label htmlFor="lpm-forecast-by">
            <Text size="small" weight="medium">How many epics by</Text>
          </label>
          <Textfield id="lpm-forecast-by" type="date" value={by} min={asOf} onChange={(event) => setBy(event.currentTarget.value)} />
        </Box>
        <Box>
          <label htmlFor="lpm-forecast-items">
            <Text size="small" weight="medium">When will this many be done</Text>
          </label>
          <Textfield id="lpm-forecast-items" type="number" min={1} max={100000} value={items} onChange={(event) => setItems(event.currentTarget.value)} isInvalid={!validCount} />
        </Box>
      </Inline>
      <Loaded state={byDate.state} what="the forecast" onRetry={byDate.reload}>
        {(forecast) => (
          <Stack space="space.200">
            <ResultTables howMany={forecast} when={when.state.status === 'ready' ? when.state.data : null} />
            <Evidence forecast={forecast} />
            <BacklogChart forecast={forecast} />
          </Stack>
        )}
      </Loaded>
    </Stack>
  );
}

function ResultTables({ howMany, when }: { howMany: Forecast; when: Forecast | null }) {
  const rows = [50, 85, 95].map((confidence) => ({
    confidence,
    items: howMany.howMany?.results.find((r) => r.confidence === confidence)?.items ?? null,
    date: when?.when?.results.find((r) => r.confidence === confidence)?.date ?? null,
  }));
  const trials = howMany.howMany?.trials ?? when?.when?.trials ?? 0;
  return (
    <Stack space="space.100">
      <Text>
        {`Monte Carlo, ${trials.toLocaleString('en')} trials, sampling daily throughput of the last ${howMany.windowDays} days (${howMany.evidence.window.start} to ${howMany.evidence.window.end}: ${howMany.doneInWindow} epics done${howMany.hiddenCount > 0 ? `; the sample includes ${howMany.hiddenCount} epics not visible to you` : ''}).`}
      </Text>
      <DataTable
        caption="Forecasts at 50, 85 and 95 % confidence"
        rowKey={(row) => String(row.confidence)}
        rows={rows}
        columns={[
          { title: 'Confidence', render: (row) => `${row.confidence}%` },
          { title: `Epics done by ${howMany.howMany?.by ?? '—'} (at least)`, numeric: true, render: (row) => row.items ?? '—' },
          { title: `${when?.when?.items ?? '—'} epics done by`, render: (row) => row.date ?? (when === null ? '…' : 'not within 10 years') },
        ]}
      />
    </Stack>
  );
}

type Week = Forecast['evidence']['weekly'][number];
type Hit = NonNullable<Forecast['evidence']['backTest']>['results'][number];

function Evidence({ forecast }: { forecast: Forecast }) {
  const { weekly, stability, backTest } = forecast.evidence;
  const x = scaleBand<string>().domain(weekly.map((w) => w.start)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.15);
  const y = scaleLinear().domain([0, Math.max(1, ...weekly.map((w) => w.count))]).nice().range([180 - MARGIN.bottom, MARGIN.top]);
  const every = Math.max(1, Math.ceil(weekly.length / 7));
  const ratio = stability.ratio === null ? 'one half had none' : `${oneDecimal(stability.ratio)}×`;
  return (
    <Stack space="space.200">
      <SectionMessage appearance={stability.unstable ? 'warning' : 'success'} title={stability.unstable ? 'Throughput changed within the window' : 'Throughput was steady within the window'} testId="forecast-stability">
        <Text as="p">
          {`First half of the window: ${stability.firstHalf} done; second half: ${stability.secondHalf} (${ratio}). A forecast is flagged when the halves differ by more than ${stability.factor}×: the past it samples may not be the future.`}
        </Text>
      </SectionMessage>
      <ChartFigure<Week>
        title="The throughput the forecast samples: epics done per week of the window"
        description={`${forecast.evidence.window.start} to ${forecast.evidence.window.end}; the first week is shorter when the window is not whole weeks.`}
        csvName="forecast-throughput"
        testId="chart-throughput"
        table={{
          rowKey: (row) => row.start,
          rows: weekly,
          columns: [
            { title: 'Week from', render: (row) => row.start, csv: (row) => row.start },
            { title: 'Days', numeric: true, render: (row) => row.days, csv: (row) => row.days },
            { title: 'Done', numeric: true, render: (row) => row.count, csv: (row) => row.count },
          ],
        }}
      >
        <ChartSvg height={180}>
          <YAxis ticks={y.ticks(4).filter(Number.isInteger)} y={y} />
          {weekly.map((week) => (
            <rect key={week.start} x={x(week.start)} width={x.bandwidth()} y={y(week.count)} height={y(0) - y(week.count)} fill={COLOURS.primary} />
          ))}
          <XAxis height={180} ticks={weekly.filter((_, i) => i % every === 0).map((w) => ({ x: (x(w.start) ?? 0) + x.bandwidth() / 2, label: shortDate(w.start, true) }))} />
        </ChartSvg>
      </ChartFigure>
      {backTest === null ? (
        <Text color="color.text.subtle">No back-test: the window before {dateOfDay(dayOf(forecast.asOf) - forecast.windowDays)} had no throughput to forecast from.</Text>
      ) : (
        <ChartFigure<Hit>
          title={`Back-test: the same forecast made on ${backTest.madeOn} for ${backTest.by}, against the ${backTest.actual} epics really done`}
          description={`Hit when what happened reached the forecast count: ${backTest.results.map((r) => `${r.confidence}% ${r.hit ? 'hit' : 'miss'}`).join(', ')}.`}
          csvName="forecast-back-test"
          testId="chart-back-test"
          table={{
            rowKey: (row) => String(row.confidence),
            rows: backTest.results,
            columns: [
              { title: 'Confidence', render: (row) => `${row.confidence}%`, csv: (row) => row.confidence },
              { title: 'Forecast (at least)', numeric: true, render: (row) => row.forecast, csv: (row) => row.forecast },
              { title: 'Actually done', numeric: true, render: () => backTest.actual, csv: () => backTest.actual },
              { title: 'Result', render: (row) => (row.hit ? 'hit' : 'miss'), csv: (row) => (row.hit ? 'hit' : 'miss') },
            ],
          }}
        >
          <BackTestBars results={backTest.results} actual={backTest.actual} />
        </ChartFigure>
      )}
    </Stack>
  );
}

function BackTestBars({ results, actual }: { results: readonly Hit[]; actual: number }) {
  const height = 150;
  const x = scaleBand<number>().domain(results.map((r) => r.confidence)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.4);
  const y = scaleLinear().domain([0, Math.max(1, actual, ...results.map((r) => r.forecast))]).nice().range([height - MARGIN.bottom, MARGIN.top]);
  return (
    <ChartSvg height={height}>
      <YAxis ticks={y.ticks(4)} y={y} />
      {results.map((r) => (
        <rect key={r.confidence} x={x(r.confidence)} width={x.bandwidth()} y={y(r.forecast)} height={y(0) - y(r.forecast)} fill={r.hit ? COLOURS.success : COLOURS.danger} />
      ))}
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(actual)} y2={y(actual)} stroke={COLOURS.axis} strokeWidth={2} strokeDasharray="6 4" />
      <text x={WIDTH - MARGIN.right} y={y(actual) - 4} textAnchor="end" fill={COLOURS.text}>{`actual ${actual}`}</text>
      <XAxis height={height} ticks={results.map((r) => ({ x: (x(r.confidence) ?? 0) + x.bandwidth() / 2, label: `${r.confidence}% ${r.hit ? 'hit' : 'miss'}` }))} />
    </ChartSvg>
  );
}

type BacklogItem = NonNullable<Forecast['backlog']>['items'][number];

function BacklogChart({ forecast }: { forecast: Forecast }) {
  const backlog = forecast.backlog;
  if (backlog === null) return null;
  const shown = backlog.items.slice(0, 40);
  const dated = shown.filter((item) => item.date !== null);
  const from = dayOf(forecast.asOf);
  const to = Math.max(from + 30, ...dated.map((item) => dayOf(item.date as string)));
  const height = 260;
  const x = scaleLinear().domain([from, to]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear().domain([1, Math.max(2, shown.length)]).range([MARGIN.top, height - MARGIN.bottom]);
  return (
    <ChartFigure<BacklogItem>
      title={`Ranked backlog forecast: the date each epic is done with ${backlog.confidence} % confidence`}
      description={`Epics not done, in WSJF rank order, finished one after another from sampled throughput${backlog.beyondLimit > 0 ? `; ${backlog.beyondLimit} more beyond the first ${backlog.items.length}` : ''}${backlog.unscored > 0 ? `; ${backlog.unscored} unscored epics are not ranked` : ''}. The chart shows the first ${shown.length}.`}
      csvName="backlog-forecast"
      testId="chart-backlog"
      table={{
        rowKey: (row) => row.key,
        rows: backlog.items,
        columns: [
          { title: 'Rank', numeric: true, render: (row) => row.rank, csv: (row) => row.rank },
          { title: 'Epic', render: (row) => <IssueLink issueKey={row.key} />, csv: (row) => row.key },
          { title: 'Summary', render: (row) => row.summary, csv: (row) => row.summary },
          { title: 'State', render: (row) => row.state ?? '—', csv: (row) => row.state },
          { title: `Done by (${backlog.confidence} %)`, render: (row) => row.date ?? 'not within 10 years', csv: (row) => row.date },
        ],
      }}
    >
      <ChartSvg height={height}>
        {shown.map((item) =>
          item.date === null ? null : (
            <g key={item.key}>
              <line x1={x(from)} x2={x(dayOf(item.date))} y1={y(item.rank)} y2={y(item.rank)} stroke={COLOURS.grid} />
              <circle cx={x(dayOf(item.date))} cy={y(item.rank)} r={3.5} fill={COLOURS.primary} />
            </g>
          ),
        )}
        <text x={MARGIN.left} y={MARGIN.top - 2} fill={COLOURS.text}>rank 1</text>
        <XAxis height={height} ticks={monthTicks(from, to).map((day) => ({ x: x(day), label: shortDate(dateOfDay(day)) }))} />
      </ChartSvg>
    </ChartFigure>
  );
}
