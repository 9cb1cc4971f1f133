/** Aging WIP: each epic in progress a dot at its age, by state, against the flow-time percentiles. */
import { router } from '@forge/bridge';
import { scaleBand, scaleLinear } from 'd3-scale';
import { ChartFigure } from '../../shared/ChartFigure';
import { IssueLink } from '../../shared/IssueLink';
import type { FlowCharts } from '../../../src/contract/flowReport';
import type { FlowReport } from '../../../src/contract/flowReport';
import { COLOURS, ChartSvg, HEIGHT, Legend, MARGIN, WIDTH, XAxis, YAxis, oneDecimal } from './chartKit';

type Item = FlowCharts['aging'][number];
const LINE_COLOURS = [COLOURS.success, COLOURS.warning, COLOURS.danger];

function colourOf(band: string | null): string {
  if (band === null) return COLOURS.primary;
  if (band.startsWith('>')) return COLOURS.danger;
  return Number(band) >= 85 ? COLOURS.warning : COLOURS.primary;
}

export function AgingChart({ charts, percentiles }: { charts: FlowCharts; percentiles: FlowReport['flowTime']['percentiles'] }) {
  const { aging, states, commitment } = charts;
  const columns = states.slice(states.indexOf(commitment), -1);
  const x = scaleBand<string>().domain(columns).range([MARGIN.left, WIDTH - MARGIN.right]).padding(0.2);
  const lines = Object.entries(percentiles).filter((entry): entry is [string, number] => entry[1] !== null);
  const top = Math.max(1, ...aging.map((item) => item.ageDays), ...lines.map(([, days]) => days));
  const y = scaleLinear().domain([0, top]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const atRisk = aging.filter((item) => item.percentileBand !== null && (item.percentileBand.startsWith('>') || Number(item.percentileBand) >= 85)).length;
  return (
    <ChartFigure<Item>
      title={`Aging WIP: ${aging.length} epics in progress, ${atRisk} past the 50th percentile of flow time`}
      description={`Age = days since ${commitment}. Lines: flow-time percentiles (${lines.map(([p, d]) => `${p}th ${oneDecimal(d)} d`).join(', ')}). Click a dot, or a key in the table, to open the epic.`}
      csvName="aging-wip"
      testId="chart-aging"
      table={{
        rowKey: (row) => row.key,
        rows: aging,
        columns: [
          { title: 'Epic', render: (row) => <IssueLink issueKey={row.key} />, csv: (row) => row.key },
          { title: 'Summary', render: (row) => row.summary, csv: (row) => row.summary },
          { title: 'State', render: (row) => row.state ?? '—', csv: (row) => row.state },
          { title: 'Age (days)', numeric: true, render: (row) => row.ageDays, csv: (row) => row.ageDays },
          { title: 'Within percentile', render: (row) => row.percentileBand ?? '—', csv: (row) => row.percentileBand },
        ],
      }}
    >
      <ChartSvg>
        <YAxis ticks={y.ticks(5)} y={y} />
        {lines.map(([p, days], index) => (
          <g key={p}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(days)} y2={y(days)} stroke={LINE_COLOURS[index] ?? COLOURS.neutral} strokeDasharray="6 4" />
            <text x={WIDTH - MARGIN.right} y={y(days) - 4} textAnchor="end" fill={COLOURS.text}>{`${p}%`}</text>
          </g>
        ))}
        {aging.map((item, index) => {
          const column = item.state !== null && columns.includes(item.state) ? item.state : (columns[0] ?? '');
          // Spread the dots of one column so equal ages stay apart.
          const jitter = ((index * 37) % 100) / 100 - 0.5;
          return (
            <circle
              key={item.key}
              data-testid="aging-dot"
              data-key={item.key}
              cx={(x(column) ?? 0) + x.bandwidth() / 2 + jitter * x.bandwidth() * 0.6}
              cy={y(item.ageDays)}
              r={5}
              fill={colourOf(item.percentileBand)}
              stroke={COLOURS.axis}
              style={{ cursor: 'pointer' }}
              onClick={() => void router.navigate({ target: 'issue', issueKey: item.key })}
            >
              <title>{`${item.key}: ${item.ageDays} days`}</title>
            </circle>
          );
        })}
        <XAxis ticks={columns.map((state) => ({ x: (x(state) ?? 0) + x.bandwidth() / 2, label: state }))} />
      </ChartSvg>
      <Legend
        items={[
          { label: 'Within the 50th percentile', colour: COLOURS.primary },
          { label: 'Past the 50th', colour: COLOURS.warning },
          { label: 'Past the largest percentile', colour: COLOURS.danger },
        ]}
      />
    </ChartFigure>
  );
}
