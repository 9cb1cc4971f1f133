/**
 * One collapsible section of the epic panel: a heading that is a button (Enter or Space toggles,
 * `aria-expanded` says the state), a one-line summary that stays visible when closed, and content.
 * Every section of the panel uses it, so they look and behave alike in light and dark.
 */
import { useId, useState, type ReactNode } from 'react';
import ChevronDownIcon from '@atlaskit/icon/core/chevron-down';
import ChevronRightIcon from '@atlaskit/icon/core/chevron-right';
import { Box, Inline, Pressable, Stack, Text, xcss } from '@atlaskit/primitives';

const sectionStyles = xcss({
  borderBlockEndColor: 'color.border',
  borderBlockEndStyle: 'solid',
  borderBlockEndWidth: 'border.width',
  paddingBlock: 'space.100',
});

const headerStyles = xcss({
  width: '100%',
  backgroundColor: 'color.background.neutral.subtle',
  borderRadius: 'radius.small',
  paddingBlock: 'space.050',
  paddingInline: 'space.050',
  color: 'color.text',
  textAlign: 'start',
  ':hover': { backgroundColor: 'color.background.neutral.subtle.hovered' },
});

const contentStyles = xcss({ paddingBlockStart: 'space.100', paddingInlineStart: 'space.300' });

export interface PanelSectionProps {
  readonly title: string;
  /** Shown next to the title, also while the section is closed (e.g. "WSJF 8 · rank 3 of 120"). */
  readonly summary?: ReactNode;
  readonly defaultOpen?: boolean;
  readonly testId?: string;
  readonly children: ReactNode;
}

export function PanelSection({ title, summary, defaultOpen = true, testId, children }: PanelSectionProps) {
  const [open, setOpen] = useState(defaultOpen);
  const contentId = useId();
  return (
    <Box as="section" xcss={sectionStyles} testId={testId} aria-label={title}>
      <Stack space="space.0">
        <h2 style={{ margin: 0, font: 'inherit' }}>
          <Pressable xcss={headerStyles} onClick={() => setOpen((current) => !current)} aria-expanded={open} aria-controls={contentId}>
            <Inline space="space.075" alignBlock="center" spread="space-between">
              <Inline space="space.075" alignBlock="center">
                {open ? <ChevronDownIcon label="" color="currentColor" /> : <ChevronRightIcon label="" color="currentColor" />}
                <Text weight="bold">{title}</Text>
              </Inline>
              {summary !== undefined && (
                <Text size="small" color="color.text.subtle">
                  {summary}
                </Text>
              )}
            </Inline>
          </Pressable>
        </h2>
        <div id={contentId} hidden={!open}>
          <Box xcss={contentStyles}>{children}</Box>
        </div>
      </Stack>
    </Box>
  );
}
