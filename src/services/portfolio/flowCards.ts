/**
 * Flow's projection of the epic cache: beside each chunk, one document holding what the Flow page
 * and the forecasts read of its epics, and nothing else: key, summary, project and labels (its
 * categories), the WSJF components (backlog rank, predictability's business value), and the status
 * and flag history, packed. Flow replays each history up to its as-of date with the same domain
 * code as from the chunks (timeline.ts), so both paths give identical numbers; what it saves is the
 * rest of each cached epic (ids, dates, the WSJF property as Jira returned it, JSON's field names).
 *
 * Nothing here depends on the portfolio's configuration (states, mapping, time zone): a settings
 * change does not rebuild these documents. Chunk writers mark them stale with each chunk write
 * (epicCache.ts), and readers rebuild and store them naming the version read (chunkProjection.ts).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { WsjfComponents } from '../../domain/wsjf';
import type { EpicHistory } from '../../domain/timeline';
import type { Log, StorePort } from '../../ports';
import { readWsjfProperty } from '../wsjfProperty';
import { decodeHistory, encodeHistory, IDENTITY_COLUMNS, internTable } from './chunkEncoding';
import { loadProjection } from './chunkProjection';
import type { ChunkProjection } from './chunkProjection';
import { FLOW_CARDS_COLLECTION, flowCardsKey, historyOfCachedEpic, identityOfCachedEpic } from './epicCache';
import type { CachedEpic, CacheMeta, EpicIdentity } from './epicCache';

/** Bump when a row's layout or meaning changes: older documents are then rebuilt, not misread. */
const FLOW_CARDS_SCHEMA = 1;

/** One epic as Flow reads it, before the request's themes and value streams categorise it. */
export interface FlowCard extends EpicIdentity {
  readonly wsjf: { readonly components: WsjfComponents };
  /**
   * Decoded from the packed text each time it is read (a getter), so a request holds each epic's
   * history only while it builds that epic's timeline: at 20,000 epics of 20 changes, all of them
   * at once were a fifth of a 128 MiB heap.
   */
  readonly history: EpicHistory;
}

export function toFlowCard(epic: CachedEpic): FlowCard {
  return {
    ...identityOfCachedEpic(epic),
    wsjf: { components: readWsjfProperty(epic.wsjf).components },
    history: historyOfCachedEpic(epic),
  };
}

const component = z.number().nullable();
/**
 * A row: [id, key, summary, project, labels, status, createdAt, statuses, flags, wsjf]. `status`
 * indexes `statusIds`; `statuses` is the chunk's own encoding (chunkEncoding.ts: base-36 ms deltas
 * and status indexes, in the order given); `flags` is "delta,0|1" per change, `;`-separated.
 */
const rowSchema = z.tuple([
  ...IDENTITY_COLUMNS,
  z.number().int().min(0),
  z.number(),
  z.string(),
  z.string(),
  z.tuple([component, component, component, component]),
]);
type Row = z.infer<typeof rowSchema>;

const packedSchema = z.object({
  statusIds: z.array(z.string()),
  projects: z.array(z.tuple([z.string(), z.string()])),
  rows: z.array(rowSchema),
});

const documentSchema = z.object({ schema: z.literal(FLOW_CARDS_SCHEMA), packed: z.string() });

function encodeFlags(changes: readonly (readonly [number, boolean])[], createdAt: number): string {
  let previous = createdAt;
  return changes
    .map(([at, flagged]) => {
      const delta = at - previous;
      previous = at;
      return `${delta.toString(36)},${flagged ? 1 : 0}`;
    })
    .join(';');
}

function decodeFlags(text: string, createdAt: number): { at: number; flagged: boolean }[] | null {
  if (text === '') return [];
  let previous = createdAt;
  const changes: { at: number; flagged: boolean }[] = [];
  for (const part of text.split(';')) {
    const [deltaText, flaggedText] = part.split(',');
    const delta = Number.parseInt(deltaText ?? '', 36);
    if (!Number.isFinite(delta) || (flaggedText !== '0' && flaggedText !== '1')) return null;
    previous += delta;
    changes.push({ at: previous, flagged: flaggedText === '1' });
  }
  return changes;
}

