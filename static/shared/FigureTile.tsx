/** One figure with its label on a raised tile (a score, a rank, a metric). */
import type { ReactNode } from 'react';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { raisedSurfaceStyles } from './surface';

const tileStyles = xcss({ padding: 'space.150', minWidth: '120px' });

export function FigureTile({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Box xcss={[raisedSurfaceStyles, tileStyles]}>
      <Stack space="space.050">
        <Text size="small" color="color.text.subtle">
          {label}
        </Text>
        <Text size="large" weight="bold" testId={testId}>
          {value}
        </Text>
      </Stack>
    </Box>
  );
}
