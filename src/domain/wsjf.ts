/**
 * Weighted Shortest Job First (SAFe): cost of delay ÷ job size. An epic missing a component is
 * unscored (null), never 0, so it cannot masquerade as the least valuable item in the ranking.
 */

export const MODIFIED_FIBONACCI = [1, 2, 3, 5, 8, 13, 20] as const;

export interface WsjfComponents {
  userBusinessValue: number | null;
  timeCriticality: number | null;
  riskReductionOpportunityEnablement: number | null;
  jobSize: number | null;
}

/** The four components, in SAFe's order (the order of the WsjfComponents fields). */
export const COMPONENT_NAMES = ['userBusinessValue', 'timeCriticality', 'riskReductionOpportunityEnablement', 'jobSize'] as const;

/** UBV + TC + RR|OE; null when any of the three is missing. */
export function costOfDelay(c: WsjfComponents): number | null {
  const { userBusinessValue, timeCriticality, riskReductionOpportunityEnablement } = c;
  if (userBusinessValue === null || timeCriticality === null || riskReductionOpportunityEnablement === null) return null;
  return userBusinessValue + timeCriticality + riskReductionOpportunityEnablement;
}

/** costOfDelay ÷ jobSize; null (never 0) when a component is missing or jobSize ≤ 0. */
export function wsjfScore(c: WsjfComponents): number | null {
  const cod = costOfDelay(c);
  if (cod === null || c.jobSize === null || !(c.jobSize > 0)) return null;
  return cod / c.jobSize;
}

/** Problems ("timeCriticality 4 is not on the scale 1, 2, 3, 5, 8, 13, 20") for components not on the scale; null components are allowed. */
export function validateWsjfComponents(c: WsjfComponents, scale: readonly number[] = MODIFIED_FIBONACCI): string[] {
  const problems: string[] = [];
  for (const name of COMPONENT_NAMES) {
    const value = c[name];
    if (value !== null && !scale.includes(value)) problems.push(`${name} ${value} is not on the scale ${scale.join(', ')}`);
  }
  return problems;
}

export interface RankedEpic<T> {
  item: T;
  key: string;
  costOfDelay: number | null;
  wsjf: number | null;
  rank: number | null;
}

/**
 * Natural order for issue keys: digit runs compare as numbers, so ABC-9 < ABC-10.
 * Written out rather than `localeCompare` so the order does not depend on the runtime's ICU data.
 */
export function compareKeysNaturally(a: string, b: string): number {
  const chunksA = a.match(/\d+|\D+/g) ?? [];
  const chunksB = b.match(/\d+|\D+/g) ?? [];
  const length = Math.min(chunksA.length, chunksB.length);
  for (let i = 0; i < length; i++) {
    const x = chunksA[i] as string;
    const y = chunksB[i] as string;
    if (x === y) continue;
    const xIsNumber = /^\d/.test(x);
    const yIsNumber = /^\d/.test(y);
    if (xIsNumber && yIsNumber) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff;
      // Same number, different zero padding ("007" vs "7"): shorter first keeps the order total.
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return chunksA.length - chunksB.length;
}

interface Scored<T> {
  ranked: RankedEpic<T>;
  jobSize: number | null;
}

/** Rank: WSJF desc, then cost of delay desc, then job size asc, then key (natural order so ABC-9 < ABC-10). Unscored items follow, rank null, by key. Ranks are 1..n with no gaps (ties broken by the rules above, so ranks are unique). */
export function rankByWsjf<T>(items: readonly T[], read: (item: T) => WsjfComponents & { key: string }): RankedEpic<T>[] {
  const scored: Scored<T>[] = [];
  const unscored: Scored<T>[] = [];
  for (const item of items) {
    const c = read(item);
    const wsjf = wsjfScore(c);
    const entry: Scored<T> = { ranked: { item, key: c.key, costOfDelay: costOfDelay(c), wsjf, rank: null }, jobSize: c.jobSize };
    (wsjf === null ? unscored : scored).push(entry);
  }
  scored.sort(
    (a, b) =>
      (b.ranked.wsjf as number) - (a.ranked.wsjf as number) ||
      (b.ranked.costOfDelay as number) - (a.ranked.costOfDelay as number) ||
      (a.jobSize as number) - (b.jobSize as number) ||
      compareKeysNaturally(a.ranked.key, b.ranked.key),
  );
  unscored.sort((a, b) => compareKeysNaturally(a.ranked.key, b.ranked.key));
  return [
    ...scored.map((s, index) => ({ ...s.ranked, rank: index + 1 })),
    ...unscored.map((s) => s.ranked),
  ];
}

/**
 * The ranked items just above and below `key` (up to `around` each side), so a score reads
 * relative to its neighbours. Empty on both sides when `key` is unranked or absent.
 */
export function rankNeighbours<T>(ranked: readonly RankedEpic<T>[], key: string, around = 2): { above: RankedEpic<T>[]; below: RankedEpic<T>[] } {
  const scored = ranked.filter((entry) => entry.rank !== null);
  const index = scored.findIndex((entry) => entry.key === key);
  if (index < 0) return { above: [], below: [] };
  return { above: scored.slice(Math.max(0, index - around), index), below: scored.slice(index + 1, index + 1 + around) };
}
