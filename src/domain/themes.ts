/** Strategic themes tag epics through a Jira label; their target allocations feed flow distribution. */

export interface StrategicTheme {
  id: string;
  name: string;
  /** Jira label that tags epics with this theme. */
  label: string;
  /** Target share of the portfolio, 0..1; null when the theme has none. */
  targetAllocation: number | null;
}

/** The theme whose label the epic carries (first theme in list order wins when several match); null otherwise. */
export function themeOfEpic<T extends StrategicTheme>(labels: readonly string[], themes: readonly T[]): T | null {
  return themes.find((theme) => labels.includes(theme.label)) ?? null;
}

/** A value stream as the portfolio groups epics by it: the Jira projects it claims. */
export interface ValueStreamClaim {
  readonly id: string;
  readonly name: string;
  readonly projectKeys: readonly string[];
}

export interface ValueStreamRef {
  readonly id: string;
  readonly name: string;
}

/** Project key → the value stream claiming it; the first stream in list order wins a project claimed twice. */
export function valueStreamsByProjectKey(valueStreams: readonly ValueStreamClaim[]): ReadonlyMap<string, ValueStreamRef> {
  const byProjectKey = new Map<string, ValueStreamRef>();
  for (const stream of valueStreams) {
    for (const projectKey of stream.projectKeys) {
      if (!byProjectKey.has(projectKey)) byProjectKey.set(projectKey, { id: stream.id, name: stream.name });
    }
  }
  return byProjectKey;
}

/**
 * The value stream of an epic's project. A project no value stream claims is a value stream of
 * its own: id = the project key, name = the project name (the key when the name is empty).
 */
export function valueStreamOfProject(
  project: { readonly key: string; readonly name: string },
  byProjectKey: ReadonlyMap<string, ValueStreamRef>,
): ValueStreamRef {
  return byProjectKey.get(project.key) ?? { id: project.key, name: project.name === '' ? project.key : project.name };
}

/** Targets are sums of floats (0.1 + 0.2 + 0.7): only a real excess counts. */
const SUM_TOLERANCE = 1e-9;

