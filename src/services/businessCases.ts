/**
 * Lean business cases: one stored document per epic, keyed by the epic's issue id. Written by whoever
 * may edit the epic in Jira; the go / no-go / persevere / pivot decision only by portfolio managers,
 * stamped with the caller and the server's clock. Cases that still live in schema-1 budget documents
 * (estimate and approval per quarter) are read from there until the epic's own case is saved.
 */
import { BUSINESS_CASE_SCHEMA_VERSION, MAX_DECISIONS_KEPT, budgetDocumentV1Schema, businessCaseDocumentSchema, businessCaseSchema } from '../contract/documents';
import type { BusinessCase, BusinessCaseDocument, CaseDecision, DecisionKind, LegacyEpicEconomics } from '../contract/documents';
import { InvalidInputError, NotFoundError } from '../errors';
import { requireEditIssue } from './access';
import type { ServiceContext } from './context';
import { migrateDocument, readDocument, writeDocumentWithHistory } from './documents';
import type { DocumentChange, DocumentKind } from './documents';
import { loadGuardrails } from './guardrails';
import { findEpic } from './portfolio/snapshot';
import { portfolioView } from './portfolio/view';
import type { PortfolioView, PortfolioEpic } from './portfolio/snapshot';

export const businessCaseKind: DocumentKind<BusinessCaseDocument> = {
  collection: 'businessCases',
  currentSchemaVersion: BUSINESS_CASE_SCHEMA_VERSION,
  schema: businessCaseDocumentSchema,
};

/** Where schema-1 budget documents are kept once their quarter was saved in schema 2. */
export const LEGACY_BUDGETS_COLLECTION = 'budgetLegacy';
const LIST_PAGE = 100;

export function emptyCase(): BusinessCase {
  return businessCaseSchema.parse({ hypothesis: {} });
}

/** A case as the app works with it: stored, migrated from a old budget document, or empty. */
export interface LoadedCase {
  readonly value: Omit<BusinessCaseDocument, 'schemaVersion'>;
  /** The stored document's version; null while the epic has no case document of its own. */
  readonly version: number | null;
  /** The quarter of the old budget document it was read from; null otherwise. */
  readonly migratedFrom: string | null;
}

async function* everyItem(ctx: ServiceContext, collection: string): AsyncGenerator<{ key: string; value: unknown }> {
  let cursor: string | undefined;
  do {
    const page = await ctx.store.list(collection, { cursor, limit: LIST_PAGE });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor !== undefined);
}

/**
 * Issue key → its estimate and approval in the newest schema-1 budget document that has one (the
 * quarter's own document while not yet re-saved, else its copy in `budgetLegacy`).
 */
function legacyEconomics(ctx: ServiceContext): Promise<Map<string, { economics: LegacyEpicEconomics; period: string }>> {
  return ctx.memo('legacy-economics', async () => {
    const documents: { period: string; epics: Record<string, LegacyEpicEconomics> }[] = [];
    for (const collection of ['budgets', LEGACY_BUDGETS_COLLECTION]) {
      for await (const item of everyItem(ctx, collection)) {
        const v1 = budgetDocumentV1Schema.safeParse(item.value);
        if (v1.success) documents.push({ period: v1.data.period, epics: v1.data.epics });
      }
    }
    documents.sort((a, b) => a.period.localeCompare(b.period));
    const byKey = new Map<string, { economics: LegacyEpicEconomics; period: string }>();
    for (const document of documents) for (const [key, economics] of Object.entries(document.epics)) byKey.set(key, { economics, period: document.period });
    return byKey;
  });
}

function migratedCase(issueId: string, legacy: { economics: LegacyEpicEconomics; period: string }): LoadedCase {
  const { economics, period } = legacy;
  const decision: CaseDecision | null =
    economics.approval === null
      ? null
      : { decision: 'go', note: `Approved in the budget for ${period}`, accountId: economics.approval.accountId, at: economics.approval.at };
  return {
    value: { issueId, case: { ...emptyCase(), forecastCost: economics.costEstimate }, decision, decisions: decision === null ? [] : [decision] },
    version: null,
    migratedFrom: period,
  };
}

export async function loadCase(ctx: ServiceContext, epic: { id: string; key: string }): Promise<LoadedCase> {
  const stored = await readDocument(ctx.store, businessCaseKind, epic.id);
  if (stored) {
    const { schemaVersion: _schemaVersion, ...value } = stored.value;
    return { value, version: stored.version, migratedFrom: null };
  }
  const legacy = (await legacyEconomics(ctx)).get(epic.key);
  if (legacy) return migratedCase(epic.id, legacy);
  return { value: { issueId: epic.id, case: emptyCase(), decision: null, decisions: [] }, version: null, migratedFrom: null };
}

/** The economics the budget and theme views need, per epic id, for the given epics only. */
export interface EpicEconomics {
  readonly forecastCost: number | null;
  readonly mvpCost: number | null;
  readonly investmentType: string | null;
  readonly decision: DecisionKind | null;
  readonly hasCase: boolean;
}

