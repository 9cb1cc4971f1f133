/** The portfolio's states and commitment point (from settings/get), for colouring states. */
import { useResolver } from './useResolver';

export interface PortfolioStates {
  readonly states: readonly string[];
  readonly commitment: string;
}

/** Null until the settings have loaded (or when they failed: states then show neutral). */
export function usePortfolioStates(): PortfolioStates | null {
  const { state } = useResolver('settings/get', {});
  return state.status === 'ready' ? { states: state.data.settings.states, commitment: state.data.settings.commitment } : null;
}
