/**
 * The one timing helper every scenario uses: warm up, then run a body several times and keep the
 * median (and min/max) of its wall time and, for synchronous bodies, of the heap it leaves behind.
 * Machines are shared and noisy (testing.md): medians and same-run ratios, never one absolute time.
 */
import { performance } from 'node:perf_hooks';
import { percentile } from '../src/domain/stats';

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** Median (the domain's 50th percentile: mean of the middle two for an even count), min and max; NaNs for no values. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  return { median: percentile(values, 50) as number, min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

export interface RunPlan {
  readonly warmups: number;
  readonly runs: number;
}

/** Heap in use after a full collection; run.ts makes sure node was started with --expose-gc. */
function settledHeapBytes(): number {
  if (typeof gc !== 'function') throw new Error('global.gc is missing: start node with --expose-gc');
  gc();
  return process.memoryUsage().heapUsed;
}

export interface SyncMeasurement<T> {
  readonly ms: Spread;
  /** Heap still held after the body, with its result alive, over the heap before it (bytes). */
  readonly heapGrowthBytes: Spread;
  readonly lastResult: T;
}

/**
 * Times `body` (the collections before and after are outside the timed part). The result stays
 * referenced until the second measurement, so heap growth is what the result retains.
 */
export function measureSync<T>(body: () => T, plan: RunPlan): SyncMeasurement<T> {
  for (let i = 0; i < plan.warmups; i++) body();
  const times: number[] = [];
  const growths: number[] = [];
  let lastResult: T | undefined;
  for (let i = 0; i < plan.runs; i++) {
    const before = settledHeapBytes();
    const started = performance.now();
    const result = body();
    times.push(performance.now() - started);
    growths.push(settledHeapBytes() - before);
    lastResult = result;
  }
  if (plan.runs < 1) throw new RangeError('a measurement needs at least one run');
  return { ms: spreadOf(times), heapGrowthBytes: spreadOf(growths), lastResult: lastResult as T };
}

/** Wall time of an async body (I/O on the other side of a socket: heap growth says little there). */
export async function timeAsync<T>(body: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await body();
  return { ms: performance.now() - started, result };
}

/**
 * Two bodies on the same input, interleaved run by run, so both see the same machine noise; the
 * ratio is taken per pair (slow ÷ fast) and its median reported.
 */
export function compareSync(fast: () => unknown, slow: () => unknown, plan: RunPlan): { fastMs: Spread; slowMs: Spread; ratio: Spread } {
  for (let i = 0; i < plan.warmups; i++) {
    fast();
    slow();
  }
  const fastTimes: number[] = [];
  const slowTimes: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < plan.runs; i++) {
    let started = performance.now();
    fast();
    const fastMs = performance.now() - started;
    started = performance.now();
    slow();
    const slowMs = performance.now() - started;
    fastTimes.push(fastMs);
    slowTimes.push(slowMs);
    ratios.push(slowMs / fastMs);
  }
  return { fastMs: spreadOf(fastTimes), slowMs: spreadOf(slowTimes), ratio: spreadOf(ratios) };
}
