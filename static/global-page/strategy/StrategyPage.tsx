/**
 * The Strategy sub-page: strategic themes against their targets, value stream budgets with spend
 * and guardrails, the epics' lean business cases, and participatory budgeting, for one quarter.
 * Everyone in scope reads; portfolio managers get the edit controls.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { previousQuarter } from '../../../src/domain/budget';
import { ErrorMessage, Loading } from '../../shared/states';
import { raisedSurfaceStyles } from '../../shared/surface';
import { BudgetSection } from './BudgetSection';
import { CasesSection } from './CasesSection';
import { ParticipatorySection } from './ParticipatorySection';
import { ThemesSection } from './ThemesSection';
import { useKeptResolver } from './useKeptResolver';

const sectionStyles = xcss({ padding: 'space.300' });

function nextQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
}

export function StrategyPage() {
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const { state, reload } = useKeptResolver('strategy/overview', period === undefined ? {} : { period });
  const overview = state.data;
  if (overview === null) return state.error !== null ? <ErrorMessage error={state.error} onRetry={reload} /> : <Loading what="the strategy" />;
  return (
    <Stack space="space.300" testId="strategy-page">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Button appearance="subtle" onClick={() => setPeriod(previousQuarter(overview.period))} testId="quarter-previous">
          ← {previousQuarter(overview.period)}
        </Button>
        <Text weight="bold" testId="quarter">
          {overview.period}
        </Text>
        <Button appearance="subtle" onClick={() => setPeriod(nextQuarter(overview.period))}>
          {nextQuarter(overview.period)} →
        </Button>
        {state.loading && <Text size="small" color="color.text.subtlest">Updating…</Text>}
        {!overview.canManage && (
          <Text size="small" color="color.text.subtle" testId="read-only-note">
            You can read the strategy; portfolio managers change it.
          </Text>
        )}
      </Inline>
      {state.error !== null && <ErrorMessage error={state.error} onRetry={reload} />}
      <Box xcss={[raisedSurfaceStyles, sectionStyles]}>
        <ThemesSection overview={overview} onChanged={reload} />
      </Box>
      <Box xcss={[raisedSurfaceStyles, sectionStyles]}>
        <BudgetSection key={overview.period} overview={overview} onChanged={reload} />
      </Box>
      <Box xcss={[raisedSurfaceStyles, sectionStyles]}>
        <CasesSection overview={overview} onChanged={reload} />
      </Box>
      <Box xcss={[raisedSurfaceStyles, sectionStyles]}>
        <ParticipatorySection key={overview.period} overview={overview} />
      </Box>
    </Stack>
  );
}
