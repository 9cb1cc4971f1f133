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
