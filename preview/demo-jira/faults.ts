/**
 * Latency and fault injection: a seeded draw per request decides whether it fails, and how
 * (429 with Retry-After, 500, a slow answer, a malformed body). The same seed and the same
 * request order give the same faults, so tests and benchmarks are repeatable.
 */
import { seededRandom } from '../../src/domain/stats';

const FAULT_KINDS = ['429', '500', 'slow', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Share of requests that get a fault, 0..1. */
  readonly rate: number;
  /** Which faults to draw from (evenly); all four when omitted or empty. */
  readonly kinds?: readonly FaultKind[];
  readonly seed?: number;
  /** Extra delay of a `slow` fault. Default 1500 ms. */
  readonly slowMs?: number;
  /** `Retry-After` of a 429, in seconds. Default 1. */
  readonly retryAfterSeconds?: number;
}

export interface DemoJiraEnvironment {
  readonly seed?: number;
  readonly latencyMs?: number;
  readonly faults?: FaultOptions;
  /** Each actor's hourly points quota (DEMO_JIRA_POINTS_PER_HOUR). */
  readonly pointsPerHour?: number;
}

function numberFrom(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Reads DEMO_JIRA_SEED, DEMO_JIRA_LATENCY_MS, DEMO_JIRA_FAULT_RATE (0..1) and
 * DEMO_JIRA_FAULTS (comma list of 429,500,slow,malformed) and DEMO_JIRA_POINTS_PER_HOUR. Unknown kinds are ignored.
 */
export function readDemoJiraEnvironment(env: Readonly<Record<string, string | undefined>>): DemoJiraEnvironment {
  const seed = numberFrom(env.DEMO_JIRA_SEED);
  const latencyMs = numberFrom(env.DEMO_JIRA_LATENCY_MS);
  const rate = numberFrom(env.DEMO_JIRA_FAULT_RATE);
  const kinds = (env.DEMO_JIRA_FAULTS ?? '')
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter((k): k is FaultKind => (FAULT_KINDS as readonly string[]).includes(k));
  const pointsPerHour = numberFrom(env.DEMO_JIRA_POINTS_PER_HOUR);
  const result: { seed?: number; latencyMs?: number; faults?: FaultOptions; pointsPerHour?: number } = {};
  if (pointsPerHour !== undefined && pointsPerHour >= 1) result.pointsPerHour = Math.floor(pointsPerHour);
  if (seed !== undefined) result.seed = Math.floor(seed);
  if (latencyMs !== undefined && latencyMs > 0) result.latencyMs = latencyMs;
  if (rate !== undefined && rate > 0) {
    result.faults = { rate: Math.min(1, rate), ...(kinds.length > 0 ? { kinds } : {}), ...(seed !== undefined ? { seed: Math.floor(seed) } : {}) };
  }
  return result;
}

/** A function that, called once per request, says which fault (if any) that request gets. */
export function createFaultPlan(options: FaultOptions | undefined): () => FaultKind | null {
  if (!options || !(options.rate > 0)) return () => null;
  const rate = Math.min(1, options.rate);
  const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : FAULT_KINDS;
  const rng = seededRandom(options.seed ?? 42);
  return () => {
    const hit = rng() < rate;
    const which = rng();
    return hit ? (kinds[Math.floor(which * kinds.length)] ?? null) : null;
  };
}
