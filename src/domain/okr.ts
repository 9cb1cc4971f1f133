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