/** Problems: duplicate ids/labels, target outside 0..1, targets summing above 1 (tolerate 1e-9). */
export function validateThemes(themes: readonly StrategicTheme[]): string[] {
  const problems: string[] = [];
  const seenIds = new Set<string>();
  const seenLabels = new Set<string>();
  let targetSum = 0;
  for (const theme of themes) {
    if (theme.id.trim() === '') problems.push(`Theme "${theme.name}" has an empty id`);
    else if (seenIds.has(theme.id)) problems.push(`Duplicate theme id "${theme.id}"`);
    seenIds.add(theme.id);
    if (theme.label.trim() === '') problems.push(`Theme "${theme.name}" has an empty label`);
    else if (seenLabels.has(theme.label)) problems.push(`Duplicate theme label "${theme.label}"`);
    seenLabels.add(theme.label);
    const target = theme.targetAllocation;
    if (target === null) continue;
    if (!(Number.isFinite(target) && target >= 0 && target <= 1)) {
      problems.push(`Theme "${theme.name}" target allocation ${target} is outside 0..1`);
    } else {
      targetSum += target;
    }
  }
  if (targetSum > 1 + SUM_TOLERANCE) problems.push(`Theme target allocations sum to ${round(targetSum)}, above 1`);
  return problems;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Could be a Jira project key, and so the id of an unclaimed project's own value stream. */
const PROJECT_KEY_SHAPED = /^[A-Z][A-Z0-9_]*$/;

/**
 * Problems: duplicate ids, a project claimed by two streams (told apart by id: names may repeat),
 * and an id shaped like a project key that the stream does not claim itself (a project no stream
 * claims is a value stream of its own with its key as id, and the two would be one).
 */
export function valueStreamProblems(valueStreams: readonly ValueStreamClaim[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const streamOfProject = new Map<string, ValueStreamRef>();
  for (const stream of valueStreams) {
    if (ids.has(stream.id)) problems.push(`Duplicate value stream id "${stream.id}"`);
    ids.add(stream.id);
    if (PROJECT_KEY_SHAPED.test(stream.id) && !stream.projectKeys.includes(stream.id))
      problems.push(`Value stream "${stream.name}" has the id "${stream.id}", which names project ${stream.id} when no stream claims it: claim ${stream.id} or use another id`);
    for (const project of stream.projectKeys) {
      const other = streamOfProject.get(project);
      if (other !== undefined && other.id !== stream.id) problems.push(`Project ${project} is in both "${other.name}" and "${stream.name}"`);
      streamOfProject.set(project, stream);
    }
  }
  return problems;
}

/** Work type from labels: 'enabler' when a label equals (case-insensitive) one of enablerLabels (default ['enabler']), else 'business'. */
export function workTypeOfEpic(labels: readonly string[], enablerLabels: readonly string[] = ['enabler']): 'business' | 'enabler' {
  const enablers = new Set(enablerLabels.map((l) => l.toLowerCase()));
  return labels.some((l) => enablers.has(l.toLowerCase())) ? 'enabler' : 'business';
}

/** A theme with no active quarters is always active; otherwise only in the quarters it names. */
export function isThemeActive(theme: { readonly activeQuarters: readonly string[] }, quarter: string): boolean {
  return theme.activeQuarters.length === 0 || theme.activeQuarters.includes(quarter);
}

export interface ThemeShareEpic {
  /** Null when the epic carries no theme's label. */
  readonly themeId: string | null;
  /** Its portfolio state; null when its status maps to none. */
  readonly state: string | null;
  /** committed = in progress (at or past the commitment state, not done). */
  readonly stage: 'before' | 'committed' | 'done';
  /** The business case's forecast total cost; null when not estimated (counts 0). */
  readonly forecastCost: number | null;
}

export interface ShareMeasure {
  readonly count: number;
  /** Of the portfolio's total for this measure, 0..1; null when the total is 0. */
  readonly share: number | null;
  /** share − target; null without a share or a target. */
  readonly gap: number | null;
  /** |gap| above the tolerance. */
  readonly offTarget: boolean;
}

export interface ThemeShareRow {
  /** Null: the epics that carry no theme. */
  readonly themeId: string | null;
  readonly target: number | null;
  /** state → epics of the theme in it (epics in no state are left out). */
  readonly byState: Readonly<Record<string, number>>;
  readonly inProgress: ShareMeasure;
  readonly completed: ShareMeasure;
  /** count = open epics; amount = their forecast cost. */
  readonly forecastCost: ShareMeasure & { readonly amount: number };
}

/** Measures are sums of floats: 0.3 vs 0.25 with tolerance 0.05 is on target. */
const GAP_SLACK = 1e-9;

function measure(count: number, part: number, total: number, target: number | null, tolerance: number): ShareMeasure {
  const share = total > 0 ? part / total : null;
  const gap = share === null || target === null ? null : share - target;
  return { count, share, gap, offTarget: gap !== null && Math.abs(gap) > tolerance + GAP_SLACK };
}

/**
 * Each theme's actual share against its target, three ways: of the epics in progress, of the epics
 * completed, and of the forecast cost of open (not done) epics. Rows: the themes in their order,
 * then one row (themeId null, no target) for epics without a theme when there are any.
 */
export function themeShares(
  themes: readonly { readonly id: string; readonly targetAllocation: number | null }[],
  epics: readonly ThemeShareEpic[],
  tolerance: number,
): ThemeShareRow[] {
  const totals = { inProgress: 0, completed: 0, cost: 0 };
  const tally = new Map<string | null, { byState: Record<string, number>; inProgress: number; completed: number; open: number; cost: number }>();
  const rowOf = (themeId: string | null) => {
    let row = tally.get(themeId);
    if (!row) {
      row = { byState: {}, inProgress: 0, completed: 0, open: 0, cost: 0 };
      tally.set(themeId, row);
    }
    return row;
  };
  const known = new Set(themes.map((theme) => theme.id));
  for (const epic of epics) {
    const row = rowOf(epic.themeId !== null && known.has(epic.themeId) ? epic.themeId : null);
    if (epic.state !== null) row.byState[epic.state] = (row.byState[epic.state] ?? 0) + 1;
    if (epic.stage === 'committed') {
      row.inProgress += 1;
      totals.inProgress += 1;
    }
    if (epic.stage === 'done') {
      row.completed += 1;
      totals.completed += 1;
    } else {
      row.open += 1;
      row.cost += epic.forecastCost ?? 0;
      totals.cost += epic.forecastCost ?? 0;
    }
  }
  const toRow = (themeId: string | null, target: number | null): ThemeShareRow => {
    const row = tally.get(themeId) ?? { byState: {}, inProgress: 0, completed: 0, open: 0, cost: 0 };
    return {
      themeId,
      target,
      byState: row.byState,
      inProgress: measure(row.inProgress, row.inProgress, totals.inProgress, target, tolerance),
      completed: measure(row.completed, row.completed, totals.completed, target, tolerance),
      forecastCost: { ...measure(row.open, row.cost, totals.cost, target, tolerance), amount: row.cost },
    };
  };
  const rows = themes.map((theme) => toRow(theme.id, theme.targetAllocation));
  return tally.has(null) ? [...rows, toRow(null, null)] : rows;
}
