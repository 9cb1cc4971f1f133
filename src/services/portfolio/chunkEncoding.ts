/**
 * How a cache chunk is stored. Status history is most of an epic's bytes (Forge meters reads by
 * the 10 KB of value), so a chunk keeps it as one string per epic: per change the time since the
 * previous one (ms, base 36), and the from/to statuses as indexes into the chunk's own status list.
 * `[1730000000000,"10001","10002"]` (32 characters) becomes `1ekh4w,0,1` (about 11).
 * Chunks of schema 3 (the history as tuples) are still read, so an upgrade needs no rebuild.
 */
import { z } from 'zod';
import type { CachedEpic } from './epicCache';

/** A compact chunk. 3: tuples, as CachedEpic holds them in memory. */
export const COMPACT_CHUNK_SCHEMA = 4;

type StatusChange = CachedEpic['statusChanges'][number];

export function encodeHistory(changes: readonly StatusChange[], createdAt: number, indexOf: (statusId: string) => number): string {
  let previous = createdAt;
  return changes
    .map(([at, from, to]) => {
      const delta = at - previous;
      previous = at;
      return `${delta.toString(36)},${from === null ? '' : indexOf(from)},${indexOf(to)}`;
    })
    .join(';');
}

export function decodeHistory(text: string, createdAt: number, statusIds: readonly string[]): StatusChange[] | null {
  if (text === '') return [];
  let previous = createdAt;
  const changes: StatusChange[] = [];
  for (const part of text.split(';')) {
    const [deltaText, fromText, toText] = part.split(',');
    const delta = Number.parseInt(deltaText ?? '', 36);
    const to = statusIds[Number(toText)];
    const from = fromText === '' ? null : statusIds[Number(fromText)];
    if (!Number.isFinite(delta) || to === undefined || from === undefined) return null;
    previous += delta;
    changes.push([previous, from, to]);
  }
  return changes;
}

/**
 * A table of distinct values, each written once and named by its index elsewhere (status ids,
 * projects): `indexOf` adds a value the first time it is met, keyed by `keyOf`.
 */
export function internTable<T>(keyOf: (value: T) => string = String): { readonly values: T[]; readonly indexOf: (value: T) => number } {
  const values: T[] = [];
  const index = new Map<string, number>();
  const indexOf = (value: T): number => {
    const key = keyOf(value);
    let at = index.get(key);
    if (at === undefined) {
      at = values.push(value) - 1;
      index.set(key, at);
    }
    return at;
  };
  return { values, indexOf };
}

/**
 * The first columns of every projection's packed row (the cards, Flow's cards): the epic's id, key,
 * summary, its project as an index into the document's projects, and its labels.
 */
export const IDENTITY_COLUMNS = [z.string(), z.string(), z.string(), z.number().int().min(0), z.array(z.string())] as const;

export function encodeChunk(epics: readonly CachedEpic[]): unknown {
  const { values: statusIds, indexOf } = internTable<string>();
  return {
    schemaVersion: COMPACT_CHUNK_SCHEMA,
    statusIds,
    epics: epics.map(({ statusChanges, ...epic }) => ({ ...epic, statusHistory: encodeHistory(statusChanges, epic.createdAt, indexOf) })),
  };
}

/** The epics of a stored chunk; null when it is not a chunk this code can read (it is then dropped and refetched). */
export function decodeChunk(value: unknown, epicSchema: z.ZodType<CachedEpic>): CachedEpic[] | null {
  const legacy = z.object({ schemaVersion: z.literal(3), epics: z.array(epicSchema) }).safeParse(value);
  if (legacy.success) return legacy.data.epics;
  const compact = z
    .object({ schemaVersion: z.literal(COMPACT_CHUNK_SCHEMA), statusIds: z.array(z.string()), epics: z.array(z.looseObject({ createdAt: z.number(), statusHistory: z.string() })) })
    .safeParse(value);
  if (!compact.success) return null;
  const epics: CachedEpic[] = [];
  for (const { statusHistory, ...rest } of compact.data.epics) {
    const statusChanges = decodeHistory(statusHistory, rest.createdAt, compact.data.statusIds);
    const epic = epicSchema.safeParse({ ...rest, statusChanges });
    if (statusChanges === null || !epic.success) return null;
    epics.push(epic.data);
  }
  return epics;
}

/**
 * About how many bytes an epic takes in a compact chunk (its status indexes counted at two digits,
 * as in a chunk of up to 100 statuses): what splitting chunks under the size limit measures.
 */
export function encodedEpicBytes(epic: CachedEpic): number {
  const { statusChanges, ...rest } = epic;
  const history = encodeHistory(statusChanges, epic.createdAt, () => 10);
  return new TextEncoder().encode(JSON.stringify({ ...rest, statusHistory: history })).length;
}
