/** Flow predictability per quarter: business value planned against delivered. */
import { scaleBand, scaleLinear } from 'd3-scale';
import { ChartFigure } from '../../shared/ChartFigure';
import type { FlowCharts } from '../../../src/contract/flowReport';
import { COLOURS, ChartSvg, HEIGHT, Legend, MARGIN, WIDTH, XAxis, YAxis, percent } from './chartKit';

type Row = FlowCharts['predictability']['series'][number];

const quarterName = (start: string) => `${start.slice(0, 4)} Q${(Number(start.slice(5, 7)) + 2) / 3}`;

export function PredictabilityChart({ predictability }: { predictability: FlowCharts['predictability'] }) {
  const { series } = predictability;
  const x = scaleBand<string>().domain(series.map((row) => row.start)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.25);
  const inner = scaleBand<string>().domain(['planned', 'delivered']).range([0, x.bandwidth()]).padding(0.05);
  const y = scaleLinear().domain([0, Math.max(1, ...series.map((row) => row.plannedValue))]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top + 14]);
  return (
    <ChartFigure<Row>
      title="Flow predictability per quarter: business value planned and delivered"
      description="Planned for a quarter: epics committed before it began and not done by then. Delivered: those done within it. Work committed and done within the quarter is not in the ratio."
      csvName="flow-predictability"
      testId="chart-predictability"
      table={{
        rowKey: (row) => row.start,
        rows: series,
        columns: [
          { title: 'Quarter', render: (row) => `${quarterName(row.start)}${row.partial ? ' (partial)' : ''}`, csv: (row) => row.start },
          { title: 'Planned epics', numeric: true, render: (row) => row.plannedCount, csv: (row) => row.plannedCount },
          { title: 'Planned value', numeric: true, render: (row) => row.plannedValue, csv: (row) => row.plannedValue },
          { title: 'Delivered value', numeric: true, render: (row) => row.deliveredValue, csv: (row) => row.deliveredValue },
          { title: 'Predictability', numeric: true, render: (row) => percent(row.predictability), csv: (row) => row.predictability },
          { title: 'Unplanned value delivered', numeric: true, render: (row) => row.unplannedDeliveredValue, csv: (row) => row.unplannedDeliveredValue },
          { title: 'Planned without a value', numeric: true, render: (row) => row.unvalued, csv: (row) => row.unvalued },
        ],
      }}
    >
      <ChartSvg>
        <YAxis ticks={y.ticks(5)} y={y} />
        {series.map((row) => {
          const left = x(row.start) ?? 0;
          return (
            <g key={row.start} opacity={row.partial ? 0.6 : 1}>
              <rect x={left + (inner('planned') ?? 0)} width={inner.bandwidth()} y={y(row.plannedValue)} height={y(0) - y(row.plannedValue)} fill={COLOURS.neutral} />
              <rect x={left + (inner('delivered') ?? 0)} width={inner.bandwidth()} y={y(row.deliveredValue)} height={y(0) - y(row.deliveredValue)} fill={COLOURS.success} />
              <text x={left + x.bandwidth() / 2} y={y(row.plannedValue) - 4} textAnchor="middle" fill={COLOURS.text}>
                {percent(row.predictability)}
              </text>
            </g>
          );
        })}
        <XAxis ticks={series.map((row) => ({ x: (x(row.start) ?? 0) + x.bandwidth() / 2, label: `${quarterName(row.start)}${row.partial ? '*' : ''}` }))} />
      </ChartSvg>
      <Legend
        items={[
          { label: 'Planned value', colour: COLOURS.neutral },
          { label: 'Delivered value', colour: COLOURS.success },
        ]}
      />
    </ChartFigure>
  );
}
