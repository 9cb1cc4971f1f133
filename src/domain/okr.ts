/** OKR progress: how far each key result has moved from its baseline towards its target. */

export interface KeyResult {
  id: string;
  baseline: number;
  target: number;
  current: number | null;
  weight?: number;
}

/** (current − baseline) ÷ (target − baseline) clamped to 0..1; works for decreasing targets; null when current is null or target = baseline. */
export function keyResultProgress(kr: KeyResult): number | null {
  if (kr.current === null || kr.target === kr.baseline) return null;
  const progress = (kr.current - kr.baseline) / (kr.target - kr.baseline);
  if (Number.isNaN(progress)) return null;
  return Math.min(1, Math.max(0, progress));
}

/**
 * Mean of key results' progress, weighted by `weight` (default 1) when any weight is given; KRs with null progress are left out; null when none.
 * Weights ≤ 0 (or not finite) count as 0; when the counted weights sum to 0 there is nothing to average, so null.
 */
export function objectiveProgress(krs: readonly KeyResult[]): number | null {
  let weightedSum = 0;
  let totalWeight = 0;
  for (const kr of krs) {
    const progress = keyResultProgress(kr);
    if (progress === null) continue;
    const given = kr.weight ?? 1;
    const weight = Number.isFinite(given) && given > 0 ? given : 0;
    weightedSum += progress * weight;
    totalWeight += weight;
  }
  return totalWeight > 0 ? weightedSum / totalWeight : null;
}

export interface Objective {
  id: string;
  title: string;
  keyResults: readonly (KeyResult & { title: string })[];
}

/**
 * Problems that make a quarter's OKRs unsavable, as sentences: a repeated objective id, a key result
 * id repeated within its objective, and a key result whose target equals its baseline (its progress
 * could never be measured). Empty when there are none.
 */
export function okrProblems(objectives: readonly Objective[]): string[] {
  const problems: string[] = [];
  const objectiveIds = new Set<string>();
  for (const objective of objectives) {
    if (objectiveIds.has(objective.id)) problems.push(`Duplicate objective id "${objective.id}"`);
    objectiveIds.add(objective.id);
    const keyResultIds = new Set<string>();
    for (const keyResult of objective.keyResults) {
      if (keyResultIds.has(keyResult.id)) problems.push(`Objective "${objective.title}" repeats key result id "${keyResult.id}"`);
      keyResultIds.add(keyResult.id);
      if (keyResult.target === keyResult.baseline)
        problems.push(`Key result "${keyResult.title}" has its target equal to its baseline: progress cannot be measured`);
    }
  }
  return problems;
}

// ---- Confidence ---------------------------------------------------------------------------------

export type OkrConfidence = number | 'low' | 'medium' | 'high';
export type ConfidenceScale = '0-10' | 'low-medium-high';

/** Whether a confidence is written on the admin's scale: an integer 0..10, or one of the three words. */
export function confidenceFitsScale(confidence: OkrConfidence, scale: ConfidenceScale): boolean {
  if (scale === 'low-medium-high') return typeof confidence === 'string';
  return typeof confidence === 'number' && Number.isInteger(confidence) && confidence >= 0 && confidence <= 10;
}

/**
 * The word for a confidence, so both scales read alike in summaries: 0–3 low, 4–6 medium, 7–10
 * high (the thirds of the scale, rounded to whole steps); null when none was given.
 */
export function confidenceBand(confidence: OkrConfidence | null): 'low' | 'medium' | 'high' | null {
  if (confidence === null) return null;
  if (typeof confidence === 'string') return confidence;
  if (confidence <= 3) return 'low';
  return confidence <= 6 ? 'medium' : 'high';
}

// ---- Progress over the quarter ------------------------------------------------------------------

export interface ProgressPoint {
  readonly at: number;
  readonly progress: number;
}

/**
 * The key result's progress after each check-in (design formula, clamped), in time order: the small
 * line over the quarter. Check-ins outside [from, to) are left out; empty when the target equals
 * the baseline.
 */
export function progressLine(
  keyResult: Pick<KeyResult, 'baseline' | 'target'>,
  checkIns: readonly { at: number; value: number }[],
  window: { from: number; to: number },
): ProgressPoint[] {
  const points: ProgressPoint[] = [];
  for (const checkIn of [...checkIns].sort((a, b) => a.at - b.at)) {
    if (checkIn.at < window.from || checkIn.at >= window.to) continue;
    const progress = keyResultProgress({ id: '', baseline: keyResult.baseline, target: keyResult.target, current: checkIn.value });
    if (progress !== null) points.push({ at: checkIn.at, progress });
  }
  return points;
}

// ---- Call-outs ----------------------------------------------------------------------------------

/** Where a linked epic stands: its index among the portfolio's states (null when unmapped). */
export interface LinkedEpicState {
  readonly key: string;
  readonly state: string | null;
}

export interface StateOrder {
  readonly states: readonly string[];
  readonly commitment: string;
}

/** From the commitment point up to, not including, Done: the work is being built. */
export function isInFlight(state: string | null, order: StateOrder): boolean {
  if (state === null) return false;
  const index = order.states.indexOf(state);
  const commitment = order.states.indexOf(order.commitment);
  return index >= 0 && commitment >= 0 && index >= commitment && index < order.states.length - 1;
}

const isDone = (state: string | null, order: StateOrder) => state !== null && state === order.states[order.states.length - 1];

/**
 * "No work in flight toward it": none of the epics linked to any of the objective's key results is
 * between the commitment point and Done. Pass only the epics the viewer can see.
 */
export function noWorkInFlight(linkedEpics: readonly LinkedEpicState[], order: StateOrder): boolean {
  return !linkedEpics.some((epic) => isInFlight(epic.state, order));
}

/**
 * "Outputs delivered, outcome not reached": the key result has linked epics, every one of them is
 * Done, and its progress is still below 1 (or unmeasured). Pass only the epics the viewer can see.
 */
export function outputsDeliveredOutcomeNotReached(progress: number | null, linkedEpics: readonly LinkedEpicState[], order: StateOrder): boolean {
  if (linkedEpics.length === 0) return false;
  if (!linkedEpics.every((epic) => isDone(epic.state, order))) return false;
  return progress === null || progress < 1;
}
