import Lozenge from '@atlaskit/lozenge';
import { stateAppearance } from './appearance';

/** The portfolio's ordered states and commitment point, as the resolver that listed the epics answered them. */
export interface PortfolioStates {
  readonly states: readonly string[];
  readonly commitment: string;
}

export function StateLozenge({ state, portfolio }: { state: string | null; portfolio: PortfolioStates }) {
  return <Lozenge appearance={stateAppearance(state, portfolio.states, portfolio.commitment)}>{state ?? 'Unmapped'}</Lozenge>;
}
