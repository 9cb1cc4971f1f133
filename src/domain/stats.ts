/** Small numeric helpers shared by the metrics. Pure and total: empty input gives null, not NaN. */

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * Percentile by linear interpolation between closest ranks (the "C = 1" method of Hyndman & Fan,
 * type 7: Excel PERCENTILE.INC, NumPy's default). rank = p/100 × (n − 1), zero-based.
 * `p` is 0..100. Null for an empty sample.
 */
export function percentile(values: readonly number[], p: number): number | null {
  // A bad p is a caller's bug: report it even when the sample happens to be empty.
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const lo = sorted[lower] as number;
  const hi = sorted[upper] as number;
  return lo + (hi - lo) * (rank - lower);
}

/** `percentile` for several p at once, keyed by the p as written ("50", "85", "95"). */
export function percentiles(values: readonly number[], ps: readonly number[]): Record<string, number | null> {
  return Object.fromEntries(ps.map((p) => [String(p), percentile(values, p)]));
}

// Bound once: a global lookup per call is ~50× slower under Jest's sandboxed globals.
const { imul } = Math;

/**
 * Seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every
 * machine, so forecasts are reproducible. Returns floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface HistogramBin {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound. */
  to: number;
  count: number;
}

/**
 * Non-negative values in bins of one whole-number width, from 0 up to the bin holding the largest
 * value: the width is the smallest whole number giving at most `maxBins` bins. Empty for no values.
 */
export function histogram(values: readonly number[], maxBins = 12): HistogramBin[] {
  if (values.length === 0) return [];
  const largest = Math.max(...values);
  const width = Math.max(1, Math.ceil((largest + 1) / maxBins));
  const bins: HistogramBin[] = [];
  for (let from = 0; from <= largest; from += width) bins.push({ from, to: from + width, count: 0 });
  for (const value of values) (bins[Math.floor(Math.max(0, value) / width)] as HistogramBin).count++;
  return bins;
}
