/** A titled block of the settings page, with a line that says what it decides. */
import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';

const sectionStyles = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.large',
  padding: 'space.200',
  backgroundColor: 'elevation.surface',
});

export function Section({ title, intro, children, testId }: { title: string; intro?: string; children: ReactNode; testId: string }) {
  return (
    <Box as="section" xcss={sectionStyles} testId={testId} aria-label={title}>
      <Stack space="space.150">
        <Stack space="space.050">
          <Heading size="small" as="h2">
            {title}
          </Heading>
          {intro !== undefined && <Text color="color.text.subtle">{intro}</Text>}
        </Stack>
        {children}
      </Stack>
    </Box>
  );
}

/** A label and its control side by side, wrapping on narrow screens. */
export function FieldRow({ label, htmlFor, hint, children }: { label: string; htmlFor?: string; hint?: string; children: ReactNode }) {
  return (
    <Box xcss={xcss({ display: 'grid', gridTemplateColumns: 'minmax(12rem, 16rem) minmax(0, 1fr)', gap: 'space.150', alignItems: 'start' })}>
      <Stack space="space.025">
        <label htmlFor={htmlFor} style={{ fontWeight: 600 }}>
          {label}
        </label>
        {hint !== undefined && (
          <Text size="small" color="color.text.subtlest">
            {hint}
          </Text>
        )}
      </Stack>
      <Box>{children}</Box>
    </Box>
  );
}
