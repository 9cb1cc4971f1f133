/**
 * OKRs per quarter: objectives with key results (one document per quarter, changed by portfolio
 * managers), each key result's check-in trail and its linked epics (one small document each, so a
 * busy quarter never grows the objectives document). Progress, call-outs and the progress line are
 * decided by the domain; linked epics are shown and counted only when the caller can see them.
 */
import {
  MAX_CHECK_INS,
  MAX_LINKED_EPICS,
  OKRS_SCHEMA_VERSION,
  OKR_CHECK_INS_SCHEMA_VERSION,
  OKR_LINKS_SCHEMA_VERSION,
  okrCheckInsDocumentSchema,
  okrLinksDocumentSchema,
  okrsDocumentSchema,
} from '../contract/documents';
import type { Objective, OkrCheckInsDocument, OkrConfidence, OkrLinksDocument, OkrsDocument } from '../contract/documents';
import type { z } from 'zod';
import type { epicOkrsOutputSchema, ResolverOutput, ResolverParsedInput } from '../contract/resolvers';
import { endOfLocalDay, addDays, nextPeriodStart } from '../domain/calendar';
import {
  confidenceFitsScale,
  keyResultProgress,
  noWorkInFlight,
  objectiveProgress,
  okrProblems,
  outputsDeliveredOutcomeNotReached,
  progressLine,
} from '../domain/okr';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import type { StorePort } from '../ports';
import { accessOf, canEditIssue } from './access';
import type { ServiceContext } from './context';
import { documentSave, migrateDocument, readDocument, versionAfter, writeDocumentWithHistory, writeDocumentsWithHistory } from './documents';
import type { DocumentKind } from './documents';
import type { NewHistoryEntry } from './history';
import { findEpic } from './portfolio/snapshot';
import { portfolioView } from './portfolio/view';
import type { PortfolioView } from './portfolio/snapshot';
import { currentQuarter, settingsOf } from './settings';
import { loadThemes } from './themes';

export type OkrsView = ResolverOutput<'okrs/list'>;
export type EpicOkrs = z.infer<typeof epicOkrsOutputSchema>;

export const okrsKind: DocumentKind<OkrsDocument> = {
  collection: 'okrs',
  currentSchemaVersion: OKRS_SCHEMA_VERSION,
  schema: okrsDocumentSchema,
};
export const okrCheckInsKind: DocumentKind<OkrCheckInsDocument> = {
  collection: 'okr-checkins',
  currentSchemaVersion: OKR_CHECK_INS_SCHEMA_VERSION,
  schema: okrCheckInsDocumentSchema,
};
export const okrLinksKind: DocumentKind<OkrLinksDocument> = {
  collection: 'okr-links',
  currentSchemaVersion: OKR_LINKS_SCHEMA_VERSION,
  schema: okrLinksDocumentSchema,
};

/** Check-ins and links are keyed by quarter, objective and key result (key result ids repeat across objectives). */
export const keyResultDocumentKey = (period: string, objectiveId: string, keyResultId: string) => `${period}/${objectiveId}/${keyResultId}`;

