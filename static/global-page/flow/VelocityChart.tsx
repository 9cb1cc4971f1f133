/** Flow velocity as a run chart: bars per period, the average of complete periods, the partial one apart. */
import { scaleBand, scaleLinear } from 'd3-scale';
import { ChartFigure } from '../../shared/ChartFigure';
import type { FlowCharts } from '../../../src/contract/flowReport';
import { COLOURS, ChartSvg, HEIGHT, Legend, MARGIN, WIDTH, XAxis, YAxis, oneDecimal, shortDate } from './chartKit';

type Period = FlowCharts['velocity']['series'][number];

export function VelocityChart({ velocity, period }: { velocity: FlowCharts['velocity']; period: FlowCharts['period'] }) {
  const { series, average } = velocity;
  const x = scaleBand<string>().domain(series.map((p) => p.start)).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.2);
  const top = Math.max(1, ...series.map((p) => p.count + p.closedWithoutImplementation));
  const y = scaleLinear().domain([0, top]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const every = Math.max(1, Math.ceil(series.length / 8));
  return (
    <ChartFigure<Period>
      title={`Flow velocity: epics done per ${period}`}
      description={`Average of complete ${period}s: ${oneDecimal(average)}. The current ${period} is partial (hatched) and left out of the average; epics closed without implementation are counted apart.`}
      csvName="flow-velocity"
      testId="chart-velocity"
      table={{
        rowKey: (row) => row.start,
        rows: series,
        columns: [
          { title: 'Period start', render: (row) => row.start, csv: (row) => row.start },
          { title: 'Done', numeric: true, render: (row) => row.count, csv: (row) => row.count },
          { title: 'Partial', render: (row) => (row.partial ? 'yes' : 'no'), csv: (row) => (row.partial ? 'yes' : 'no') },
          { title: 'Closed without implementation', numeric: true, render: (row) => row.closedWithoutImplementation, csv: (row) => row.closedWithoutImplementation },
        ],
      }}
    >
      <ChartSvg>
        <defs>
          <pattern id="lpm-partial" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="none" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={COLOURS.primary} strokeWidth="3" />
          </pattern>
        </defs>
        <YAxis ticks={y.ticks(5).filter(Number.isInteger)} y={y} />
        {series.map((p) => {
          const left = x(p.start) ?? 0;
          const width = x.bandwidth();
          return (
            <g key={p.start}>
              <rect x={left} width={width} y={y(p.count)} height={y(0) - y(p.count)} fill={p.partial ? 'url(#lpm-partial)' : COLOURS.primary} stroke={p.partial ? COLOURS.primary : 'none'} />
              {p.partial && (
                <text x={left + width / 2} y={y(p.count + p.closedWithoutImplementation) - 4} textAnchor="middle" fill={COLOURS.text}>
                  partial
                </text>
              )}
              {p.closedWithoutImplementation > 0 && (
                <rect x={left} width={width} y={y(p.count + p.closedWithoutImplementation)} height={y(p.count) - y(p.count + p.closedWithoutImplementation)} fill={COLOURS.neutral} />
              )}
            </g>
          );
        })}
        {average !== null && <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(average)} y2={y(average)} stroke={COLOURS.danger} strokeWidth={2} strokeDasharray="6 4" />}
        <XAxis ticks={series.filter((_, i) => i % every === 0).map((p) => ({ x: (x(p.start) ?? 0) + x.bandwidth() / 2, label: shortDate(p.start, period === 'week') }))} />
      </ChartSvg>
      <Legend
        items={[
          { label: 'Done', colour: COLOURS.primary },
          { label: 'Closed without implementation', colour: COLOURS.neutral },
          { label: `Average (${oneDecimal(average)})`, colour: COLOURS.danger, dashed: true },
        ]}
      />
    </ChartFigure>
  );
}
