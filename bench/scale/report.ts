/**
 * The scale figures as JSON rows (the shape later runs are compared by) and as a text table with
 * issue 8's targets beside them, the ratios against the naive way, and what Forge's KVS quota and
 * Jira's hourly budget leave.
 */
import type { ScaleFigures, ScaleRow } from './index';
import type { ScaleScenario } from './scenarios';

/**
 * Jira Cloud's default hourly quota for an app: Tier 1, "65,000 points per hour per app across all
 * tenants" (shared by every installation of the app); Tier 2 (per tenant, 100k–500k by edition and
 * users) only after Atlassian's review. Each call costs 1 point plus points per object returned
 * (writes cost only the 1), so requests are the floor of the points spent.
 * Source: developer.atlassian.com/cloud/jira/platform/rate-limiting (points-based quota, enforced
 * from March 2, 2026).
 */
export const JIRA_APP_POINTS_PER_HOUR = 65_000;
/** Forge KVS: read units an installation may spend a minute (developer.atlassian.com/platform/forge/limits-kvs-ce). */
export const KVS_READ_UNITS_PER_MINUTE = 4_000;
export const KVS_WRITE_UNITS_PER_MINUTE = 4_000;

type Measured = 'jiraRequests' | 'kvsReadUnits' | 'wallMs' | 'peakRssMiB';

interface Target {
  readonly scenarios: readonly ScaleScenario[];
  /** Undefined: at every size. */
  readonly epics?: number;
  readonly field: Measured;
  readonly max: number;
  readonly label: string;
}

const APP_SCENARIOS: readonly ScaleScenario[] = ['cold-sync', 'warm-board', 'warm-wsjf', 'warm-flow', 'panel-open', 'issue-updated', 'board-after-event', 'flow-after-event'];

/** Issue 8's targets. The board's "≤ 2 Jira requests" is checked at every size. */
export const SCALE_TARGETS: readonly Target[] = [
  { scenarios: ['warm-board'], field: 'jiraRequests', max: 2, label: '≤2 req' },
  { scenarios: ['warm-board'], epics: 5_000, field: 'kvsReadUnits', max: 60, label: '≤60 RU' },
  { scenarios: ['warm-board'], epics: 20_000, field: 'kvsReadUnits', max: 200, label: '≤200 RU' },
  { scenarios: ['panel-open', 'issue-updated'], field: 'kvsReadUnits', max: 3, label: '≤3 RU' },
  { scenarios: ['panel-open', 'issue-updated'], field: 'jiraRequests', max: 2, label: '≤2 req' },
  { scenarios: ['warm-flow'], epics: 5_000, field: 'kvsReadUnits', max: 20, label: '≤20 RU' },
  { scenarios: ['cold-sync'], epics: 5_000, field: 'jiraRequests', max: 60, label: '≤60 req' },
  // "Every chunk under 120 s": today's sync is one piece, so the whole of it is the chunk.
  { scenarios: ['cold-sync'], epics: 20_000, field: 'wallMs', max: 120_000, label: 'chunk ≤120 s' },
  { scenarios: APP_SCENARIOS, field: 'peakRssMiB', max: 256, label: '<256 MB' },
];

export interface TargetCheck {
  readonly label: string;
  readonly met: boolean;
}

