/**
 * Every chart's frame: a `<figure>` named by its `<figcaption>`, the chart itself (decorative to a
 * screen reader: the table holds the same numbers), a button that shows the table view in its place
 * (keyboard reachable, the table is what a screen reader reads) and a CSV download of the same rows.
 */
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { DataTable } from './table';
import type { Column } from './table';
import { raisedSurfaceStyles } from './surface';
import { downloadCsv } from './ChartFigureCsv';

const figureStyles = xcss({ padding: 'space.200', margin: 'space.0', minWidth: '0' });

export interface ChartTable<Row> {
  readonly columns: readonly (Column<Row> & { readonly csv: (row: Row) => string | number | null })[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string;
}

export function ChartFigure<Row>({
  title,
  description,
  csvName,
  table,
  children,
  testId,
}: {
  title: string;
  description?: ReactNode;
  csvName: string;
  table: ChartTable<Row>;
  children: ReactNode;
  testId?: string;
}) {
  const [showTable, setShowTable] = useState(false);
  const captionId = useId();
  return (
    <Box as="figure" xcss={[raisedSurfaceStyles, figureStyles]} aria-labelledby={captionId} testId={testId}>
      <Stack space="space.150">
        <Inline spread="space-between" alignBlock="start" space="space.100" shouldWrap>
          <Stack space="space.050">
            <figcaption id={captionId}>
              <Text weight="bold">{title}</Text>
            </figcaption>
            {description !== undefined && (
              <Text size="small" color="color.text.subtle">
                {description}
              </Text>
            )}
          </Stack>
          <Inline space="space.050">
            <Button appearance="subtle" aria-pressed={showTable} onClick={() => setShowTable((shown) => !shown)}>
              {showTable ? 'Show chart' : 'Show table'}
            </Button>
            <Button
              appearance="subtle"
              onClick={() => downloadCsv(csvName, table.columns.map((column) => column.title), table.rows.map((row) => table.columns.map((column) => column.csv(row))))}
            >
              Download CSV
            </Button>
          </Inline>
        </Inline>
        {showTable ? (
          <Box xcss={xcss({ maxHeight: '420px', overflowY: 'auto' })} tabIndex={0}>
            <DataTable caption={title} columns={table.columns} rows={table.rows} rowKey={table.rowKey} />
          </Box>
        ) : (
          <div aria-hidden="true">{children}</div>
        )}
      </Stack>
    </Box>
  );
}
