/**
 * The pages' projection of the epic cache: beside each chunk, one "cards" document holding what the
 * board, the WSJF ranking, the totals and the epic panel show of its epics (state, state dates, the
 * WSJF components and who scored them), computed for the portfolio's configuration and stamped
 * with it. A page reads these instead of the chunks, whose status histories it does not need: packed,
 * they are about a seventh of the chunks' bytes (a board at 5,000 epics: 49 read units, not 352).
 *
 * Chunk writers do not know the configuration (events, the sync), so each chunk write marks its
 * cards stale in the same transaction (epicCache.ts). A reader that finds cards stale, missing or of
 * another configuration rebuilds them from the chunk and stores them naming the version it read:
 * when a writer changed the chunk meanwhile it also changed the cards' version, the store refuses
 * the rebuilt cards, and they are used for this request only. Cards never hide a newer chunk.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { dayNumber, fromDayNumber } from '../../domain/calendar';
import type { LocalDate } from '../../domain/calendar';
import { toFlowEpic } from '../../domain/flow';
import { byName } from '../../domain/names';
import type { PortfolioConfig } from '../../domain/states';
import { buildTimeline } from '../../domain/timeline';
import type { Timeline } from '../../domain/timeline';
import type { Log, StorePort } from '../../ports';
import { readWsjfProperty, wsjfReadingOf } from '../wsjfProperty';
import type { WsjfReading } from '../wsjfProperty';
import { scoredFieldsOf } from '../wsjfScoredBy';
import { IDENTITY_COLUMNS } from './chunkEncoding';
import { loadProjection } from './chunkProjection';
import type { ChunkProjection } from './chunkProjection';
import { CARDS_COLLECTION, cardsKey, historyOfCachedEpic, identityOfCachedEpic } from './epicCache';
import type { CachedEpic, CacheMeta, EpicIdentity } from './epicCache';

/** Bump when a row's layout or meaning changes: older cards are then rebuilt, not misread. 2: packed. */
const CARDS_SCHEMA = 2;

/** What an epic's card is computed with; cards of another fingerprint are rebuilt. */
export interface CardConfig {
  readonly config: PortfolioConfig;
  readonly timeZone: string;
  readonly fingerprint: string;
}

export function cardConfigOf(config: PortfolioConfig, timeZone: string): CardConfig {
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([CARDS_SCHEMA, config.states, config.commitment, Object.entries(config.mapping).sort(), timeZone]))
    .digest('base64url')
    .slice(0, 22);
  return { config, timeZone, fingerprint };
}

/** One epic as a page shows it, before the request's themes and value streams categorise it. */
export interface EpicCard extends EpicIdentity {
  readonly statusId: string;
  readonly state: string | null;
  /** When the open span began (unmapped statuses extend it); null when the epic never had a state. */
  readonly stateSince: number | null;
  /** Day each state was entered, by state name (null: not entered). */
  readonly stateDates: Readonly<Record<string, LocalDate | null>>;
  readonly unmappedStatuses: readonly string[];
  readonly flagged: boolean;
  /** The WSJF property as read leniently. */
  readonly wsjf: WsjfReading;
  readonly scored: { readonly by: string | null; readonly at: number | null };
}

/** `timeline`: the epic's, when the caller built it already. */
export function toEpicCard(epic: CachedEpic, cardConfig: CardConfig, timeline: Timeline = buildTimeline(historyOfCachedEpic(epic), cardConfig.config)): EpicCard {
  const flow = toFlowEpic(timeline, cardConfig.timeZone);
  return {
    ...identityOfCachedEpic(epic),
    statusId: epic.statusId,
    state: timeline.currentState,
    stateSince: timeline.spans.at(-1)?.from ?? null,
    stateDates: flow.stateDates,
    unmappedStatuses: timeline.unmappedStatuses,
    flagged: timeline.flaggedSpans.some((span) => span.to === null),
    wsjf: readWsjfProperty(epic.wsjf),
    scored: scoredFieldsOf(epic.wsjf),
  };
}

const componentSchema = z.number().nullable();
const NO_COMPONENTS = { userBusinessValue: null, timeCriticality: null, riskReductionOpportunityEnablement: null, jobSize: null };
/** A row: [id, key, summary, project, labels, statusId, state, stateSince, stateDays, unmapped, flagged, wsjf, scoredAt, scoredBy]. */
const rowSchema = z.tuple([
  ...IDENTITY_COLUMNS,
  z.string(),
  /** Index into the configuration's states; -1: the status maps to no state. */
  z.number().int().min(-1),
  z.number().nullable(),
  /** Day numbers (calendar.ts) each state was entered, in the configuration's state order. */
  z.array(z.number().int().nullable()),
  z.array(z.string()),
  z.union([z.literal(0), z.literal(1)]),
  /** [business value, time criticality, risk reduction, job size, version]; null: no property. */
  z.tuple([componentSchema, componentSchema, componentSchema, componentSchema, z.number().int().min(1)]).nullable(),
  z.number().nullable(),
  /** Index into `authors`. */
  z.number().int().min(0).nullable(),
]);
type Row = z.infer<typeof rowSchema>;

/** The rows and the projects they name, packed (deflated JSON in base64): about a third of the bytes. */
const packedSchema = z.object({
  projects: z.array(z.object({ key: z.string(), name: z.string() })),
  rows: z.array(rowSchema),
});
type Packed = z.infer<typeof packedSchema>;

