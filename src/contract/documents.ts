/**
 * The stored documents besides settings: strategic themes, value streams, lean budgets, OKRs, the
 * change history (KVS), and the WSJF issue property (on the epic in Jira). Each carries
 * `schemaVersion`; the services migrate older shapes on read.
 */
import { z } from 'zod';
import { issueKeySchema, localDateSchema, projectKeySchema } from './primitives';

const idSchema = z.string().trim().min(1).max(64);
const nameSchema = z.string().trim().min(1).max(255);
const amountSchema = z.number().finite().min(0).max(1e15);
/** A planning quarter, e.g. `2026-Q3`. */
export const quarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter like 2026-Q3');

/**
 * Each document is one Forge storage value of at most 240 KiB (245,760 bytes), so every list in it
 * has a limit that still fits when each field is as long as its schema allows (ASCII text; the store
 * refuses anything larger with invalid_input). The byte sizes are worked out beside each limit.
 */
const storageLimit = (what: string) => `${what}: one document is stored in at most 240 KiB`;

// ---- Strategic themes -------------------------------------------------------------------------

export const themeSchema = z.object({
  id: idSchema,
  name: nameSchema,
  /** Jira label that tags epics with this theme. */
  label: z.string().trim().min(1).max(255).regex(/^\S+$/, 'a Jira label (no spaces)'),
  /** Target share of the portfolio, 0..1; null when none. */
  targetAllocation: z.number().min(0).max(1).nullable(),
  description: z.string().max(2000).default(''),
});
export type Theme = z.infer<typeof themeSchema>;

export const THEMES_SCHEMA_VERSION = 1;
/** A theme takes at most 2,666 bytes (its 2,000-character description most): 80 take 213,280. */
export const MAX_THEMES = 80;
export const themesDocumentSchema = z.object({
  schemaVersion: z.literal(THEMES_SCHEMA_VERSION),
  themes: z.array(themeSchema).max(MAX_THEMES, storageLimit(`at most ${MAX_THEMES} themes`)),
});
export type ThemesDocument = z.infer<typeof themesDocumentSchema>;

// ---- Value streams ----------------------------------------------------------------------------

export const valueStreamSchema = z.object({
  id: idSchema,
  name: nameSchema,
  /** Jira projects whose epics belong to this value stream. */
  projectKeys: z.array(projectKeySchema).max(100),
});
export type ValueStream = z.infer<typeof valueStreamSchema>;

export const VALUE_STREAMS_SCHEMA_VERSION = 1;
/** A value stream takes at most 2,655 bytes (100 project keys of 20 characters): 80 take 212,400. */
export const MAX_VALUE_STREAMS = 80;
export const valueStreamsDocumentSchema = z.object({
  schemaVersion: z.literal(VALUE_STREAMS_SCHEMA_VERSION),
  valueStreams: z.array(valueStreamSchema).max(MAX_VALUE_STREAMS, storageLimit(`at most ${MAX_VALUE_STREAMS} value streams`)),
});
export type ValueStreamsDocument = z.infer<typeof valueStreamsDocumentSchema>;

// ---- Lean budgets (one document per quarter) ---------------------------------------------------

export const budgetLineInputSchema = z.object({
  valueStreamId: idSchema,
  budget: amountSchema,
  actualSpend: amountSchema,
});

const approvalSchema = z.object({ accountId: z.string().min(1).max(128), at: z.number().int() });

/** As stored and shown. */
export const epicEconomicsSchema = z.object({
  /** Estimated cost of the epic (same currency as the budgets); null when not estimated. */
  costEstimate: amountSchema.nullable(),
  /**
   * Who approved the epic past the approval threshold, and when (epoch ms); null when not approved.
   * Stamped by the server with the caller and its clock: a page never sends it.
   */
  approval: approvalSchema.nullable(),
});
export type EpicEconomics = z.infer<typeof epicEconomicsSchema>;

/**
 * As a page sends it: only whether the epic is approved. Required: a page that forgot the field
 * must not revoke approvals silently. The server stamps who approved and when.
 */
export const epicEconomicsInputSchema = z.object({
  costEstimate: amountSchema.nullable(),
  approved: z.boolean(),
});
export type EpicEconomicsInput = z.infer<typeof epicEconomicsInputSchema>;

/**
 * An entry takes at most 255 bytes (31-character key, 24-character number, 128-character account
 * id, 17-digit time); 200 budget lines (158 bytes each), 20 allocation targets (92 bytes) and the
 * rest take 33,700, so 800 entries (204,000) fit. Per-epic storage would lift this limit.
 */
export const MAX_ESTIMATED_EPICS = 800;
export const ESTIMATED_EPICS_LIMIT_MESSAGE = storageLimit(`at most ${MAX_ESTIMATED_EPICS} epics per quarter can have an estimate or approval`);

