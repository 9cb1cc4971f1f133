/**
 * The seeded portfolio generator: 4 value streams, epics spread over the 18 months before `now`
 * with realistic status histories (backward moves, skipped states, reopened epics, pauses "On Hold"
 * while implementing, no-gos closed without implementation (flowShapes.ts), flagged periods), theme and enabler labels, WSJF properties and child stories.
 * The first few epics follow fixed scripts so every feature exists whatever the seed or size.
 */
import type { EpochMillis } from '../../src/domain/calendar';
import { seededRandom } from '../../src/domain/stats';
import { MODIFIED_FIBONACCI, type WsjfComponents } from '../../src/domain/wsjf';
import { wsjfPropertyValue } from '../../src/services/wsjfProperty';
import {
  DEMO_ISSUE_TYPES,
  DEMO_PROJECTS,
  DEMO_STATUSES,
  DEMO_USERS,
  demoUser,
  EPIC_PATH,
  FLAGGED_FIELD_ID,
  FLAGGED_OPTION,
  ISSUE_TYPE_IDS,
  RANK_FIELD_ID,
  STATUS_IDS,
  statusItems,
  WSJF_PROPERTY_KEY,
  type DemoData,
  type DemoHistory,
  type DemoHistoryItem,
  type DemoIssue,
} from './model';
import { reshapeForFlow } from './flowShapes';

export interface GenerateOptions {
  readonly seed?: number;
  readonly epics?: number;
  readonly now: EpochMillis;
}

type Rng = () => number;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const HISTORY_DAYS = 548;
/** How often each value of the app's WSJF scale is drawn, smallest first. */
const FIBONACCI_WEIGHTS = [5, 10, 15, 20, 20, 15, 8] as const;

const RTE_ID = demoUser('rte').accountId;
const MEMBER_ID = demoUser('member').accountId;

const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
const intBetween = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}
function weighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let r = rng() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

const PROJECT_WEIGHTS = [0.3, 0.25, 0.2, 0.25];
/** Platform work is mostly enablers; overall about 30 % of epics are. */
const ENABLER_SHARE = [0.2, 0.2, 0.35, 0.55];
const TOPICS: readonly (readonly string[])[] = [
  ['instant payouts', 'card tokenisation', 'refund automation', 'multi-currency wallets', 'chargeback handling', 'PSD3 readiness', 'fraud scoring', 'invoice matching'],
  ['offline mode', 'the onboarding flow', 'push preferences', 'dark mode', 'biometric login', 'the accessibility audit', 'in-app chat', 'app size'],
  ['a customer 360 view', 'the churn model', 'the event pipeline', 'the data catalogue', 'GDPR erasure jobs', 'real-time dashboards', 'the forecast service', 'data quality checks'],
  ['the Kubernetes upgrade', 'the observability stack', 'zero-downtime deploys', 'secrets rotation', 'the API gateway', 'cost dashboards', 'disaster recovery', 'CI speed'],
];
const EPIC_VERBS = ['Launch', 'Introduce', 'Modernise', 'Scale', 'Automate', 'Harden', 'Redesign', 'Consolidate', 'Pilot', 'Expand'];
const STORY_VERBS = ['Spike options for', 'Design', 'Build the backend of', 'Build the UI of', 'Test', 'Roll out', 'Document'];

/** Days an epic stays in a status before its next move: [shortest, longest]. */
const DWELL_DAYS: Readonly<Record<string, readonly [number, number]>> = {
  [STATUS_IDS.funnel]: [2, 40],
  [STATUS_IDS.reviewing]: [2, 21],
  [STATUS_IDS.analyzing]: [5, 35],
  [STATUS_IDS.portfolioBacklog]: [3, 50],
  [STATUS_IDS.implementing]: [15, 110],
  [STATUS_IDS.done]: [3, 20],
  [STATUS_IDS.onHold]: [4, 30],
};

interface Move {
  readonly at: EpochMillis;
  readonly from: string;
  readonly to: string;
}

interface Script {
  readonly path: readonly string[];
  readonly flag?: 'past' | 'now';
  readonly recent?: boolean;
}

