/** The three states every data view has besides its content: loading, error, empty. */
import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ResolverCallError } from './invoke';
import type { Loadable } from './useResolver';

export function Loading({ what }: { what: string }) {
  return (
    <Box padding="space.400" testId="loading">
      <Inline space="space.100" alignBlock="center">
        <Spinner size="medium" label={`Loading ${what}`} />
        <Text color="color.text.subtle">Loading {what}…</Text>
      </Inline>
    </Box>
  );
}

const ERROR_TITLES: Record<ResolverCallError['code'], string> = {
  invalid_input: 'The request was not valid',
  forbidden: "You don't have access to this",
  not_found: 'Not found',
  conflict: 'Someone else changed this',
  jira_unavailable: "Jira didn't answer",
  invalid_data: 'The data could not be read',
  invoke_failed: 'Lean Portfolio could not be reached',
};

/** A conflict is a warning, not a failure: someone saved first, and loading their values resolves it. */
export function ErrorMessage({ error, onRetry, retryLabel = 'Try again' }: { error: ResolverCallError; onRetry?: () => void; retryLabel?: string }) {
  return (
    <SectionMessage
      appearance={error.code === 'conflict' ? 'warning' : 'error'}
      title={ERROR_TITLES[error.code]}
      testId="error"
      actions={onRetry === undefined ? [] : [<Button key="retry" onClick={onRetry}>{retryLabel}</Button>]}
    >
      <Text as="p">{error.message}</Text>
    </SectionMessage>
  );
}

/** Nothing to show: says why and what to do about it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <SectionMessage appearance="information" title={title} testId="empty">
      <Text as="p">{children}</Text>
    </SectionMessage>
  );
}

/** Renders `children(data)` once loaded, else the loading or error state. */
export function Loaded<T>({ state, what, onRetry, children }: { state: Loadable<T>; what: string; onRetry: () => void; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={onRetry} />;
  return <>{children(state.data)}</>;
}