const MAX_ALLOCATION_TARGETS = 20;
const planFields = {
  lines: z.array(budgetLineInputSchema).max(200, storageLimit('at most 200 budget lines')),
  /** Investment type (business | enabler) → target share of open cost, 0..1. */
  allocationTargets: z
    .record(z.string().min(1).max(64), z.number().min(0).max(1))
    .refine((targets) => Object.keys(targets).length <= MAX_ALLOCATION_TARGETS, storageLimit(`at most ${MAX_ALLOCATION_TARGETS} allocation targets`)),
  /** Absolute tolerance on the allocation shares, e.g. 0.05. */
  allocationTolerance: z.number().min(0).max(1),
  /** Epics estimated above this need an approval before entering the commitment state. */
  approvalThreshold: amountSchema,
};

export const budgetPlanSchema = z.object({
  ...planFields,
  /** Epic key → its cost estimate and approval. */
  epics: z.record(issueKeySchema, epicEconomicsSchema),
});
export type BudgetPlan = z.infer<typeof budgetPlanSchema>;

/** What `budgets/save` takes: approvals as a yes/no, and the limit on entries checked up front. */
export const budgetPlanInputSchema = z.object({
  ...planFields,
  epics: z
    .record(issueKeySchema, epicEconomicsInputSchema)
    .refine((epics) => Object.keys(epics).length <= MAX_ESTIMATED_EPICS, ESTIMATED_EPICS_LIMIT_MESSAGE),
});
export type BudgetPlanInput = z.infer<typeof budgetPlanInputSchema>;

export const BUDGET_SCHEMA_VERSION = 1;
export const budgetDocumentSchema = budgetPlanSchema.extend({
  schemaVersion: z.literal(BUDGET_SCHEMA_VERSION),
  period: quarterSchema,
});
export type BudgetDocument = z.infer<typeof budgetDocumentSchema>;

// ---- OKRs -------------------------------------------------------------------------------------

/** 0..10, or a word, as the admin's `okrConfidenceScale` says (the domain checks which). */
export const okrConfidenceSchema = z.union([z.number().int().min(0).max(10), z.enum(['low', 'medium', 'high'])]);
export type OkrConfidence = z.infer<typeof okrConfidenceSchema>;

/** A person, as a portfolio manager picked them: the account id decides, the name is for display. */
export const okrPersonSchema = z.object({ accountId: z.string().min(1).max(128), displayName: z.string().max(128) });

export const keyResultSchema = z.object({
  id: idSchema,
  title: nameSchema,
  /** What is measured, e.g. "Median payout time". */
  metric: z.string().max(120).default(''),
  baseline: z.number().finite(),
  /** Below the baseline when lower is better: the progress formula handles both directions. */
  target: z.number().finite(),
  /** The value when the key result was set up; the latest check-in's value stands in for it once there is one. */
  current: z.number().finite().nullable(),
  weight: z.number().min(0).max(1000).optional(),
  unit: z.string().max(32).default(''),
  /** Who checks in (portfolio managers may too); null when nobody owns it yet. */
  owner: okrPersonSchema.nullable().default(null),
  /** Confidence when set up; the latest check-in's stands in for it once there is one. */
  confidence: okrConfidenceSchema.nullable().default(null),
});
export type KeyResultInput = z.input<typeof keyResultSchema>;

/**
 * A key result takes at most 946 bytes, an objective 433 plus its key results: 20 objectives of 10
 * key results take 197,860. Check-ins and links live in their own documents (below), so a busy
 * quarter does not grow this one.
 */
export const MAX_OBJECTIVES = 20;
export const MAX_KEY_RESULTS = 10;

export const objectiveSchema = z.object({
  id: idSchema,
  title: nameSchema,
  /** The strategic theme it serves, by theme id; null when none. */
  themeId: idSchema.nullable(),
  keyResults: z.array(keyResultSchema).max(MAX_KEY_RESULTS, storageLimit(`at most ${MAX_KEY_RESULTS} key results per objective`)),
});
export type Objective = z.infer<typeof objectiveSchema>;

export const OKRS_SCHEMA_VERSION = 1;
/** One document per quarter, like budgets: a quarter's objectives are saved together. */
export const okrsDocumentSchema = z.object({
  schemaVersion: z.literal(OKRS_SCHEMA_VERSION),
  period: quarterSchema,
  objectives: z.array(objectiveSchema).max(MAX_OBJECTIVES, storageLimit(`at most ${MAX_OBJECTIVES} objectives per quarter`)),
});
export type OkrsDocument = z.infer<typeof okrsDocumentSchema>;

export const okrNoteSchema = z.string().trim().max(500);
export const okrCheckInSchema = z.object({
  /** Epoch ms and the caller, stamped by the server. */
  at: z.number().int(),
  by: okrPersonSchema,
  value: z.number().finite(),
  confidence: okrConfidenceSchema,
  note: okrNoteSchema,
});
export type OkrCheckIn = z.infer<typeof okrCheckInSchema>;

/**
 * One document per key result and quarter: its check-in trail, newest last. A check-in takes at
 * most 1,035 bytes (500-character note, 128-character id and name); the trail keeps the latest
 * 120 (124,200 bytes), so a weekly check-in for two years still fits, and older ones drop off.
 */
