/**
 * One WSJF table (@atlaskit/dynamic-table, stateless): the rows arrive already in the order the
 * session decided, and each row's sort-column cell carries its position as the table's sort key,
 * so the table shows exactly that order (the order the CSV exports) whatever its own sorting does.
 */
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import type { ReactNode } from 'react';
import type { ColumnContext, WsjfColumn } from './columns';
import type { SessionRow, Sort, SortKey } from './session';

export function WsjfTable({
  label,
  columns,
  rows,
  sort,
  onSort,
  context,
  highlighted,
  testId,
  emptyView,
}: {
  label: string;
  columns: readonly WsjfColumn[];
  rows: readonly SessionRow[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  context: ColumnContext;
  /** Keys of rows to highlight (a conflict or a refusal). */
  highlighted: ReadonlySet<string>;
  testId: string;
  emptyView?: ReactNode;
}) {
  const shownSort = columns.some((column) => column.key === sort.key) ? sort : undefined;
  const head = {
    cells: columns.map((column) => ({
      key: column.key,
      content: column.title,
      isSortable: true,
      width: column.width,
    })),
  };
  const tableRows = rows.map((row, position) => ({
    key: row.epic.key,
    testId: `wsjf-row-${row.epic.key}`,
    cells: columns.map((column) => ({
      // Position as the sort key: the table's own sort then keeps the session's order.
      key: shownSort?.order === 'DESC' ? -position : position,
      content: <div style={{ textAlign: column.numeric === true ? 'right' : 'left' }}>{column.cell(row, context)}</div>,
    })),
  }));
  const highlightedRowIndex = rows.flatMap((row, index) => (highlighted.has(row.epic.key) ? [index] : []));
  return (
    <DynamicTableStateless
      label={label}
      head={head}
      rows={tableRows}
      sortKey={shownSort?.key}
      sortOrder={shownSort?.order}
      onSort={(next: { key: SortKey; sortOrder: 'ASC' | 'DESC' }) => onSort({ key: next.key, order: next.sortOrder })}
      highlightedRowIndex={highlightedRowIndex}
      testId={testId}
      emptyView={emptyView as React.ReactElement | undefined}
    />
  );
}
