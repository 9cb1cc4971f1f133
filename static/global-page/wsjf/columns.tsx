/**
 * The WSJF table's columns: one description per column serves the table head, its cells (read
 * or edit mode) and the CSV, so the export is exactly what the table shows.
 */
import type { ReactNode } from 'react';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { COMPONENT_NAMES } from '../../../src/domain/wsjf';
import { formatScore, NONE } from '../../shared/format';
import { IssueLink } from '../../shared/IssueLink';
import { StateLozenge } from '../../shared/StateLozenge';
import type { CsvCell } from '../../shared/csv';
import { COMPONENT_LABELS, missingText, scorerName } from './session';
import type { ComponentName, Ranking, SessionRow, SortKey } from './session';

export interface ColumnContext {
  readonly ranking: Ranking;
  readonly editing: boolean;
  /** Renders the input of one component of one row (edit mode). */
  readonly input: (row: SessionRow, name: ComponentName) => ReactNode;
}

export interface WsjfColumn {
  readonly key: SortKey;
  readonly title: string;
  /** Percentage of the table's width. */
  readonly width: number;
  readonly numeric?: boolean;
  readonly cell: (row: SessionRow, context: ColumnContext) => ReactNode;
  readonly csv: (row: SessionRow) => CsvCell;
}

/** Scores in the CSV keep two decimals at most (13 / 3 → 4.33), as a number a spreadsheet can sum. */
function csvNumber(value: number | null): CsvCell {
  return value === null ? null : Math.round(value * 100) / 100;
}

/** A calendar date in UTC (the same for every viewer), e.g. 2026-11-16. */
export function formatDate(epochMillis: number | null): string | null {
  return epochMillis === null ? null : new Date(epochMillis).toISOString().slice(0, 10);
}

function RankCell({ row }: { row: SessionRow }) {
  if (row.rank === null) return <>{NONE}</>;
  const saved = row.epic.rank;
  if (saved === null || saved === row.rank) return <>{row.rank}</>;
  const up = row.rank < saved;
  return (
    <Stack space="space.0" alignInline="end">
      <Text weight="bold">{row.rank}</Text>
      <Text size="small" color={up ? 'color.text.success' : 'color.text.danger'}>
        {up ? '↑' : '↓'} from {saved}
      </Text>
    </Stack>
  );
}

function componentColumn(name: ComponentName, width: number): WsjfColumn {
  return {
    key: name,
    title: COMPONENT_LABELS[name],
    width,
    numeric: true,
    cell: (row, context) => (context.editing ? context.input(row, name) : formatScore(row.components[name])),
    csv: (row) => csvNumber(row.components[name]),
  };
}

export function wsjfColumns(options: { unscored: boolean }): WsjfColumn[] {
  const columns: WsjfColumn[] = [
    { key: 'rank', title: 'Rank', width: options.unscored ? 5 : 6, numeric: true, cell: (row) => <RankCell row={row} />, csv: (row) => row.rank },
    {
      key: 'key',
      title: 'Key',
      width: 7,
      cell: (row) => (
        <Inline space="space.050" alignBlock="center" shouldWrap>
          <IssueLink issueKey={row.epic.key} />
          {row.changed && <Lozenge appearance="moved">Edited</Lozenge>}
        </Inline>
      ),
      csv: (row) => row.epic.key,
    },
    { key: 'summary', title: 'Summary', width: options.unscored ? 14 : 18, cell: (row) => row.epic.summary, csv: (row) => row.epic.summary },
    {
      key: 'state',
      title: 'State',
      width: 9,
      cell: (row, context) => <StateLozenge state={row.epic.state} portfolio={context.ranking} />,
      csv: (row) => row.epic.state,
    },
    { key: 'theme', title: 'Theme', width: 6, cell: (row) => row.epic.theme ?? NONE, csv: (row) => row.epic.theme },
    ...COMPONENT_NAMES.filter((name) => name !== 'jobSize').map((name) => componentColumn(name, 6)),
    componentColumn('jobSize', 6),
    { key: 'costOfDelay', title: 'Cost of delay', width: 6, numeric: true, cell: (row) => formatScore(row.costOfDelay), csv: (row) => row.costOfDelay },
    {
      key: 'wsjfScore',
      title: 'WSJF',
      width: 5,
      numeric: true,
      cell: (row) => <strong>{formatScore(row.wsjfScore)}</strong>,
      csv: (row) => csvNumber(row.wsjfScore),
    },
    { key: 'scoredBy', title: 'Scored by', width: options.unscored ? 7 : 11, cell: (row) => scorerName(row.epic) ?? NONE, csv: (row) => scorerName(row.epic) },
    { key: 'scoredAt', title: 'Scored on', width: 8, cell: (row) => formatDate(row.epic.scoredAt) ?? NONE, csv: (row) => formatDate(row.epic.scoredAt) },
  ];
  if (!options.unscored) return columns;
  return [
    ...columns,
    { key: 'missing', title: 'Missing', width: 9, cell: (row) => missingText(row), csv: (row) => missingText(row) },
  ];
}
