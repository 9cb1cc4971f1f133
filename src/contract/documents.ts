/**
 * The stored documents besides settings: strategic themes, value streams, lean budgets, OKRs, the
 * change history (KVS), and the WSJF issue property (on the epic in Jira). Each carries
 * `schemaVersion`; the services migrate older shapes on read.
 */
import { z } from 'zod';

const idSchema = z.string().trim().min(1).max(64);
const nameSchema = z.string().trim().min(1).max(255);
const amountSchema = z.number().finite().min(0).max(1e15);
/** A planning quarter, e.g. `2026-Q3`. */
export const quarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter like 2026-Q3');

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
export const themesDocumentSchema = z.object({
  schemaVersion: z.literal(THEMES_SCHEMA_VERSION),
  themes: z.array(themeSchema).max(100),
});
export type ThemesDocument = z.infer<typeof themesDocumentSchema>;

// ---- Value streams ----------------------------------------------------------------------------

export const valueStreamSchema = z.object({
  id: idSchema,
  name: nameSchema,
  /** Jira projects whose epics belong to this value stream. */
  projectKeys: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'a Jira project key')).max(100),
});
export type ValueStream = z.infer<typeof valueStreamSchema>;

export const VALUE_STREAMS_SCHEMA_VERSION = 1;
export const valueStreamsDocumentSchema = z.object({
  schemaVersion: z.literal(VALUE_STREAMS_SCHEMA_VERSION),
  valueStreams: z.array(valueStreamSchema).max(100),
});
export type ValueStreamsDocument = z.infer<typeof valueStreamsDocumentSchema>;

// ---- Lean budgets (one document per quarter) ---------------------------------------------------

export const budgetLineInputSchema = z.object({
  valueStreamId: idSchema,
  budget: amountSchema,
  actualSpend: amountSchema,
});

export const epicEconomicsSchema = z.object({
  /** Estimated cost of the epic (same currency as the budgets); null when not estimated. */
  costEstimate: amountSchema.nullable(),
  /** Who approved the epic past the approval threshold, and when (epoch ms); null when not approved. */
  approval: z.object({ accountId: z.string().min(1), at: z.number().int() }).nullable(),
});
export type EpicEconomics = z.infer<typeof epicEconomicsSchema>;

export const budgetPlanSchema = z.object({
  lines: z.array(budgetLineInputSchema).max(200),
  /** Epic key → its cost estimate and approval. */
  epics: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'an issue key'), epicEconomicsSchema),
  /** Investment type (business | enabler) → target share of open cost, 0..1. */
  allocationTargets: z.record(z.string().min(1).max(64), z.number().min(0).max(1)),
  /** Absolute tolerance on the allocation shares, e.g. 0.05. */
  allocationTolerance: z.number().min(0).max(1),
  /** Epics estimated above this need an approval before entering the commitment state. */
  approvalThreshold: amountSchema,
});
export type BudgetPlan = z.infer<typeof budgetPlanSchema>;

export const BUDGET_SCHEMA_VERSION = 1;
export const budgetDocumentSchema = budgetPlanSchema.extend({
  schemaVersion: z.literal(BUDGET_SCHEMA_VERSION),
  period: quarterSchema,
});
export type BudgetDocument = z.infer<typeof budgetDocumentSchema>;

// ---- OKRs -------------------------------------------------------------------------------------

export const keyResultSchema = z.object({
  id: idSchema,
  title: nameSchema,
  baseline: z.number().finite(),
  target: z.number().finite(),
  current: z.number().finite().nullable(),
  weight: z.number().min(0).max(1000).optional(),
  unit: z.string().max(32).default(''),
});
export type KeyResultInput = z.infer<typeof keyResultSchema>;

export const objectiveSchema = z.object({
  id: idSchema,
  title: nameSchema,
  /** The strategic theme it serves, by theme id; null when none. */
  themeId: idSchema.nullable(),
  keyResults: z.array(keyResultSchema).max(20),
});
export type Objective = z.infer<typeof objectiveSchema>;

export const OKRS_SCHEMA_VERSION = 1;
/** One document per quarter, like budgets: a quarter's objectives are saved together. */
export const okrsDocumentSchema = z.object({
  schemaVersion: z.literal(OKRS_SCHEMA_VERSION),
  period: quarterSchema,
  objectives: z.array(objectiveSchema).max(200),
});
export type OkrsDocument = z.infer<typeof okrsDocumentSchema>;

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
 * Read leniently (properties can be written by anyone with edit rights): see `parseWsjfProperty`.
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
