/**
 * Participatory budgeting: stakeholders each split a quarter's total across value streams; the
 * statistics show where they agree (median) and where they do not (spread), and the median is
 * turned into an allocation that adds up to the total again.
 */
import { percentile } from './stats';

export type Allocation = Readonly<Record<string, number>>;

/** Amounts are sums of floats and of cents: within half a cent counts as the total. */
const SUM_TOLERANCE = 0.005;

/** Problems: a stream not on the table, a missing or negative amount, a sum other than the total. */
export function allocationProblems(allocation: Allocation, streamIds: readonly string[], total: number): string[] {
  const problems: string[] = [];
  const onTable = new Set(streamIds);
  for (const id of Object.keys(allocation)) if (!onTable.has(id)) problems.push(`"${id}" is not a value stream of this session`);
  let sum = 0;
  for (const id of streamIds) {
    const amount = allocation[id];
    if (amount === undefined) problems.push(`no amount for "${id}"`);
    else if (!(Number.isFinite(amount) && amount >= 0)) problems.push(`the amount for "${id}" must be 0 or more`);
    else sum += amount;
  }
  if (problems.length === 0 && Math.abs(sum - total) > SUM_TOLERANCE) problems.push(`the amounts add up to ${round2(sum)}, not the total ${total}`);
  return problems;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface StreamStatistics {
  readonly valueStreamId: string;
  /** Null when nobody submitted. */
  readonly median: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** max − min: how far apart the participants are. */
  readonly spread: number | null;
}

/**
 * Per value stream, over the submissions: median (the middle amount; the mean of the two middle
 * ones for an even count), lowest, highest and spread (highest − lowest). `mostDisputed` is the
 * stream with the largest spread (the first in table order on a tie); null with fewer than two
 * submissions or when everyone agrees.
 */
export function allocationStatistics(
  streamIds: readonly string[],
  submissions: readonly Allocation[],
): { streams: StreamStatistics[]; mostDisputed: string | null } {
  const streams = streamIds.map((valueStreamId): StreamStatistics => {
    const amounts = submissions.map((submission) => submission[valueStreamId] ?? 0);
    if (amounts.length === 0) return { valueStreamId, median: null, min: null, max: null, spread: null };
    const min = Math.min(...amounts);
    const max = Math.max(...amounts);
    return { valueStreamId, median: percentile(amounts, 50), min, max, spread: max - min };
  });
  let mostDisputed: StreamStatistics | null = null;
  for (const row of streams) {
    if (row.spread !== null && row.spread > 0 && (mostDisputed === null || row.spread > (mostDisputed.spread ?? 0))) mostDisputed = row;
  }
  return { streams, mostDisputed: submissions.length >= 2 && mostDisputed !== null ? mostDisputed.valueStreamId : null };
}

/**
 * The medians scaled so they add up to the total again, in whole units (largest remainder: the
 * units left after rounding down go to the largest fractions, then to the earlier stream). Medians
 * that are all 0 (or none) split the total evenly.
 */
export function scaleToTotal(streamIds: readonly string[], amounts: Allocation, total: number): Record<string, number> {
  if (streamIds.length === 0) return {};
  const wholeTotal = Math.round(total);
  const weights = streamIds.map((id) => Math.max(0, amounts[id] ?? 0));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const exact = weights.map((weight) => (weightSum > 0 ? (weight / weightSum) * wholeTotal : wholeTotal / streamIds.length));
  const floors = exact.map((value) => Math.floor(value));
  let left = wholeTotal - floors.reduce((sum, value) => sum + value, 0);
  const byFraction = exact.map((value, index) => ({ index, fraction: value - Math.floor(value) })).sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of byFraction) {
    if (left <= 0) break;
    floors[index] = (floors[index] as number) + 1;
    left -= 1;
  }
  return Object.fromEntries(streamIds.map((id, index) => [id, floors[index] as number]));
}