const S = STATUS_IDS;
/** Every feature the metrics must handle, guaranteed present for any seed and size. */
const SCRIPTS: readonly Script[] = [
  { path: [S.reviewing, S.analyzing, S.portfolioBacklog, S.implementing, S.done, S.implementing, S.done] }, // reopened
  { path: [S.reviewing, S.analyzing, S.reviewing, S.analyzing, S.portfolioBacklog, S.implementing] }, // backward move
  { path: [S.analyzing, S.implementing, S.done] }, // skipped Reviewing and Portfolio Backlog
  { path: [S.reviewing, S.analyzing, S.portfolioBacklog, S.implementing, S.onHold, S.implementing, S.done], flag: 'past' }, // paused On Hold
  { path: [S.reviewing, S.analyzing, S.portfolioBacklog, S.implementing], flag: 'now' }, // flagged right now
  { path: [], recent: true }, // never moved
];

interface Draft {
  readonly projectIndex: number;
  readonly issueTypeId: string;
  readonly summary: string;
  readonly created: EpochMillis;
  readonly statusId: string;
  readonly labels: string[];
  readonly flagged: boolean;
  readonly properties: Record<string, unknown>;
  readonly histories: Omit<DemoHistory, 'id'>[];
  readonly parentDraft: number | null;
}

export function generatePortfolio(options: GenerateOptions): DemoData {
  const seed = options.seed ?? 42;
  const epicCount = Math.max(0, Math.floor(options.epics ?? 150));
  const now = options.now;
  const rng = seededRandom(seed);
  const drafts: Draft[] = [];

  for (let index = 0; index < epicCount; index++) {
    const epicIndex = drafts.length;
    const epic = draftEpic(rng, now, SCRIPTS[index], flowSeedOf(seed, index));
    drafts.push(epic.draft);
    draftStories(rng, now, epic, epicIndex, drafts);
  }

  return {
    seed,
    generatedAt: now,
    projects: DEMO_PROJECTS,
    statuses: DEMO_STATUSES,
    issueTypes: DEMO_ISSUE_TYPES,
    users: DEMO_USERS,
    issues: assignIdentities(drafts),
  };
}

interface EpicDraft {
  readonly draft: Draft;
  /** The walk as drawn and the status it ended in: what the epic's stories follow. */
  readonly moves: readonly Move[];
  readonly storyStatusId: string;
  readonly topic: string;
}

/** The flow reshape's own seed: one per epic and portfolio seed (a 32-bit mix; any stable value would do). */
function flowSeedOf(seed: number, epicIndex: number): number {
  return Math.imul(seed, 0x9e3779b1) + epicIndex;
}

function draftEpic(rng: Rng, now: EpochMillis, script: Script | undefined, flowSeed: number): EpicDraft {
  const projectIndex = weighted(rng, [0, 1, 2, 3], PROJECT_WEIGHTS);
  const topic = pick(rng, TOPICS[projectIndex] ?? []);
  const summary = `${pick(rng, EPIC_VERBS)} ${topic}`;
  const enabler = rng() < (ENABLER_SHARE[projectIndex] ?? 0.3);
  const labels = themeLabels(rng, enabler);

  let created: EpochMillis;
  let moves: Move[];
  if (script) {
    const dwells = script.path.map(() => between(rng, 4, 30) * DAY_MS);
    const total = dwells.reduce((sum, d) => sum + d, 0);
    created = script.recent ? now - between(rng, 2, 4) * DAY_MS : now - total - between(rng, 2, 20) * DAY_MS;
    moves = scriptedMoves(script.path, created, dwells);
  } else {
    created = now - between(rng, 2, HISTORY_DAYS) * DAY_MS;
    moves = randomWalk(rng, created, now);
  }
  created = Math.floor(created);
  // The stories follow the walk as drawn; the epic's own history is reshaped for the flow metrics.
  const storyBasis = { moves, statusId: moves.length > 0 ? (moves[moves.length - 1] as Move).to : STATUS_IDS.funnel };
  const authors = moves.map(() => (projectIndex === 2 || rng() < 0.7 ? RTE_ID : MEMBER_ID));
  const epicMoves = script ? moves : reshapeForFlow(moves, flowSeed, now);
  const statusId = epicMoves.length > 0 ? (epicMoves[epicMoves.length - 1] as Move).to : STATUS_IDS.funnel;

  const histories: Omit<DemoHistory, 'id'>[] = epicMoves.map((move, index) => ({
    authorAccountId: authors[index % authors.length] as string,
    created: move.at,
    items: statusItems(move.from, move.to),
  }));
  const flagged = addFlaggedPeriod(rng, now, epicMoves, statusId, script?.flag, histories);
  addNoise(rng, now, created, summary, histories);
  histories.sort((a, b) => a.created - b.created);
  spreadEqualTimes(histories);

  const properties: Record<string, unknown> = {};
  // Scored by the RTE when the epic was created, in the shape the app itself writes.
  if (script || rng() < 0.85) properties[WSJF_PROPERTY_KEY] = wsjfPropertyValue(wsjfComponents(rng, enabler), 1, null, created, RTE_ID);

  return {
    draft: { projectIndex, issueTypeId: ISSUE_TYPE_IDS.epic, summary, created, statusId, labels, flagged, properties, histories, parentDraft: null },
    moves: storyBasis.moves,
    storyStatusId: storyBasis.statusId,
    topic,
  };
}

