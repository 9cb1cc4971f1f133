/**
 * How a portfolio state looks: one function maps a state to a Lozenge appearance, so every page
 * colours states the same way. Funnel (the first state) is new work, states before the
 * commitment point are waiting to be pulled, from the commitment point on the work is in
 * progress, and the last state (Done) is a success.
 */
export type StateAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export function stateAppearance(state: string | null, states: readonly string[], commitment: string): StateAppearance {
  const index = state === null ? -1 : states.indexOf(state);
  if (index === -1) return 'removed';
  if (index === states.length - 1) return 'success';
  const commitmentIndex = states.indexOf(commitment);
  if (commitmentIndex !== -1 && index >= commitmentIndex) return 'inprogress';
  if (index === 0) return 'new';
  return 'default';
}
