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