function themeLabels(rng: Rng, enabler: boolean): string[] {
  const theme = enabler
    ? weighted(rng, ['theme-platform', 'theme-compliance', null], [70, 20, 10])
    : weighted(rng, ['theme-growth', 'theme-compliance', 'theme-platform', null], [55, 25, 10, 10]);
  const labels = theme ? [theme] : [];
  if (enabler) labels.push('enabler');
  return labels;
}

function scriptedMoves(path: readonly string[], created: EpochMillis, dwells: readonly number[]): Move[] {
  const moves: Move[] = [];
  let at = created;
  let from: string = STATUS_IDS.funnel;
  path.forEach((to, i) => {
    at = Math.floor(at + (dwells[i] ?? DAY_MS));
    moves.push({ at, from, to });
    from = to;
  });
  return moves;
}

/**
 * A walk along the portfolio path: mostly one step forward, sometimes two (a skipped state), a
 * step back, or a detour through the unmapped On Hold. About one epic in six stalls for good in an
 * early state; a few Done epics are reopened once. The walk stops at `now`.
 */
function randomWalk(rng: Rng, created: EpochMillis, now: EpochMillis): Move[] {
  const moves: Move[] = [];
  const stallIndex = rng() < 0.17 ? intBetween(rng, 0, 3) : -1;
  let reopenLeft = rng() < 0.07 ? 1 : 0;
  let backsLeft = 2;
  let holdsLeft = 1;
  let current: string = STATUS_IDS.funnel;
  let holdReturn = 0;
  let at = created;

  for (let step = 0; step < 20; step++) {
    const index = EPIC_PATH.indexOf(current);
    if (stallIndex >= 0 && index === stallIndex) break;
    if (current === STATUS_IDS.done && reopenLeft === 0) break;
    const [lo, hi] = DWELL_DAYS[current] ?? [5, 30];
    at = Math.floor(at + between(rng, lo, hi) * DAY_MS + between(rng, 0, 8) * HOUR_MS);
    if (at >= now) break;

    let next: string;
    if (current === STATUS_IDS.done) {
      reopenLeft--;
      next = STATUS_IDS.implementing;
    } else if (current === STATUS_IDS.onHold) {
      next = EPIC_PATH[Math.min(holdReturn + (rng() < 0.3 ? 1 : 0), EPIC_PATH.length - 1)] as string;
    } else {
      const r = rng();
      if (index >= 2 && r < 0.05 && holdsLeft > 0) {
        holdsLeft--;
        holdReturn = index;
        next = STATUS_IDS.onHold;
      } else if (index >= 2 && r < 0.12 && backsLeft > 0) {
        backsLeft--;
        next = EPIC_PATH[index - 1] as string;
      } else if (index <= 3 && r < 0.22) {
        next = EPIC_PATH[index + 2] as string;
      } else {
        next = EPIC_PATH[index + 1] as string;
      }
    }
    moves.push({ at, from: current, to: next });
    current = next;
  }
  return moves;
}

