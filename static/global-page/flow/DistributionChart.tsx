/** Flow distribution: share of work by theme, work type and value stream, in progress and done, against theme targets. */
import { ChartFigure } from '../../shared/ChartFigure';
import type { FlowCharts } from '../../../src/contract/flowReport';
import { COLOURS, ChartSvg, Legend, WIDTH, percent } from './chartKit';

type Distribution = FlowCharts['distribution']['inProgress'];
interface Row {
  dimension: string;
  category: string;
  inProgress: number;
  inProgressShare: number;
  done: number;
  doneShare: number;
  target: number | null;
}

const DIMENSIONS: readonly { key: keyof Distribution; name: string }[] = [
  { key: 'theme', name: 'Theme' },
  { key: 'workType', name: 'Work type' },
  { key: 'valueStream', name: 'Value stream' },
];

function rowsOf(inProgress: Distribution, done: Distribution): Row[] {
  return DIMENSIONS.flatMap(({ key, name }) => {
    const categories = [...new Set([...inProgress[key], ...done[key]].map((row) => row.category))];
    return categories.map((category) => {
      const wip = inProgress[key].find((row) => row.category === category);
      const completed = done[key].find((row) => row.category === category);
      return {
        dimension: name,
        category,
        inProgress: wip?.count ?? 0,
        inProgressShare: wip?.share ?? 0,
        done: completed?.count ?? 0,
        doneShare: completed?.share ?? 0,
        target: wip?.target ?? completed?.target ?? null,
      };
    });
  });
}

export function DistributionChart({ distribution, range }: { distribution: FlowCharts['distribution']; range: FlowCharts['range'] }) {
  const rows = rowsOf(distribution.inProgress, distribution.completed);
  const rowHeight = 30;
  const left = 200;
  const height = 16 + rows.length * rowHeight + DIMENSIONS.length * 18;
  const barWidth = (WIDTH - left - 60) / 2;
  let cursor = 8;
  const placed = DIMENSIONS.flatMap(({ name }) => {
    const group = rows.filter((row) => row.dimension === name);
    const header = cursor + 12;
    cursor += 18;
    const items = group.map((row) => {
      const top = cursor;
      cursor += rowHeight;
      return { row, top };
    });
    return [{ header: { name, y: header } as const, items }];
  });
  return (
    <ChartFigure<Row>
      title="Flow distribution by theme, work type and value stream"
      description={`Share of the epics in progress today (left) and of those done from ${range.from} to ${range.to} (right); the mark is the theme's target share.`}
      csvName="flow-distribution"
      testId="chart-distribution"
      table={{
        rowKey: (row) => `${row.dimension}-${row.category}`,
        rows,
        columns: [
          { title: 'By', render: (row) => row.dimension, csv: (row) => row.dimension },
          { title: 'Category', render: (row) => row.category, csv: (row) => row.category },
          { title: 'In progress', numeric: true, render: (row) => `${row.inProgress} (${percent(row.inProgressShare)})`, csv: (row) => row.inProgress },
          { title: 'Done', numeric: true, render: (row) => `${row.done} (${percent(row.doneShare)})`, csv: (row) => row.done },
          { title: 'Target share', numeric: true, render: (row) => percent(row.target), csv: (row) => row.target },
        ],
      }}
    >
      <ChartSvg height={height}>
        {placed.map(({ header, items }) => (
          <g key={header.name}>
            <text x={0} y={header.y} fill={COLOURS.text} fontWeight="bold">
              {header.name}
            </text>
            {items.map(({ row, top }) => (
              <g key={row.category}>
                <text x={left - 8} y={top + 11} textAnchor="end" fill={COLOURS.text}>
                  {row.category.length > 28 ? `${row.category.slice(0, 27)}…` : row.category}
                </text>
                {[
                  { share: row.inProgressShare, x0: left, colour: COLOURS.primary },
                  { share: row.doneShare, x0: left + barWidth + 30, colour: COLOURS.success },
                ].map((bar) => (
                  <g key={bar.x0}>
                    <rect x={bar.x0} y={top} width={barWidth} height={16} fill={COLOURS.grid} fillOpacity={0.4} />
                    <rect x={bar.x0} y={top} width={barWidth * bar.share} height={16} fill={bar.colour} />
                    <text x={bar.x0 + barWidth * bar.share + 4} y={top + 12} fill={COLOURS.text}>
                      {percent(bar.share)}
                    </text>
                    {row.target !== null && <line x1={bar.x0 + barWidth * row.target} x2={bar.x0 + barWidth * row.target} y1={top - 3} y2={top + 19} stroke={COLOURS.danger} strokeWidth={2} />}
                  </g>
                ))}
              </g>
            ))}
          </g>
        ))}
      </ChartSvg>
      <Legend
        items={[
          { label: 'In progress', colour: COLOURS.primary },
          { label: 'Done in the range', colour: COLOURS.success },
          { label: 'Target share', colour: COLOURS.danger, dashed: true },
        ]}
      />
    </ChartFigure>
  );
}
