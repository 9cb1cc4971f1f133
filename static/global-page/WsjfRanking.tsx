/** The WSJF ranking: every epic the user can see, highest WSJF first; unscored epics last. */
import { Stack, Text } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { formatScore, NONE } from '../shared/format';
import { IssueLink } from '../shared/IssueLink';
import { EmptyState, Loaded } from '../shared/states';
import { StateLozenge, type PortfolioStates } from '../shared/StateLozenge';
import { DataTable, type Column } from '../shared/table';
import { useResolver } from '../shared/useResolver';

type Ranking = ResolverOutput<'portfolio/wsjf'>;
type Epic = Ranking['epics'][number];

function columns(portfolio: PortfolioStates): Column<Epic>[] {
  return [
    { title: 'Rank', numeric: true, render: (epic) => (epic.rank === null ? NONE : epic.rank) },
    { title: 'Key', render: (epic) => <IssueLink issueKey={epic.key} /> },
    { title: 'Summary', render: (epic) => epic.summary },
    { title: 'State', render: (epic) => <StateLozenge state={epic.state} portfolio={portfolio} /> },
    { title: 'Business value', numeric: true, render: (epic) => formatScore(epic.userBusinessValue) },
    { title: 'Time criticality', numeric: true, render: (epic) => formatScore(epic.timeCriticality) },
    { title: 'RR | OE', numeric: true, render: (epic) => formatScore(epic.riskReductionOpportunityEnablement) },
    { title: 'Cost of delay', numeric: true, render: (epic) => formatScore(epic.costOfDelay) },
    { title: 'Job size', numeric: true, render: (epic) => formatScore(epic.jobSize) },
    { title: 'WSJF', numeric: true, render: (epic) => <strong>{formatScore(epic.wsjfScore)}</strong> },
  ];
}

function RankingView({ ranking }: { ranking: Ranking }) {
  if (ranking.epics.length === 0) {
    return (
      <EmptyState title="No epics to rank">
        No epic you can see is in the portfolio's scope. Score an epic from the WSJF panel on its issue page, or ask a Jira admin to check the
        scope JQL in the Lean Portfolio settings.
      </EmptyState>
    );
  }
  const scored = ranking.epics.filter((epic) => epic.wsjfScore !== null).length;
  return (
    <Stack space="space.200">
      <Text color="color.text.subtle">
        {scored} of {ranking.epics.length} epics scored. WSJF = (business value + time criticality + risk reduction | opportunity enablement) ÷
        job size, on the scale {ranking.scale.join(', ')}.
      </Text>
      <DataTable caption="Epics ranked by WSJF" columns={columns(ranking)} rows={ranking.epics} rowKey={(epic) => epic.key} />
    </Stack>
  );
}

export function WsjfRanking() {
  const { state, reload } = useResolver('portfolio/wsjf', {});
  return (
    <Loaded state={state} what="the WSJF ranking" onRetry={reload}>
      {(ranking) => <RankingView ranking={ranking} />}
    </Loaded>
  );
}