function flagItem(on: boolean): DemoHistoryItem {
  return on
    ? { field: 'Flagged', fieldtype: 'custom', fieldId: FLAGGED_FIELD_ID, from: null, fromString: null, to: `[${FLAGGED_OPTION.id}]`, toString: FLAGGED_OPTION.value }
    : { field: 'Flagged', fieldtype: 'custom', fieldId: FLAGGED_FIELD_ID, from: `[${FLAGGED_OPTION.id}]`, fromString: FLAGGED_OPTION.value, to: null, toString: '' };
}

/** Returns whether the epic is flagged at `now`. */
function addFlaggedPeriod(
  rng: Rng,
  now: EpochMillis,
  moves: readonly Move[],
  statusId: string,
  forced: 'past' | 'now' | undefined,
  histories: Omit<DemoHistory, 'id'>[],
): boolean {
  const first = moves[0];
  const last = moves[moves.length - 1];
  if (!first || !last || (!forced && rng() >= 0.22)) return false;
  const isDone = statusId === STATUS_IDS.done;
  const limit = isDone ? last.at : now;
  let start: number;
  if (forced === 'now') start = between(rng, last.at, now);
  else if (forced === 'past') start = between(rng, (moves[1] ?? first).at, (moves[2] ?? last).at);
  else start = between(rng, first.at, limit);
  start = Math.floor(start);
  histories.push({ authorAccountId: MEMBER_ID, created: start, items: [flagItem(true)] });
  if (forced === 'now') return true;
  let end = Math.floor(start + between(rng, 2, 25) * DAY_MS);
  if (forced === 'past') end = Math.floor((start + (moves[2] ?? last).at) / 2);
  if (end >= limit) {
    if (!isDone) return true;
    end = Math.floor((start + limit) / 2);
  }
  histories.push({ authorAccountId: MEMBER_ID, created: end, items: [flagItem(false)] });
  return false;
}

/** Changes the metrics must ignore: a reworded summary and rank moves. */
function addNoise(rng: Rng, now: EpochMillis, created: EpochMillis, summary: string, histories: Omit<DemoHistory, 'id'>[]): void {
  if (rng() < 0.15) {
    const at = Math.floor(created + between(rng, 0.1, 3) * DAY_MS);
    if (at < now) {
      histories.push({
        authorAccountId: RTE_ID,
        created: at,
        items: [{ field: 'summary', fieldtype: 'jira', fieldId: 'summary', from: null, fromString: `Draft: ${summary.toLowerCase()}`, to: null, toString: summary }],
      });
    }
  }
  if (rng() < 0.3) {
    const at = Math.floor(between(rng, created, now));
    histories.push({
      authorAccountId: RTE_ID,
      created: at,
      items: [{ field: 'Rank', fieldtype: 'custom', fieldId: RANK_FIELD_ID, from: '', fromString: '', to: '', toString: 'Ranked higher' }],
    });
  }
}

/** Two changes at the same millisecond would have no defined order: nudge later ones by 1 ms. */
function spreadEqualTimes(histories: Omit<DemoHistory, 'id'>[]): void {
  for (let i = 1; i < histories.length; i++) {
    const previous = histories[i - 1] as Omit<DemoHistory, 'id'>;
    const current = histories[i] as Omit<DemoHistory, 'id'>;
    if (current.created <= previous.created) histories[i] = { ...current, created: previous.created + 1 };
  }
}

function fibonacci(rng: Rng): number {
  return weighted(rng, MODIFIED_FIBONACCI, FIBONACCI_WEIGHTS);
}

/** Enablers carry less business value and more risk reduction / opportunity enablement. */
function wsjfComponents(rng: Rng, enabler: boolean): WsjfComponents {
  const userBusinessValue = enabler ? Math.min(fibonacci(rng), 8) : fibonacci(rng);
  const timeCriticality = fibonacci(rng);
  const riskReductionOpportunityEnablement = enabler ? Math.max(fibonacci(rng), 5) : fibonacci(rng);
  const jobSize = fibonacci(rng);
  return { userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize };
}