export function targetsOf(row: Pick<ScaleRow, 'scenario' | 'epics' | Measured>): TargetCheck[] {
  return SCALE_TARGETS.filter((target) => target.scenarios.includes(row.scenario) && (target.epics === undefined || target.epics === row.epics)).map(
    (target) => ({ label: target.label, met: target.field === 'peakRssMiB' ? row[target.field] < target.max : row[target.field] <= target.max }),
  );
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** The rows `--json` prints: the seven compared fields first, then the details. */
export function scaleJsonRows(figures: ScaleFigures): Record<string, unknown>[] {
  return figures.rows.map((row) => ({
    scenario: row.scenario,
    epics: row.epics,
    jiraRequests: row.jiraRequests,
    kvsReadUnits: row.kvsReadUnits,
    kvsWriteUnits: row.kvsWriteUnits,
    wallMs: oneDecimal(row.wallMs),
    peakRssMiB: row.peakRssMiB,
    jiraLatencyMs: row.jiraLatencyMs,
    wallMsRuns: row.wallMsRuns.map(oneDecimal),
    jiraByEndpoint: row.jiraByEndpoint,
    kvsByOperation: row.kvsByOperation,
    answerBytes: row.answerBytes,
    targets: targetsOf(row),
  }));
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const count = (value: number) => value.toLocaleString('en-US');
const ms = (value: number) => count(Math.round(value));
const ratio = (slow: number, fast: number) => (fast > 0 ? `${(slow / fast).toFixed(slow / fast >= 100 ? 0 : 1)}×` : 'n/a');
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(part / whole >= 0.1 ? 0 : 1)} %`;

function find(figures: ScaleFigures, scenario: ScaleScenario, epics: number): ScaleRow | undefined {
  return figures.rows.find((row) => row.scenario === scenario && row.epics === epics);
}

function naiveLines(figures: ScaleFigures): string[] {
  const lines: string[] = [];
  for (const { epics } of figures.sizes) {
    const naive = find(figures, 'naive-board', epics);
    const warm = find(figures, 'warm-board', epics);
    const cold = find(figures, 'cold-sync', epics);
    if (!naive || !warm) continue;
    const firstLoad = cold ? `; first load (cold sync + board): requests ${ratio(naive.jiraRequests, cold.jiraRequests + warm.jiraRequests)}, wall ${ratio(naive.wallMs, cold.wallMs + warm.wallMs)}` : '';
    lines.push(
      `  ${count(epics)} epics: naive ${count(naive.jiraRequests)} requests, ${ms(naive.wallMs)} ms; naive ÷ warm board: requests ${ratio(naive.jiraRequests, warm.jiraRequests)}, wall ${ratio(naive.wallMs, warm.wallMs)}${firstLoad}`,
    );
  }
  return lines;
}

function budgetLines(figures: ScaleFigures): string[] {
  const lines: string[] = [];
  for (const { epics } of figures.sizes) {
    const cold = find(figures, 'cold-sync', epics);
    const warm = find(figures, 'warm-board', epics);
    const naive = find(figures, 'naive-board', epics);
    const parts: string[] = [];
    if (cold)
      parts.push(`a cold sync's ${count(cold.jiraRequests)} requests are ≥ ${percent(cold.jiraRequests, JIRA_APP_POINTS_PER_HOUR)} of the hour (≤ ${count(Math.floor(JIRA_APP_POINTS_PER_HOUR / Math.max(1, cold.jiraRequests)))} syncs/h)`);
    if (naive) parts.push(`naive board loads ≤ ${count(Math.floor(JIRA_APP_POINTS_PER_HOUR / Math.max(1, naive.jiraRequests)))}/h`);
    if (warm) parts.push(`warm board loads ≤ ${count(Math.floor(KVS_READ_UNITS_PER_MINUTE / Math.max(1, warm.kvsReadUnits)))}/min within the KVS read quota`);
    if (parts.length > 0) lines.push(`  ${count(epics)} epics: ${parts.join('; ')}`);
  }
  return lines;
}

/** The event records the epic; the next board re-reads it: what that board pays beyond a warm one. */
function eventLines(figures: ScaleFigures): string[] {
  const lines: string[] = [];
  for (const { epics } of figures.sizes) {
    const event = find(figures, 'issue-updated', epics);
    const after = find(figures, 'board-after-event', epics);
    const warm = find(figures, 'warm-board', epics);
    if (!after || !warm) continue;
    const eventCost = event ? `the event ${count(event.jiraRequests)} requests, ${count(event.kvsReadUnits)} RU; ` : '';
    lines.push(
      `  ${count(epics)} epics: ${eventCost}the next board +${count(after.jiraRequests - warm.jiraRequests)} requests, +${count(after.kvsReadUnits - warm.kvsReadUnits)} RU, +${count(after.kvsWriteUnits - warm.kvsWriteUnits)} WU over a warm board (once for all events since the last load)`,
    );
  }
  return lines;
}

export function renderScale(figures: ScaleFigures): string {
  const rows = figures.rows.map((row) => [
    row.scenario,
    count(row.epics),
    count(row.jiraRequests),
    count(row.kvsReadUnits),
    count(row.kvsWriteUnits),
    ms(row.wallMs),
    row.peakRssMiB.toFixed(0),
    row.answerBytes === null ? '' : count(row.answerBytes),
    targetsOf(row)
      .map((check) => `${check.label} ${check.met ? '✓' : '✗'}`)
      .join(', '),
  ]);
  const sizes = figures.sizes
    .map((size) => `${count(size.epics)} epics (${size.statusChangesPerEpic.toFixed(1)} status changes each, whole size ${(size.totalMs / 1000).toFixed(0)} s)`)
    .join(', ');
  const where = figures.inProcess ? 'in this process (peak: RSS sampled every 5 ms)' : 'each in its own process (peak: its max RSS, Jira in another process)';
  return [
    `Scale — real services, demo Jira on 127.0.0.1 (${figures.latencyMs} ms a call), file store metered as Forge KVS (RU/WU = 10 KiB units per value); ${where}`,
    `Sizes: ${sizes}. Wall: median of the runs (the cold sync runs once).`,
    '',
    table(['scenario', 'epics', 'Jira req', 'KVS RU', 'KVS WU', 'wall ms', 'peak MiB', 'answer B', 'targets (issue 8)'], rows),
    '',
    ...(eventLines(figures).length > 0 ? ['Where an issue-updated event costs (the board after it applies the pending epic):', ...eventLines(figures), ''] : []),
    ...(naiveLines(figures).length > 0 ? ['Against the naive way (no cache, a changelog request per epic):', ...naiveLines(figures), ''] : []),
    `Budgets: Jira Tier 1 ${count(JIRA_APP_POINTS_PER_HOUR)} points/h per app, shared by all its sites (≥ 1 point a request); Forge KVS ${count(KVS_READ_UNITS_PER_MINUTE)} RU/min per installation:`,
    ...budgetLines(figures),
  ].join('\n');
}
