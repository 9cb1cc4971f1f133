/**
 * Portfolio states: an ordered list ending in Done, with one commitment point, and the mapping of
 * Jira status ids onto states. IMPLEMENTATION OWNED BY THE DOMAIN HELPER — signatures are the contract.
 */
export const SAFE_STATES = ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'] as const;

export interface PortfolioConfig {
  /** Ordered states; the last one is Done. */
  readonly states: readonly string[];
  /** The state where work is committed (flow time starts). */
  readonly commitment: string;
  /** States whose time counts as active for flow efficiency; the rest are waiting. */
  readonly active: readonly string[];
  /** Jira status id → state name. Statuses not in the map are unmapped. */
  readonly mapping: Readonly<Record<string, string>>;
}
