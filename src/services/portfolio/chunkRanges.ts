/**
 * Which chunk holds an epic, without reading the others: the meta keeps each chunk's smallest and
 * largest epic id (a cold sync writes epics in id order, so the ranges hardly overlap). A hint only:
 * epics added since sit outside every range, and the reader falls back to loading the whole cache.
 */
import type { CachedEpic } from './epicCache';

/** [chunk id, smallest epic id, largest epic id]. */
export type ChunkRange = [number, string, string];

/** Jira's numeric issue ids in numeric order (as strings: shorter is smaller). */
export function compareIssueIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function rangeOf(chunkId: number, epics: Iterable<Pick<CachedEpic, 'id'>>): ChunkRange | null {
  let low: string | null = null;
  let high: string | null = null;
  for (const { id } of epics) {
    if (low === null || compareIssueIds(id, low) < 0) low = id;
    if (high === null || compareIssueIds(id, high) > 0) high = id;
  }
  return low === null || high === null ? null : [chunkId, low, high];
}

/** The chunks whose range holds `id`, narrowest first (usually one). */
export function chunksHolding(ranges: readonly ChunkRange[], id: string): number[] {
  return ranges
    .filter(([, low, high]) => compareIssueIds(low, id) <= 0 && compareIssueIds(id, high) <= 0)
    .sort((a, b) => compareIssueIds(a[2], b[2]) - compareIssueIds(a[1], b[1]) || a[0] - b[0])
    .map(([chunkId]) => chunkId);
}