/** Every document of a collection for one quarter, by key; unreadable ones are logged and left out. */
async function quarterDocuments<T>(ctx: ServiceContext, kind: DocumentKind<T>, period: string): Promise<Map<string, { value: T; version: number }>> {
  const documents = new Map<string, { value: T; version: number }>();
  let cursor: string | undefined;
  do {
    const page = await ctx.store.list(kind.collection, { prefix: `${period}/`, cursor, limit: 100 });
    for (const item of page.items) {
      try {
        documents.set(item.key, { value: migrateDocument(kind, item.key, item.value), version: item.version });
      } catch (error) {
        ctx.log.warn('unreadable OKR document skipped', { collection: kind.collection, key: item.key, message: String(error) });
      }
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return documents;
}

interface Quarter {
  readonly period: string;
  readonly objectives: Objective[];
  readonly version: number | null;
  readonly checkIns: Map<string, { value: OkrCheckInsDocument; version: number }>;
  readonly links: Map<string, { value: OkrLinksDocument; version: number }>;
}

async function loadQuarter(ctx: ServiceContext, period: string): Promise<Quarter> {
  const [stored, checkIns, links] = await Promise.all([
    readDocument(ctx.store, okrsKind, period),
    quarterDocuments(ctx, okrCheckInsKind, period),
    quarterDocuments(ctx, okrLinksKind, period),
  ]);
  return { period, objectives: stored?.value.objectives ?? [], version: stored?.version ?? null, checkIns, links };
}

/** The quarter's first instant and the next quarter's, in the portfolio's time zone. */
function quarterWindow(period: string, timeZone: string): { from: number; to: number } {
  const start = `${period.slice(0, 4)}-${String((Number(period.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { from: endOfLocalDay(addDays(start, -1), timeZone), to: endOfLocalDay(addDays(nextPeriodStart(start, 'quarter'), -1), timeZone) };
}

function okrsView(
  ctx: ServiceContext,
  quarter: Quarter,
  snapshot: PortfolioView,
  themes: readonly { id: string; name: string }[],
  access: { canManagePortfolio: boolean; displayName: string | null },
): OkrsView {
  const canManage = access.canManagePortfolio;
  const order = { states: snapshot.config.states, commitment: snapshot.config.commitment };
  const window = quarterWindow(quarter.period, snapshot.settings.timeZone);
  const themeName = new Map(themes.map((theme) => [theme.id, theme.name]));
  const objectives = quarter.objectives.map((objective) => {
    const keyResults = objective.keyResults.map((keyResult) => {
      const documentKey = keyResultDocumentKey(quarter.period, objective.id, keyResult.id);
      const trail = quarter.checkIns.get(documentKey);
      const checkIns = trail?.value.checkIns ?? [];
      const latest = checkIns[checkIns.length - 1];
      const current = latest?.value ?? keyResult.current;
      const confidence = latest?.confidence ?? keyResult.confidence;
      const progress = keyResultProgress({ ...keyResult, current });
      // Only epics the caller can see are shown or counted.
      const epics = (quarter.links.get(documentKey)?.value.issueKeys ?? []).flatMap((key) => {
        const epic = findEpic(snapshot, key);
        return epic ? [{ key: epic.key, summary: epic.summary, state: epic.state, wsjfScore: epic.wsjf.wsjfScore }] : [];
      });
      return {
        ...keyResult,
        current,
        confidence,
        progress,
        checkIns,
        checkInVersion: trail?.version ?? null,
        progressLine: progressLine(keyResult, checkIns, window),
        epics,
        outputsDeliveredOutcomeNotReached: outputsDeliveredOutcomeNotReached(progress, epics, order),
        canCheckIn: canManage || keyResult.owner?.accountId === ctx.accountId,
      };
    });
    return {
      ...objective,
      themeName: objective.themeId === null ? null : (themeName.get(objective.themeId) ?? null),
      progress: objectiveProgress(keyResults),
      noWorkInFlight: noWorkInFlight(
        keyResults.flatMap((keyResult) => keyResult.epics),
        order,
      ),
      keyResults,
    };
  });
  return {
    period: quarter.period,
    version: quarter.version,
    quarterStart: window.from,
    quarterEnd: window.to,
    canManage,
    viewer: { accountId: ctx.accountId, displayName: access.displayName ?? '' },
    confidenceScale: snapshot.settings.okrConfidenceScale,
    states: [...snapshot.config.states],
    commitment: snapshot.config.commitment,
    themes: themes.map((theme) => ({ id: theme.id, name: theme.name })),
    objectives,
  };
}

async function viewOf(ctx: ServiceContext, quarter: Quarter): Promise<OkrsView> {
  const [snapshot, { themes }, access] = await Promise.all([portfolioView(ctx), loadThemes(ctx.store), accessOf(ctx)]);
  return okrsView(ctx, quarter, snapshot, themes, access);
}

/** Without a period: the quarter containing today in the portfolio's time zone. */
export async function listOkrs(ctx: ServiceContext, requested?: string): Promise<OkrsView> {
  const period = requested ?? (await currentQuarter(ctx));
  return viewOf(ctx, await loadQuarter(ctx, period));
}

/** Callers authorize first (portfolio managers only). */
export async function saveOkrs(ctx: ServiceContext, period: string, objectives: Objective[], version: number | null): Promise<OkrsView> {
  const problems = okrProblems(objectives);
  if (problems.length > 0) throw new InvalidInputError(`objectives: ${problems.join('; ')}`);
  const newVersion = await writeDocumentWithHistory(
    ctx,
    okrsKind,
    period,
    { schemaVersion: OKRS_SCHEMA_VERSION, period, objectives },
    version,
    `the OKRs for ${period}`,
    {
      action: 'okrs/save',
      subject: { kind: 'okrs', key: period },
      summary: `OKRs ${period} saved: ${objectives.length} objectives, ${objectives.reduce((sum, o) => sum + o.keyResults.length, 0)} key results`,
      changes: [],
    },
  );
  const quarter = await loadQuarter(ctx, period);
  return viewOf(ctx, { ...quarter, objectives, version: newVersion });
}

/** The key result a check-in or link names; not found when the quarter has no such key result. */
function findKeyResult(objectives: readonly Objective[], keyResultId: string, objectiveId?: string) {
  const matches = objectives.flatMap((objective) =>
    objective.keyResults.filter((keyResult) => keyResult.id === keyResultId && (objectiveId === undefined || objective.id === objectiveId)).map((keyResult) => ({ objective, keyResult })),
  );
  if (matches.length === 0) throw new NotFoundError(`The key result "${keyResultId}" was not found in these OKRs.`);
  if (matches.length > 1) throw new InvalidInputError(`objectiveId: key result "${keyResultId}" is in several objectives; name the objective`);
  return matches[0]!;
}

async function storedObjectives(store: StorePort, period: string): Promise<Objective[]> {
  return (await readDocument(store, okrsKind, period))?.value.objectives ?? [];
}

/** Check-ins: the key result's owner, and portfolio managers. */
export async function requireCheckInRight(ctx: ServiceContext, input: ResolverParsedInput<'okrs/checkin'>): Promise<void> {
  const { keyResult } = findKeyResult(await storedObjectives(ctx.store, input.period), input.keyResultId, input.objectiveId);
  if (keyResult.owner?.accountId === ctx.accountId) return;
  if ((await accessOf(ctx)).canManagePortfolio) return;
  throw new ForbiddenError(`Only the owner of "${keyResult.title}" and portfolio managers may check in on it.`);
}

const formatNumber = (value: number | null) => (value === null ? '—' : String(Math.round(value * 100) / 100));
const formatConfidence = (confidence: OkrConfidence) => (typeof confidence === 'number' ? `${confidence}/10` : confidence);

/** Callers authorize first with `requireCheckInRight`. A check-in naming an older trail version is a conflict. */
export async function checkIn(ctx: ServiceContext, input: ResolverParsedInput<'okrs/checkin'>): Promise<OkrsView> {
  const { settings } = await settingsOf(ctx);
  if (!confidenceFitsScale(input.confidence, settings.okrConfidenceScale))
    throw new InvalidInputError(
      `confidence: on this portfolio's scale confidence is ${settings.okrConfidenceScale === '0-10' ? 'a whole number from 0 to 10' : 'low, medium or high'}`,
    );
  const { objective, keyResult } = findKeyResult(await storedObjectives(ctx.store, input.period), input.keyResultId, input.objectiveId);
  const key = keyResultDocumentKey(input.period, objective.id, keyResult.id);
  const stored = await readDocument(ctx.store, okrCheckInsKind, key);
  if ((stored?.version ?? null) !== input.version) {
    const read = input.version === null ? 'no check-in yet' : `version ${input.version}`;
    throw new ConflictError(
      `Someone else checked in on "${keyResult.title}" in the meantime (you read ${read}; now there is version ${stored?.version ?? 0}). Reload, then check in again.`,
    );
  }
  const access = await accessOf(ctx);
  const previous = stored?.value.checkIns ?? [];
  const entry = {
    at: ctx.clock.now(),
    by: { accountId: ctx.accountId, displayName: access.displayName ?? '' },
    value: input.value,
    confidence: input.confidence,
    note: input.note,
  };
  const document: OkrCheckInsDocument = {
    schemaVersion: OKR_CHECK_INS_SCHEMA_VERSION,
    period: input.period,
    objectiveId: objective.id,
    keyResultId: keyResult.id,
    // Bounded: the oldest check-ins drop off once the trail is full.
    checkIns: [...previous, entry].slice(-MAX_CHECK_INS),
  };
  const before = previous[previous.length - 1]?.value ?? keyResult.current;
  await writeDocumentWithHistory(ctx, okrCheckInsKind, key, document, input.version, `the check-ins of "${keyResult.title}"`, {
    action: 'okrs/checkin',
    subject: { kind: 'okrs', key: input.period },
    summary: `Check-in on "${keyResult.title}": ${formatNumber(before)} → ${formatNumber(input.value)}${keyResult.unit ? ` ${keyResult.unit}` : ''}, confidence ${formatConfidence(input.confidence)}${input.note ? ` — ${input.note}` : ''}`,
    changes: [{ field: 'current', from: before, to: input.value }],
  });
  return listOkrs(ctx, input.period);
}

/**
 * Linking: every epic named must be one the caller sees (else not found, never telling whether it
 * exists) and may edit (Jira decides, per issue).
 */
export async function requireLinkRight(ctx: ServiceContext, input: ResolverParsedInput<'okrs/link'>): Promise<void> {
  findKeyResult(await storedObjectives(ctx.store, input.period), input.keyResultId, input.objectiveId);
  const snapshot = await portfolioView(ctx);
  for (const issueKey of input.issueKeys) {
    const epic = findEpic(snapshot, issueKey);
    if (!epic) throw new NotFoundError(`Epic ${issueKey} was not found in the portfolio.`);
    if (!(await canEditIssue(ctx, epic.id))) throw new ForbiddenError(`You need the Edit issues permission on ${issueKey} to link it to a key result.`);
  }
}

const LINK_ATTEMPTS = 3;

/**
 * Callers authorize first with `requireLinkRight`. A link adds or removes keys from a set, so a
 * save that lost the race is redone on the fresh set (nobody's link is overwritten); links to
 * epics the caller cannot see stay as they are.
 */
export async function linkEpics(ctx: ServiceContext, input: ResolverParsedInput<'okrs/link'>): Promise<OkrsView> {
  const { objective, keyResult } = findKeyResult(await storedObjectives(ctx.store, input.period), input.keyResultId, input.objectiveId);
  const key = keyResultDocumentKey(input.period, objective.id, keyResult.id);
  const snapshot = await portfolioView(ctx);
  for (let attempt = 1; ; attempt++) {
    const stored = await readDocument(ctx.store, okrLinksKind, key);
    const keys = new Set(stored?.value.issueKeys ?? []);
    const changed = input.issueKeys.filter((issueKey) => keys.has(issueKey) !== input.linked);
    if (changed.length === 0) break;
    for (const issueKey of changed) {
      if (input.linked) keys.add(issueKey);
      else keys.delete(issueKey);
    }
    if (keys.size > MAX_LINKED_EPICS) throw new InvalidInputError(`issueKeys: at most ${MAX_LINKED_EPICS} epics per key result`);
    const document: OkrLinksDocument = {
      schemaVersion: OKR_LINKS_SCHEMA_VERSION,
      period: input.period,
      objectiveId: objective.id,
      keyResultId: keyResult.id,
      issueKeys: [...keys],
    };
    const expectedVersion = stored?.version ?? null;
    // One entry per epic, about the epic: the history hides it from readers who cannot see it. The
    // links and their entries are one transaction (at most 20 epics a call: 21 writes of 25).
    const entries = changed.flatMap((issueKey): NewHistoryEntry[] => {
      const epic = findEpic(snapshot, issueKey);
      if (!epic) return [];
      return [
        {
          action: 'okrs/link',
          subject: { kind: 'epic', key: epic.key, issueId: epic.id },
          version: versionAfter(expectedVersion),
          summary: `${input.linked ? 'Linked to' : 'Unlinked from'} key result "${keyResult.title}" (${objective.title}, ${input.period})`,
          changes: [],
        },
      ];
    });
    try {
      await writeDocumentsWithHistory(ctx, [documentSave(okrLinksKind, key, document, expectedVersion, `the epics of "${keyResult.title}"`)], entries);
      break;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= LINK_ATTEMPTS) throw error;
    }
  }
  return listOkrs(ctx, input.period);
}