/** The document stored for a chunk's epics: deflated JSON in base64. */
export function encodeFlowCards(epics: readonly CachedEpic[]): unknown {
  const { values: statusIds, indexOf } = internTable<string>();
  const { values: projects, indexOf: projectOf } = internTable<[string, string]>(([key, name]) => `${key}\u0000${name}`);
  const rows = epics.map((epic): Row => {
    const { userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize } = readWsjfProperty(epic.wsjf).components;
    return [
      epic.id,
      epic.key,
      epic.summary,
      projectOf([epic.projectKey, epic.projectName]),
      [...epic.labels],
      indexOf(epic.statusId),
      epic.createdAt,
      encodeHistory(epic.statusChanges, epic.createdAt, indexOf),
      encodeFlags(epic.flagChanges, epic.createdAt),
      [userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize],
    ];
  });
  return { schema: FLOW_CARDS_SCHEMA, packed: deflateRawSync(JSON.stringify({ statusIds, projects, rows })).toString('base64') };
}

/** The cards of a stored document; null for a stale marker, another schema, or anything unreadable. */
export function decodeFlowCards(value: unknown): FlowCard[] | null {
  const document = documentSchema.safeParse(value);
  if (!document.success) return null;
  let packed: z.infer<typeof packedSchema>;
  try {
    const parsed = packedSchema.safeParse(JSON.parse(inflateRawSync(Buffer.from(document.data.packed, 'base64')).toString('utf8')));
    if (!parsed.success) return null;
    packed = parsed.data;
  } catch {
    // Not deflated JSON (damaged): rebuilt from the chunk.
    return null;
  }
  const cards: FlowCard[] = [];
  const { statusIds } = packed;
  for (const [id, key, summary, projectIndex, labels, statusIndex, createdAt, statuses, flags, wsjf] of packed.rows) {
    const project = packed.projects[projectIndex];
    const currentStatusId = statusIds[statusIndex];
    // Checked now (a damaged document is rebuilt), decoded again whenever read: see FlowCard.history.
    const readable = currentStatusId !== undefined && historyOf(key, createdAt, currentStatusId, statuses, flags, statusIds) !== null;
    if (project === undefined || !readable) return null;
    cards.push({
      id,
      key,
      summary,
      projectKey: project[0],
      projectName: project[1],
      labels,
      wsjf: { components: { userBusinessValue: wsjf[0], timeCriticality: wsjf[1], riskReductionOpportunityEnablement: wsjf[2], jobSize: wsjf[3] } },
      get history() {
        return historyOf(key, createdAt, currentStatusId, statuses, flags, statusIds) as EpicHistory;
      },
    });
  }
  return cards;
}

function historyOf(key: string, createdAt: number, currentStatusId: string, statuses: string, flags: string, statusIds: readonly string[]): EpicHistory | null {
  const statusChanges = decodeHistory(statuses, createdAt, statusIds);
  const flagChanges = decodeFlags(flags, createdAt);
  if (statusChanges === null || flagChanges === null) return null;
  return { key, createdAt, currentStatusId, statusChanges: statusChanges.map(([at, fromStatusId, toStatusId]) => ({ at, fromStatusId, toStatusId })), flagChanges };
}

export const FLOW_CARDS_PROJECTION: ChunkProjection<FlowCard> = {
  collection: FLOW_CARDS_COLLECTION,
  keyOf: flowCardsKey,
  idOf: (card) => card.id,
  decode: decodeFlowCards,
  build(epics) {
    // The items read back from the document: histories decoded on read, never all held (see FlowCard.history).
    const document = encodeFlowCards(epics);
    return { items: decodeFlowCards(document) ?? epics.map(toFlowCard), document };
  },
};

/** Flow's cards of every chunk the meta names; null when a chunk is missing or unreadable (the snapshot path then). */
export function loadFlowCards(store: StorePort, meta: CacheMeta, log: Log): Promise<FlowCard[] | null> {
  return loadProjection(store, meta, FLOW_CARDS_PROJECTION, log);
}