/** 2–4 stories per epic; their progress follows the epic's time in Implementing. */
function draftStories(rng: Rng, now: EpochMillis, epic: EpicDraft, epicIndex: number, drafts: Draft[]): void {
  const { draft, moves, topic, storyStatusId } = epic;
  const implementingAt = moves.find((m) => m.to === STATUS_IDS.implementing)?.at ?? null;
  const doneAt = storyStatusId === STATUS_IDS.done ? (moves[moves.length - 1] as Move).at : null;
  const inFlight = storyStatusId === STATUS_IDS.implementing || (storyStatusId === STATUS_IDS.onHold && implementingAt !== null);
  const workStart = implementingAt ?? doneAt ?? now;
  const workEnd = doneAt ?? now;
  const count = intBetween(rng, 2, 4);

  for (let i = 0; i < count; i++) {
    const created = Math.floor(between(rng, draft.created, Math.min(workStart, now - HOUR_MS)));
    let target: string = STATUS_IDS.toDo;
    if (doneAt !== null) target = STATUS_IDS.done;
    else if (inFlight) target = weighted(rng, [STATUS_IDS.toDo, STATUS_IDS.inProgress, STATUS_IDS.done], [35, 35, 30]);

    const histories: Omit<DemoHistory, 'id'>[] = [];
    if (target !== STATUS_IDS.toDo) {
      const from = Math.max(created, workStart);
      const startedAt = Math.floor(between(rng, from, workEnd));
      histories.push({ authorAccountId: MEMBER_ID, created: startedAt, items: statusItems(STATUS_IDS.toDo, STATUS_IDS.inProgress) });
      if (target === STATUS_IDS.done) {
        const finishedAt = Math.floor(between(rng, startedAt, workEnd));
        histories.push({ authorAccountId: MEMBER_ID, created: finishedAt, items: statusItems(STATUS_IDS.inProgress, STATUS_IDS.done) });
      }
      spreadEqualTimes(histories);
    }
    drafts.push({
      projectIndex: draft.projectIndex,
      issueTypeId: ISSUE_TYPE_IDS.story,
      summary: `${pick(rng, STORY_VERBS)} ${topic}`,
      created,
      statusId: target,
      labels: [],
      flagged: false,
      properties: {},
      histories,
      parentDraft: epicIndex,
    });
  }
}

/** Ids and keys grow with creation time, as in a real site; history ids follow issue order. */
function assignIdentities(drafts: readonly Draft[]): DemoIssue[] {
  const order = drafts.map((_, i) => i).sort((a, b) => (drafts[a] as Draft).created - (drafts[b] as Draft).created || a - b);
  const idOfDraft = new Array<string>(drafts.length);
  order.forEach((draftIndex, position) => {
    idOfDraft[draftIndex] = String(10_000 + position);
  });
  const nextNumber = DEMO_PROJECTS.map(() => 1);
  let historyId = 100_000;

  return order.map((draftIndex) => {
    const draft = drafts[draftIndex] as Draft;
    const project = DEMO_PROJECTS[draft.projectIndex] ?? (DEMO_PROJECTS[0] as (typeof DEMO_PROJECTS)[number]);
    const number = nextNumber[draft.projectIndex] ?? 1;
    nextNumber[draft.projectIndex] = number + 1;
    const histories = draft.histories.map((h) => ({ id: String(historyId++), ...h }));
    const lastChange = histories[histories.length - 1];
    return {
      id: idOfDraft[draftIndex] as string,
      key: `${project.key}-${number}`,
      projectId: project.id,
      issueTypeId: draft.issueTypeId,
      summary: draft.summary,
      statusId: draft.statusId,
      labels: draft.labels,
      created: draft.created,
      updated: lastChange ? Math.max(lastChange.created, draft.created) : draft.created,
      parentId: draft.parentDraft === null ? null : (idOfDraft[draft.parentDraft] as string),
      flagged: draft.flagged,
      properties: draft.properties,
      histories,
    };
  });
}