/**
 * The current quarter's key results and whether the epic is linked to each, for its issue panel.
 * The caller's search returned the epic (the caller checked); `canLink` is their Edit issues on it.
 * Progress and confidence are the latest check-in's, as the OKRs page shows them.
 */
export async function epicKeyResults(ctx: ServiceContext, epic: { key: string }, canLink: boolean): Promise<EpicOkrs> {
  const [period, { settings }] = await Promise.all([currentQuarter(ctx), settingsOf(ctx)]);
  const quarter = await loadQuarter(ctx, period);
  const keyResults = quarter.objectives.flatMap((objective) =>
    objective.keyResults.map((keyResult) => {
      const documentKey = keyResultDocumentKey(period, objective.id, keyResult.id);
      const checkIns = quarter.checkIns.get(documentKey)?.value.checkIns ?? [];
      const latest = checkIns[checkIns.length - 1];
      const current = latest?.value ?? keyResult.current;
      return {
        objectiveId: objective.id,
        objectiveTitle: objective.title,
        keyResultId: keyResult.id,
        title: keyResult.title,
        unit: keyResult.unit,
        current,
        target: keyResult.target,
        progress: keyResultProgress({ ...keyResult, current }),
        confidence: latest?.confidence ?? keyResult.confidence,
        linked: (quarter.links.get(documentKey)?.value.issueKeys ?? []).includes(epic.key),
      };
    }),
  );
  return { issueKey: epic.key, period, canLink, confidenceScale: settings.okrConfidenceScale, keyResults };
}