/**
 * Every case of the given epics: the collection is read page by page (one read unit per case), and
 * epics without a case fall back to the old budget documents.
 */
export function economicsOf(ctx: ServiceContext, epics: readonly { id: string; key: string }[]): Promise<Map<string, EpicEconomics>> {
  return ctx.memo('economics', async () => {
    const wanted = new Set(epics.map((epic) => epic.id));
    const byId = new Map<string, EpicEconomics>();
    for await (const item of everyItem(ctx, businessCaseKind.collection)) {
      if (!wanted.has(item.key)) continue;
      try {
        const document = migrateDocument(businessCaseKind, item.key, item.value);
        byId.set(item.key, {
          forecastCost: document.case.forecastCost,
          mvpCost: document.case.mvpCost,
          investmentType: document.case.investmentType,
          decision: document.decision?.decision ?? null,
          hasCase: true,
        });
      } catch {
        ctx.log.warn('unreadable business case skipped', { issueId: item.key });
      }
    }
    const legacy = await legacyEconomics(ctx);
    for (const epic of epics) {
      if (byId.has(epic.id)) continue;
      const old = legacy.get(epic.key);
      if (old) {
        byId.set(epic.id, {
          forecastCost: old.economics.costEstimate,
          mvpCost: null,
          investmentType: null,
          decision: old.economics.approval === null ? null : 'go',
          hasCase: true,
        });
      }
    }
    return byId;
  });
}

/** An epic outside the caller's view is "not found", whether it exists or not. */
export async function visibleEpic(ctx: ServiceContext, issueKey: string): Promise<{ snapshot: PortfolioView; epic: PortfolioEpic }> {
  const snapshot = await portfolioView(ctx);
  const epic = findEpic(snapshot, issueKey);
  if (!epic) throw new NotFoundError(`Epic ${issueKey} was not found in the portfolio.`);
  return { snapshot, epic };
}

/** Authorization for a case save: Edit issues on that epic (not found when the caller cannot see it). */
export async function requireCaseEditor(ctx: ServiceContext, issueKey: string): Promise<void> {
  const { epic } = await visibleEpic(ctx, issueKey);
  await requireEditIssue(ctx, epic);
}

/** Writes the case and its history entry in one transaction. */
async function writeCase(ctx: ServiceContext, epic: PortfolioEpic, value: LoadedCase['value'], version: number | null, change: DocumentChange): Promise<number> {
  return writeDocumentWithHistory(
    ctx,
    businessCaseKind,
    epic.id,
    { schemaVersion: BUSINESS_CASE_SCHEMA_VERSION, ...value },
    version,
    `the business case of ${epic.key}`,
    change,
  );
}

/** Callers authorize first with `requireCaseEditor`. The decision stays as it was. */
export async function saveCase(ctx: ServiceContext, issueKey: string, submitted: BusinessCase, version: number | null): Promise<PortfolioEpic> {
  const { epic } = await visibleEpic(ctx, issueKey);
  const { guardrails } = await loadGuardrails(ctx);
  if (submitted.investmentType !== null && !guardrails.investmentTypes.some((type) => type.id === submitted.investmentType))
    throw new InvalidInputError(`case.investmentType: "${submitted.investmentType}" is not one of the guardrails' investment types`);
  const current = await loadCase(ctx, epic);
  // A case still read from an old budget document is created (version null) carrying its approval.
  const before = current.value.case.forecastCost;
  await writeCase(ctx, epic, { ...current.value, case: submitted }, version, {
    action: 'epic/case/save',
    subject: { kind: 'epic', key: epic.key, issueId: epic.id },
    summary: `${epic.key}: business case saved (forecast cost ${before ?? 'none'} → ${submitted.forecastCost ?? 'none'})`,
    changes: [{ field: 'case', from: current.value.case, to: submitted }],
  });
  return epic;
}

/** Callers authorize first (portfolio managers). Who and when come from the caller and the clock. */
export async function decideCase(ctx: ServiceContext, issueKey: string, decision: DecisionKind, note: string, version: number | null): Promise<PortfolioEpic> {
  const { epic } = await visibleEpic(ctx, issueKey);
  const current = await loadCase(ctx, epic);
  const stamped: CaseDecision = { decision, note, accountId: ctx.accountId, at: ctx.clock.now() };
  const value = { ...current.value, decision: stamped, decisions: [stamped, ...current.value.decisions].slice(0, MAX_DECISIONS_KEPT) };
  await writeCase(ctx, epic, value, version, {
    action: 'epic/case/decide',
    subject: { kind: 'epic', key: epic.key, issueId: epic.id },
    summary: `${epic.key}: decision ${current.value.decision?.decision ?? 'none'} → ${decision}`,
    changes: [{ field: 'decision', from: current.value.decision?.decision ?? null, to: decision }],
  });
  return epic;
}