export const cardsDocumentSchema = z.object({
  schema: z.literal(CARDS_SCHEMA),
  fingerprint: z.string(),
  /** Unpacked and named `accountId` so the personal-data job finds and anonymises them. */
  authors: z.array(z.object({ accountId: z.string() })),
  packed: z.string(),
});
/** Cards as stored; a stale marker (`{ stale: true }`) does not parse. */
export type CardsDocument = z.infer<typeof cardsDocumentSchema>;

const pack = (packed: Packed): string => deflateRawSync(JSON.stringify(packed)).toString('base64');

function unpack(text: string): Packed | null {
  try {
    const parsed = packedSchema.safeParse(JSON.parse(inflateRawSync(Buffer.from(text, 'base64')).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not deflated JSON (damaged): the cards are rebuilt from the chunk.
    return null;
  }
}

function indexer<T>(keyOf: (item: T) => string): { list: T[]; indexOf(item: T): number } {
  const list: T[] = [];
  const index = new Map<string, number>();
  return {
    list,
    indexOf(item) {
      const key = keyOf(item);
      let found = index.get(key);
      if (found === undefined) {
        found = list.length;
        list.push(item);
        index.set(key, found);
      }
      return found;
    },
  };
}

export function encodeCards(cards: readonly EpicCard[], cardConfig: CardConfig): CardsDocument {
  const { states } = cardConfig.config;
  const projects = indexer<{ key: string; name: string }>((project) => `${project.key}\u0000${project.name}`);
  const authors = indexer<{ accountId: string }>((author) => author.accountId);
  const rows = cards.map((card): Row => {
    const { wsjf } = card;
    const { userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize } = wsjf.components;
    return [
      card.id,
      card.key,
      card.summary,
      projects.indexOf({ key: card.projectKey, name: card.projectName }),
      [...card.labels],
      card.statusId,
      card.state === null ? -1 : states.indexOf(card.state),
      card.stateSince,
      states.map((state) => {
        const date = card.stateDates[state] ?? null;
        return date === null ? null : dayNumber(date);
      }),
      [...card.unmappedStatuses],
      card.flagged ? 1 : 0,
      wsjf.version === null ? null : [userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize, wsjf.version],
      card.scored.at,
      card.scored.by === null ? null : authors.indexOf({ accountId: card.scored.by }),
    ];
  });
  return { schema: CARDS_SCHEMA, fingerprint: cardConfig.fingerprint, authors: authors.list, packed: pack({ projects: projects.list, rows }) };
}

/** Null when the rows do not unpack, or one names a project, author or state the document does not have. */
export function decodeCards(document: CardsDocument, cardConfig: CardConfig): EpicCard[] | null {
  const { states } = cardConfig.config;
  const packed = unpack(document.packed);
  if (packed === null) return null;
  const cards: EpicCard[] = [];
  for (const [id, key, summary, projectIndex, labels, statusId, stateIndex, stateSince, stateDays, unmapped, flagged, wsjf, scoredAt, authorIndex] of packed.rows) {
    const project = packed.projects[projectIndex];
    const author = authorIndex === null ? null : document.authors[authorIndex];
    const state = stateIndex === -1 ? null : states[stateIndex];
    if (project === undefined || author === undefined || state === undefined || stateDays.length !== states.length) return null;
    const stateDates = byName<LocalDate | null>();
    states.forEach((name, index) => {
      const day = stateDays[index];
      stateDates[name] = day === null || day === undefined ? null : fromDayNumber(day);
    });
    cards.push({
      id,
      key,
      summary,
      projectKey: project.key,
      projectName: project.name,
      labels,
      statusId,
      state,
      stateSince,
      stateDates,
      unmappedStatuses: unmapped,
      flagged: flagged === 1,
      wsjf:
        wsjf === null
          ? wsjfReadingOf(NO_COMPONENTS, null)
          : wsjfReadingOf({ userBusinessValue: wsjf[0], timeCriticality: wsjf[1], riskReductionOpportunityEnablement: wsjf[2], jobSize: wsjf[3] }, wsjf[4]),
      scored: { by: author?.accountId ?? null, at: scoredAt },
    });
  }
  return cards;
}

/** The cards of every chunk the meta names (chunkProjection.ts); null when a chunk is missing or unreadable. */
export function loadCards(store: StorePort, meta: CacheMeta, cardConfig: CardConfig, log: Log): Promise<EpicCard[] | null> {
  return loadProjection(store, meta, cardsProjection(cardConfig), log);
}

/** The pages' cards as a per-chunk projection, for a configuration. */
export function cardsProjection(cardConfig: CardConfig): ChunkProjection<EpicCard> {
  return {
    collection: CARDS_COLLECTION,
    keyOf: cardsKey,
    idOf: (card) => card.id,
    decode(value) {
      const parsed = cardsDocumentSchema.safeParse(value);
      return parsed.success && parsed.data.fingerprint === cardConfig.fingerprint ? decodeCards(parsed.data, cardConfig) : null;
    },
    build(epics) {
      const items = epics.map((epic) => toEpicCard(epic, cardConfig));
      return { items, document: encodeCards(items, cardConfig) };
    },
  };
}
