/**
 * Counts every request the Jira client sends, by endpoint and by estimated points, so the
 * benchmark, the logs and a test can say what a page load or a sync cost against Jira's hourly
 * points quota. One meter may be shared by several clients (both actors of a runtime).
 *
 * The estimate, in one place (`estimatePoints`), after Jira's rate-limiting page
 * (developer.atlassian.com/cloud/jira/platform/rate-limiting, Dec 2026): "Each request starts with
 * a base cost of 1 point, and additional points are added for each object involved. Write
 * requests are charged only the base cost." The page's per-object weights are not used here: we
 * count 1 point per object returned, the objects being those `objectsReturned` names (issues of a
 * search page, change histories of a bulkfetch page, the values of a list, else the one object).
 * A refused or failed request is counted at the base cost.
 */
import type { JiraPath } from './path';

export interface EndpointUsage {
  readonly calls: number;
  readonly points: number;
}

export interface JiraMeterSnapshot {
  readonly calls: number;
  readonly points: number;
  /** `METHOD /path/{param}` → its calls and points. */
  readonly byEndpoint: Readonly<Record<string, EndpointUsage>>;
}

export interface JiraMeter {
  record(endpoint: string, points: number): void;
  snapshot(): JiraMeterSnapshot;
}

export function createJiraMeter(): JiraMeter {
  const byEndpoint = new Map<string, { calls: number; points: number }>();
  return {
    record(endpoint, points) {
      const usage = byEndpoint.get(endpoint) ?? { calls: 0, points: 0 };
      usage.calls += 1;
      usage.points += points;
      byEndpoint.set(endpoint, usage);
    },
    snapshot() {
      let calls = 0;
      let points = 0;
      const entries: [string, EndpointUsage][] = [];
      for (const [endpoint, usage] of [...byEndpoint].sort(([a], [b]) => a.localeCompare(b))) {
        calls += usage.calls;
        points += usage.points;
        entries.push([endpoint, { ...usage }]);
      }
      return { calls, points, byEndpoint: Object.fromEntries(entries) };
    },
  };
}

/** The difference between two snapshots of one meter: what happened in between. */
export function meterDelta(before: JiraMeterSnapshot, after: JiraMeterSnapshot): JiraMeterSnapshot {
  const byEndpoint: Record<string, EndpointUsage> = {};
  for (const [endpoint, usage] of Object.entries(after.byEndpoint)) {
    const earlier = before.byEndpoint[endpoint] ?? { calls: 0, points: 0 };
    if (usage.calls > earlier.calls) byEndpoint[endpoint] = { calls: usage.calls - earlier.calls, points: usage.points - earlier.points };
  }
  return { calls: after.calls - before.calls, points: after.points - before.points, byEndpoint };
}

/** What a path parameter stands for, named after the segment before it. */
const PARAM_NAMES: Readonly<Record<string, string>> = { issue: '{issueIdOrKey}', properties: '{propertyKey}' };

/** `PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}`: ids and keys replaced, no query. */
export function endpointTemplate(method: string, path: JiraPath): string {
  const text = path.literals.reduce((acc, literal, index) => {
    if (index === path.literals.length - 1) return acc + literal;
    const before = (acc + literal).replace(/\/$/, '').split('/').pop() ?? '';
    return acc + literal + (PARAM_NAMES[before] ?? '{param}');
  }, '');
  return `${method} ${text}`;
}

/** How many objects an answer carries, by its shape (not its endpoint): the points' per-object part. */
export function objectsReturned(json: unknown): number {
  if (Array.isArray(json)) return json.length;
  if (typeof json !== 'object' || json === null) return 0;
  const body = json as Record<string, unknown>;
  if (Array.isArray(body['issueChangeLogs'])) {
    return body['issueChangeLogs'].reduce<number>((sum, entry) => {
      const histories = (entry as { changeHistories?: unknown } | null)?.changeHistories;
      return sum + (Array.isArray(histories) ? histories.length : 0);
    }, 0);
  }
  for (const key of ['issues', 'values', 'groups', 'transitions', 'queries']) {
    if (Array.isArray(body[key])) return (body[key] as unknown[]).length;
  }
  return 1;
}

/**
 * THE points estimate: base 1, plus 1 per object returned by a successful read. A write (PUT, a
 * transition) and any non-2xx answer cost the base only.
 */
export function estimatePoints(kind: 'read' | 'write', status: number, json: unknown): number {
  const BASE_POINTS = 1;
  const POINTS_PER_OBJECT = 1;
  if (kind === 'write' || status < 200 || status > 299) return BASE_POINTS;
  return BASE_POINTS + POINTS_PER_OBJECT * objectsReturned(json);
}
