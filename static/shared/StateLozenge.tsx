import Lozenge from '@atlaskit/lozenge';
import { stateAppearance } from './appearance';
import type { PortfolioStates } from './usePortfolioStates';

export function StateLozenge({ state, portfolio }: { state: string | null; portfolio: PortfolioStates | null }) {
  const appearance = portfolio === null ? 'default' : stateAppearance(state, portfolio.states, portfolio.commitment);
  return <Lozenge appearance={appearance}>{state ?? 'Unmapped'}</Lozenge>;
}
