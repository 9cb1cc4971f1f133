/** Flow load: the cumulative flow diagram over the range, and the load by state against WIP limits. */
import { scaleBand, scaleLinear } from 'd3-scale';
import { area } from 'd3-shape';
import { ChartFigure } from '../../shared/ChartFigure';
import type { FlowCharts } from '../../../src/contract/flowReport';
import { COLOURS, ChartSvg, HEIGHT, Legend, MARGIN, WIDTH, XAxis, YAxis, categorical, dateOfDay, dayOf, monthTicks, shortDate } from './chartKit';

type CfdRow = FlowCharts['cfd'][number];
type LoadRow = FlowCharts['load']['byState'][number];

export function CfdChart({ charts }: { charts: FlowCharts }) {
  const { cfd, states, range } = charts;
  const from = dayOf(range.from);
  const to = dayOf(range.to);
  const x = scaleLinear().domain([from, to]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const top = Math.max(1, ...cfd.map((row) => row.counts[states[0] ?? ''] ?? 0));
  const y = scaleLinear().domain([0, top]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  // Band of state i: epics that reached it (counts[i]); stacked as Done at the bottom, the first state on top.
  const bands = states.map((state, index) => {
    const shape = area<CfdRow>()
      .x((row) => x(dayOf(row.date)))
      .y0((row) => y(row.counts[states[index + 1] ?? ''] ?? 0))
      .y1((row) => y(row.counts[state] ?? 0));
    return { state, path: index === states.length - 1 ? area<CfdRow>().x((row) => x(dayOf(row.date))).y0(y(0)).y1((row) => y(row.counts[state] ?? 0))(cfd) : shape(cfd), colour: categorical(index) };
  });
  return (
    <ChartFigure<CfdRow>
      title={`Cumulative flow, ${range.from} to ${range.to}`}
      description="For each day, the epics that had reached each state by then; the band between two lines is the epics in that state."
      csvName="cumulative-flow"
      testId="chart-cfd"
      table={{
        rowKey: (row) => row.date,
        rows: cfd,
        columns: [
          { title: 'Date', render: (row) => row.date, csv: (row) => row.date },
          ...states.map((state) => ({ title: state, numeric: true, render: (row: CfdRow) => row.counts[state] ?? 0, csv: (row: CfdRow) => row.counts[state] ?? 0 })),
        ],
      }}
    >
      <ChartSvg>
        <YAxis ticks={y.ticks(5)} y={y} />
        {bands.map((band) => (band.path === null ? null : <path key={band.state} d={band.path} fill={band.colour} fillOpacity={0.85} />))}
        <XAxis ticks={monthTicks(from, to).map((day) => ({ x: x(day), label: shortDate(dateOfDay(day)) }))} />
      </ChartSvg>
      <Legend items={bands.map((band) => ({ label: band.state, colour: band.colour }))} />
    </ChartFigure>
  );
}

export function LoadChart({ load }: { load: FlowCharts['load'] }) {
  const rows = load.byState;
  const height = 36 + rows.length * 28;
  const y = scaleBand<string>().domain(rows.map((row) => row.state)).range([MARGIN.top, height - MARGIN.bottom]).padding(0.25);
  const max = Math.max(1, ...rows.map((row) => Math.max(row.count, row.wipLimit ?? 0)));
  const left = 130;
  const x = scaleLinear().domain([0, max]).nice().range([left, WIDTH - MARGIN.right - 40]);
  return (
    <ChartFigure<LoadRow>
      title={`Load by state: ${load.inProgress} epics in progress`}
      description="Epics in each state today (their latest state) against the state's WIP limit (the mark); red when over."
      csvName="load-by-state"
      testId="chart-load"
      table={{
        rowKey: (row) => row.state,
        rows,
        columns: [
          { title: 'State', render: (row) => row.state, csv: (row) => row.state },
          { title: 'Epics', numeric: true, render: (row) => row.count, csv: (row) => row.count },
          { title: 'WIP limit', numeric: true, render: (row) => row.wipLimit ?? 'none', csv: (row) => row.wipLimit },
          { title: 'Over the limit', render: (row) => (row.overLimit ? 'yes' : 'no'), csv: (row) => (row.overLimit ? 'yes' : 'no') },
        ],
      }}
    >
      <ChartSvg height={height}>
        {rows.map((row) => {
          const top = y(row.state) ?? 0;
          return (
            <g key={row.state}>
              <text x={left - 8} y={top + y.bandwidth() / 2} dy="0.32em" textAnchor="end" fill={COLOURS.text}>
                {row.state}
              </text>
              <rect x={left} y={top} height={y.bandwidth()} width={x(row.count) - left} fill={row.overLimit ? COLOURS.danger : COLOURS.primary} />
              <text x={x(row.count) + 4} y={top + y.bandwidth() / 2} dy="0.32em" fill={COLOURS.text}>
                {row.wipLimit === null ? row.count : `${row.count} / ${row.wipLimit}`}
              </text>
              {row.wipLimit !== null && <line x1={x(row.wipLimit)} x2={x(row.wipLimit)} y1={top - 3} y2={top + y.bandwidth() + 3} stroke={COLOURS.danger} strokeWidth={2} />}
            </g>
          );
        })}
      </ChartSvg>
    </ChartFigure>
  );
}
