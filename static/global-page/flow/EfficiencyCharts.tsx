/** Flow efficiency over the chosen segment: active vs waiting time by state and status, and per epic. */
import { scaleLinear } from 'd3-scale';
import { ChartFigure } from '../../shared/ChartFigure';
import type { FlowCharts } from '../../../src/contract/flowReport';
import { COLOURS, ChartSvg, HEIGHT, Legend, MARGIN, WIDTH, YAxis, oneDecimal, percent } from './chartKit';

type Efficiency = FlowCharts['efficiency'];
interface Row {
  level: 'State' | 'Status';
  name: string;
  kind: 'active' | 'waiting';
  activeDays: number;
  waitingDays: number;
  note: string;
}
type EpicRow = Efficiency['epics'][number];

export function EfficiencyChart({ efficiency, segment }: { efficiency: Efficiency; segment: FlowCharts['segment'] }) {
  const rows: Row[] = [
    ...efficiency.byState.map((row) => ({ level: 'State' as const, name: row.state, kind: row.kind, activeDays: row.activeDays, waitingDays: row.waitingDays, note: '' })),
    ...efficiency.byStatus.map((row) => ({
      level: 'Status' as const,
      name: row.name,
      kind: row.kind,
      activeDays: row.activeDays,
      waitingDays: row.waitingDays,
      note: `${row.state ?? 'no state'}${row.overridden ? `, marked ${row.kind}` : ''}`,
    })),
  ];
  const left = 210;
  const rowHeight = 24;
  const height = 12 + rows.length * rowHeight;
  const max = Math.max(1, ...rows.map((row) => row.activeDays + row.waitingDays));
  const x = scaleLinear().domain([0, max]).range([left, WIDTH - 70]);
  const active = rows.filter((row) => row.kind === 'active').map((row) => `${row.level.toLowerCase()} ${row.name}`);
  return (
    <ChartFigure<Row>
      title={`Flow efficiency, ${segment.from} → ${segment.to}: ${percent(efficiency.portfolio)}`}
      description={`Active ${oneDecimal(efficiency.activeDays)} of ${oneDecimal(efficiency.activeDays + efficiency.waitingDays)} epic-days; flagged time (${oneDecimal(efficiency.flaggedDays)} days) counts as waiting. Active: ${active.join(', ') || 'none'}.`}
      csvName="flow-efficiency"
      testId="chart-efficiency"
      table={{
        rowKey: (row) => `${row.level}-${row.name}`,
        rows,
        columns: [
          { title: 'Level', render: (row) => row.level, csv: (row) => row.level },
          { title: 'Name', render: (row) => row.name, csv: (row) => row.name },
          { title: 'Counts as', render: (row) => row.kind, csv: (row) => row.kind },
          { title: 'Active days', numeric: true, render: (row) => oneDecimal(row.activeDays), csv: (row) => row.activeDays },
          { title: 'Waiting days', numeric: true, render: (row) => oneDecimal(row.waitingDays), csv: (row) => row.waitingDays },
          { title: 'Note', render: (row) => row.note, csv: (row) => row.note },
        ],
      }}
    >
      <ChartSvg height={height}>
        {rows.map((row, index) => {
          const top = 6 + index * rowHeight;
          return (
            <g key={`${row.level}-${row.name}`}>
              <text x={left - 8} y={top + 12} textAnchor="end" fill={COLOURS.text}>{`${row.level === 'Status' ? '  status ' : ''}${row.name}`}</text>
              <rect x={left} y={top} width={x(row.activeDays) - left} height={16} fill={COLOURS.success} />
              <rect x={x(row.activeDays)} y={top} width={x(row.activeDays + row.waitingDays) - x(row.activeDays)} height={16} fill={COLOURS.waiting} />
              <text x={x(row.activeDays + row.waitingDays) + 4} y={top + 12} fill={COLOURS.text}>
                {oneDecimal(row.activeDays + row.waitingDays)} d
              </text>
            </g>
          );
        })}
      </ChartSvg>
      <Legend
        items={[
          { label: 'Active', colour: COLOURS.success },
          { label: 'Waiting (incl. flagged)', colour: COLOURS.waiting },
        ]}
      />
    </ChartFigure>
  );
}

export function EpicEfficiencyChart({ efficiency }: { efficiency: Efficiency }) {
  const epics = [...efficiency.epics].sort((a, b) => (a.efficiency ?? 0) - (b.efficiency ?? 0));
  const x = scaleLinear().domain([0, Math.max(1, epics.length - 1)]).range([MARGIN.left + 4, WIDTH - MARGIN.right - 4]);
  const y = scaleLinear().domain([0, 1]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  return (
    <ChartFigure<EpicRow>
      title={`Flow efficiency per epic: ${epics.length} epics, portfolio ${percent(efficiency.portfolio)}`}
      description="Each bar an epic, lowest efficiency first; the line is the portfolio's (sum of active time over sum of flow time)."
      csvName="flow-efficiency-epics"
      testId="chart-efficiency-epics"
      table={{
        rowKey: (row) => row.key,
        rows: epics,
        columns: [
          { title: 'Epic', render: (row) => row.key, csv: (row) => row.key },
          { title: 'Summary', render: (row) => row.summary, csv: (row) => row.summary },
          { title: 'Efficiency', numeric: true, render: (row) => percent(row.efficiency), csv: (row) => row.efficiency },
          { title: 'Active days', numeric: true, render: (row) => oneDecimal(row.activeDays), csv: (row) => row.activeDays },
          { title: 'Flow days', numeric: true, render: (row) => oneDecimal(row.flowDays), csv: (row) => row.flowDays },
          { title: 'Flagged days', numeric: true, render: (row) => oneDecimal(row.flaggedDays), csv: (row) => row.flaggedDays },
        ],
      }}
    >
      <ChartSvg>
        <YAxis ticks={[0, 0.25, 0.5, 0.75, 1]} y={y} format={percent} />
        {epics.map((epic, index) => (
          <rect key={epic.key} x={x(index) - 2} width={4} y={y(epic.efficiency ?? 0)} height={y(0) - y(epic.efficiency ?? 0)} fill={COLOURS.primary} />
        ))}
        {efficiency.portfolio !== null && (
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(efficiency.portfolio)} y2={y(efficiency.portfolio)} stroke={COLOURS.danger} strokeDasharray="6 4" strokeWidth={2} />
        )}
      </ChartSvg>
    </ChartFigure>
  );
}