export const MAX_CHECK_INS = 120;
export const OKR_CHECK_INS_SCHEMA_VERSION = 1;
export const okrCheckInsDocumentSchema = z.object({
  schemaVersion: z.literal(OKR_CHECK_INS_SCHEMA_VERSION),
  period: quarterSchema,
  objectiveId: idSchema,
  keyResultId: idSchema,
  checkIns: z.array(okrCheckInSchema).max(MAX_CHECK_INS),
});
export type OkrCheckInsDocument = z.infer<typeof okrCheckInsDocumentSchema>;

/**
 * One document per key result and quarter: the epics linked to it, by key (33 bytes each). Linking
 * writes here, not the quarter's objectives, so anyone who may edit an epic can link it without
 * racing the managers' edits. 200 epics take 6,600 bytes.
 */
export const MAX_LINKED_EPICS = 200;
export const OKR_LINKS_SCHEMA_VERSION = 1;
export const okrLinksDocumentSchema = z.object({
  schemaVersion: z.literal(OKR_LINKS_SCHEMA_VERSION),
  period: quarterSchema,
  objectiveId: idSchema,
  keyResultId: idSchema,
  issueKeys: z.array(issueKeySchema).max(MAX_LINKED_EPICS, storageLimit(`at most ${MAX_LINKED_EPICS} epics per key result`)),
});
export type OkrLinksDocument = z.infer<typeof okrLinksDocumentSchema>;

// ---- Portfolio review ---------------------------------------------------------------------------

export const REVIEW_SCHEMA_VERSION = 1;
/** The date of the last portfolio review or sync, the default start of "what changed". */
export const reviewDocumentSchema = z.object({
  schemaVersion: z.literal(REVIEW_SCHEMA_VERSION),
  lastReviewDate: localDateSchema,
  markedBy: z.string().max(128),
  markedAt: z.number().int(),
});
export type ReviewDocument = z.infer<typeof reviewDocumentSchema>;

// ---- Change history (append only) --------------------------------------------------------------

export const HISTORY_SCHEMA_VERSION = 1;
export const historySubjectSchema = z.object({
  kind: z.enum(['settings', 'themes', 'valueStreams', 'budget', 'okrs', 'epic']),
  /** 'settings', a quarter, or an issue key. */
  key: z.string(),
  /** For epics: the issue id, to check the reader may still see it. */
  issueId: z.string().optional(),
});
export const historyEntrySchema = z.object({
  schemaVersion: z.literal(HISTORY_SCHEMA_VERSION),
  /** Epoch milliseconds. */
  at: z.number().int(),
  accountId: z.string(),
  /** The resolver key that made the change, e.g. `epic/wsjf/save`. */
  action: z.string(),
  subject: historySubjectSchema,
  /** The document version the change produced. */
  version: z.number().int(),
  /** One line a person can read: "WSJF 2.5 → 4 (job size 8 → 5)". */
  summary: z.string(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })).default([]),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

// ---- The WSJF issue property ------------------------------------------------------------------

export const WSJF_PROPERTY_KEY = 'lean-portfolio.wsjf';
export const WSJF_SCHEMA_VERSION = 1;

const componentSchema = z.number().finite().nullable();
export const wsjfComponentsSchema = z.object({
  userBusinessValue: componentSchema,
  timeCriticality: componentSchema,
  riskReductionOpportunityEnablement: componentSchema,
  jobSize: componentSchema,
});
export type WsjfComponentsInput = z.infer<typeof wsjfComponentsSchema>;

/**
 * As written by the app. The entity-property index (manifest `jira:entityProperty`) reads
 * `wsjfScore`, `costOfDelay`, `jobSize` and `theme`, so those stay flat at the top level.
 * Read with `wsjfPropertyReadSchema` below, not with this one.
 */
export const wsjfPropertySchema = wsjfComponentsSchema.extend({
  schemaVersion: z.literal(WSJF_SCHEMA_VERSION),
  /** Starts at 1, +1 per save; a save naming another version is a conflict. */
  version: z.number().int().min(1),
  costOfDelay: z.number().nullable(),
  wsjfScore: z.number().nullable(),
  /** The theme's name when saved (for JQL `wsjfTheme = ...`); null when none. */
  theme: z.string().nullable(),
  updatedAt: z.number().int().nullable(),
  updatedBy: z.string().nullable(),
});
export type WsjfProperty = z.infer<typeof wsjfPropertySchema>;

/**
 * The property as read. Anyone with edit rights can write issue properties, so a component that is
 * not a finite number reads as null (unscored), and a missing or broken version as 1 (older writers
 * left it out). Score and cost of delay are not read: the domain recomputes them.
 */
export const wsjfPropertyReadSchema = z.object({
  userBusinessValue: componentSchema.catch(null),
  timeCriticality: componentSchema.catch(null),
  riskReductionOpportunityEnablement: componentSchema.catch(null),
  jobSize: componentSchema.catch(null),
  version: z.number().int().min(1).catch(1),
});
