/** A plain data table styled with design tokens (the installed Atlaskit set has no table). */
import type { CSSProperties, ReactNode } from 'react';
import { token } from '@atlaskit/tokens';

const tableStyle: CSSProperties = { width: '100%', borderCollapse: 'collapse' };
const headStyle: CSSProperties = {
  textAlign: 'left',
  padding: `${token('space.100')} ${token('space.100')}`,
  borderBottom: `${token('border.width.selected')} solid ${token('color.border')}`,
  color: token('color.text.subtle'),
  font: token('font.heading.xxsmall'),
  whiteSpace: 'nowrap',
};
const cellStyle: CSSProperties = {
  padding: `${token('space.100')} ${token('space.100')}`,
  borderBottom: `${token('border.width')} solid ${token('color.border')}`,
  verticalAlign: 'middle',
};

export interface Column<Row> {
  readonly title: string;
  readonly numeric?: boolean;
  readonly render: (row: Row) => ReactNode;
}

export function DataTable<Row>({ caption, columns, rows, rowKey }: { caption: string; columns: readonly Column<Row>[]; rows: readonly Row[]; rowKey: (row: Row) => string }) {
  return (
    <table style={tableStyle}>
      <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.title} scope="col" style={{ ...headStyle, textAlign: column.numeric === true ? 'right' : 'left' }}>
              {column.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.title} style={{ ...cellStyle, textAlign: column.numeric === true ? 'right' : 'left' }}>
                {column.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
