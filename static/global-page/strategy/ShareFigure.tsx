/**
 * A figure of shares against targets: one bar per row (the actual share), a marker at the target,
 * with a caption, a table view of the same numbers (for keyboard and screen reader) and CSV.
 */
import { useState, type CSSProperties } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { formatShare } from '../../shared/format';
import { DataTable } from '../../shared/table';
import { csvHref, toCsv } from './csv';

export interface ShareBar {
  readonly id: string;
  readonly label: string;
  readonly share: number | null;
  readonly target: number | null;
  readonly offTarget: boolean;
  /** A background colour (a token value). */
  readonly colour: string;
}

const trackStyle: CSSProperties = {
  position: 'relative',
  height: '16px',
  background: token('color.background.neutral'),
  borderRadius: token('radius.small'),
  flex: '1 1 auto',
  minWidth: '160px',
};

export function ShareFigure({ caption, measure, bars, testId }: { caption: string; measure: string; bars: readonly ShareBar[]; testId?: string }) {
  const [asTable, setAsTable] = useState(false);
  const csv = toCsv(
    ['Row', `${measure} share`, 'Target', 'Gap'],
    bars.map((bar) => [bar.label, bar.share, bar.target, bar.share === null || bar.target === null ? null : bar.share - bar.target]),
  );
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <Stack space="space.100">
        <figcaption>
          <Inline spread="space-between" alignBlock="center" shouldWrap>
            <Text weight="semibold">{caption}</Text>
            <Inline space="space.100">
              <Button appearance="subtle" onClick={() => setAsTable((value) => !value)} aria-pressed={asTable}>
                {asTable ? 'Show chart' : 'Show table'}
              </Button>
              <a href={csvHref(csv)} download={`${caption.replace(/\W+/g, '-').toLowerCase()}.csv`} style={{ alignSelf: 'center', font: token('font.body.small') }}>
                CSV
              </a>
            </Inline>
          </Inline>
        </figcaption>
        {asTable ? (
          <DataTable
            caption={caption}
            rowKey={(bar) => bar.id}
            rows={bars}
            columns={[
              { title: 'Row', render: (bar) => bar.label },
              { title: `${measure} share`, numeric: true, render: (bar) => formatShare(bar.share) },
              { title: 'Target', numeric: true, render: (bar) => formatShare(bar.target) },
            ]}
          />
        ) : (
          <Stack space="space.075" aria-hidden>
            {bars.map((bar) => (
              <Inline key={bar.id} space="space.100" alignBlock="center">
                <div style={{ width: '9rem', flexShrink: 0, font: token('font.body.small'), color: token('color.text.subtle'), overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {bar.label}
                </div>
                <div style={trackStyle}>
                  <div
                    style={{
                      position: 'absolute',
                      insetBlock: 0,
                      insetInlineStart: 0,
                      width: `${Math.min(1, bar.share ?? 0) * 100}%`,
                      background: bar.colour,
                      borderRadius: token('radius.small'),
                    }}
                  />
                  {bar.target !== null && (
                    <div
                      title={`Target ${formatShare(bar.target)}`}
                      style={{ position: 'absolute', insetBlock: '-3px', insetInlineStart: `calc(${bar.target * 100}% - 1px)`, width: '3px', background: token('color.text') }}
                    />
                  )}
                </div>
                <div style={{ width: '7.5rem', flexShrink: 0, textAlign: 'right', font: token('font.body.small'), color: bar.offTarget ? token('color.text.danger') : token('color.text') }}>
                  {`${formatShare(bar.share)} / ${formatShare(bar.target)}`}
                </div>
              </Inline>
            ))}
          </Stack>
        )}
      </Stack>
    </figure>
  );
}
