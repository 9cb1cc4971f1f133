/** Flow time of the chosen segment: a scatterplot (date × days) with percentile lines, and its histogram. */
import { scaleBand, scaleLinear } from 'd3-scale';
import { ChartFigure } from '../../shared/ChartFigure';
import type { FlowCharts } from '../../../src/contract/flowReport';
import { COLOURS, ChartSvg, HEIGHT, Legend, MARGIN, WIDTH, XAxis, YAxis, categorical, dayOf, monthTicks, oneDecimal, shortDate } from './chartKit';

type Point = FlowCharts['flowTime']['points'][number];
type Bin = FlowCharts['flowTime']['histogram'][number];
const LINE_COLOURS = [COLOURS.success, COLOURS.warning, COLOURS.danger];

export function FlowTimeChart({ charts }: { charts: FlowCharts }) {
  const { flowTime, segment, range } = charts;
  const from = dayOf(range.from);
  const to = dayOf(range.to);
  const x = scaleLinear().domain([from, to]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const top = Math.max(1, ...flowTime.points.map((p) => p.days), ...flowTime.percentiles.map((p) => p.days ?? 0));
  const y = scaleLinear().domain([0, top]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const lines = flowTime.percentiles.map((p, index) => ({ ...p, colour: LINE_COLOURS[index] ?? categorical(index) }));
  const name = `${segment.from} → ${segment.to}`;
  return (
    <>
      <ChartFigure<Point>
        title={`Flow time, ${name}: ${flowTime.count} epics`}
        description={`Each dot an epic that reached ${segment.to} in the range, at its days from ${segment.from}; ${lines.map((l) => `${l.percentile}th percentile ${oneDecimal(l.days)} days`).join(', ')}.`}
        csvName="flow-time"
        testId="chart-flow-time"
        table={{
          rowKey: (row) => row.key,
          rows: flowTime.points,
          columns: [
            { title: 'Epic', render: (row) => row.key, csv: (row) => row.key },
            { title: 'Summary', render: (row) => row.summary, csv: (row) => row.summary },
            { title: `Reached ${segment.to}`, render: (row) => row.end, csv: (row) => row.end },
            { title: 'Days', numeric: true, render: (row) => row.days, csv: (row) => row.days },
          ],
        }}
      >
        <ChartSvg>
          <YAxis ticks={y.ticks(5)} y={y} />
          {flowTime.points.map((p) => (
            <circle key={p.key} cx={x(dayOf(p.end))} cy={y(p.days)} r={3.5} fill={COLOURS.primary} fillOpacity={0.7} />
          ))}
          {lines.map((line, index) =>
            line.days === null ? null : (
              <g key={line.percentile}>
                <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(line.days)} y2={y(line.days)} stroke={line.colour} strokeWidth={1.5} strokeDasharray="6 4" />
                {/* Staggered so close percentiles keep readable labels. */}
                <text x={WIDTH - MARGIN.right - index * 92} y={y(line.days) - 4} textAnchor="end" fill={COLOURS.text}>{`${line.percentile}%: ${oneDecimal(line.days)} d`}</text>
              </g>
            ),
          )}
          <XAxis ticks={monthTicks(from, to).map((day) => ({ x: x(day), label: shortDate(new Date(day * 86_400_000).toISOString().slice(0, 10)) }))} />
        </ChartSvg>
        <Legend items={lines.map((line) => ({ label: `${line.percentile}th percentile`, colour: line.colour, dashed: true }))} />
      </ChartFigure>
      <FlowTimeHistogram histogram={flowTime.histogram} name={name} />
    </>
  );
}

function FlowTimeHistogram({ histogram, name }: { histogram: readonly Bin[]; name: string }) {
  const x = scaleBand<number>().domain(histogram.map((bin) => bin.from)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.1);
  const y = scaleLinear().domain([0, Math.max(1, ...histogram.map((bin) => bin.count))]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  return (
    <ChartFigure<Bin>
      title={`Flow time histogram, ${name}`}
      description="How many epics took how long (days, in bins of equal width)."
      csvName="flow-time-histogram"
      testId="chart-flow-time-histogram"
      table={{
        rowKey: (row) => String(row.from),
        rows: histogram,
        columns: [
          { title: 'From (days)', numeric: true, render: (row) => row.from, csv: (row) => row.from },
          { title: 'To (days, excl.)', numeric: true, render: (row) => row.to, csv: (row) => row.to },
          { title: 'Epics', numeric: true, render: (row) => row.count, csv: (row) => row.count },
        ],
      }}
    >
      <ChartSvg>
        <YAxis ticks={y.ticks(4).filter(Number.isInteger)} y={y} />
        {histogram.map((bin) => (
          <rect key={bin.from} x={x(bin.from)} width={x.bandwidth()} y={y(bin.count)} height={y(0) - y(bin.count)} fill={COLOURS.primary} />
        ))}
        <XAxis ticks={histogram.map((bin) => ({ x: (x(bin.from) ?? 0) + x.bandwidth() / 2, label: String(bin.from) }))} />
      </ChartSvg>
    </ChartFigure>
  );
}
