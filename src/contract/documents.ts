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

/** Design-token accent colours a theme can take (`color.background.accent.<name>.subtle` and friends). */
export const THEME_COLOURS = ['blue', 'green', 'orange', 'purple', 'red', 'teal', 'yellow', 'magenta', 'gray'] as const;
export const themeColourSchema = z.enum(THEME_COLOURS);
export type ThemeColour = z.infer<typeof themeColourSchema>;
export const MAX_THEME_QUARTERS = 12;

export const themeSchema = z.object({
  id: idSchema,
  name: nameSchema,
  /** Jira label that tags epics with this theme. */
  label: z.string().trim().min(1).max(255).regex(/^\S+$/, 'a Jira label (no spaces)'),
  /** Target share of the portfolio, 0..1; null when none. */
  targetAllocation: z.number().min(0).max(1).nullable(),
  description: z.string().max(2000).default(''),
  /** A design-token accent colour name (schema 2). */
  colour: themeColourSchema.default('blue'),
  /** The quarters the theme is active in; empty: always (schema 2). */
  activeQuarters: z.array(quarterSchema).max(MAX_THEME_QUARTERS).default([]),
});
export type Theme = z.infer<typeof themeSchema>;

/** 2: colour and active quarters (a schema-1 theme reads as blue and always active). */
export const THEMES_SCHEMA_VERSION = 2;
/** A theme takes at most 2,916 bytes (description 2,000, 12 quarters 120, colour 9): 80 take 233,280. */
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

/** A calendar month `YYYY-MM`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-10');
const noteSchema = z.string().trim().max(200);

/** Actual spend of one value stream in one month of the quarter, with what it was for. */
export const monthlySpendSchema = z.object({ month: monthSchema, amount: amountSchema, note: noteSchema.default('') });
export type MonthlySpend = z.infer<typeof monthlySpendSchema>;

/** A quarter has three months: one spend entry each. */
export const budgetLineSchema = z.object({
  valueStreamId: idSchema,
  budget: amountSchema,
  spend: z.array(monthlySpendSchema).max(3).default([]),
});
export type BudgetLineDocument = z.infer<typeof budgetLineSchema>;

/** What `budgets/save` takes per value stream: the budget only (spend is saved month by month). */
export const budgetLineInputSchema = z.object({ valueStreamId: idSchema, budget: amountSchema });

/**
 * Schema 1 kept epics' estimates and approvals in the quarter's document (at most 800): they now
 * live in one business case per epic and are read from here only to migrate them (see
 * services/businessCases.ts). Kept for reading old documents, never written.
 */
const approvalSchema = z.object({ accountId: z.string().min(1).max(128), at: z.number().int() });
export const legacyEpicEconomicsSchema = z.object({ costEstimate: amountSchema.nullable(), approval: approvalSchema.nullable() });
export type LegacyEpicEconomics = z.infer<typeof legacyEpicEconomicsSchema>;
export const budgetDocumentV1Schema = z.object({
  schemaVersion: z.literal(1),
  period: quarterSchema,
  lines: z.array(z.object({ valueStreamId: idSchema, budget: amountSchema, actualSpend: amountSchema })),
  epics: z.record(z.string(), legacyEpicEconomicsSchema),
  allocationTargets: z.record(z.string(), z.number().min(0).max(1)),
  allocationTolerance: z.number().min(0).max(1),
  approvalThreshold: amountSchema,
});
export type BudgetDocumentV1 = z.infer<typeof budgetDocumentV1Schema>;

/** 2: monthly spend with notes; estimates and approvals moved to the business cases, guardrails to their own document. */
export const BUDGET_SCHEMA_VERSION = 2;
/** A line takes at most 1,000 bytes (3 spend entries with 200-character notes): 80 lines take 80,000. */
export const MAX_BUDGET_LINES = 80;
export const budgetDocumentSchema = z.object({
  schemaVersion: z.literal(BUDGET_SCHEMA_VERSION),
  period: quarterSchema,
  lines: z.array(budgetLineSchema).max(MAX_BUDGET_LINES, storageLimit(`at most ${MAX_BUDGET_LINES} budget lines`)),
});
export type BudgetDocument = z.infer<typeof budgetDocumentSchema>;

// ---- Guardrails (one document for the portfolio) -------------------------------------------------

export const investmentTypeSchema = z.object({
  id: z.string().trim().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(64),
  /** Target share of the open forecast cost, 0..1; null when none. */
  target: z.number().min(0).max(1).nullable(),
});
export type InvestmentType = z.infer<typeof investmentTypeSchema>;

export const GUARDRAILS_SCHEMA_VERSION = 1;
/** 20 types (about 200 bytes each) and 80 per-stream thresholds (about 100 bytes each): under 13 KB. */
export const guardrailsSchema = z.object({
  /** The capacity allocation categories (business, enabler, maintenance by default), in display order. */
  investmentTypes: z.array(investmentTypeSchema).min(1).max(20),
  /** Absolute tolerance on the allocation shares, e.g. 0.05. */
  tolerance: z.number().min(0).max(1),
  /** Epics forecast above this need a `go` decision before entering the commitment state; null: no threshold. */
  approvalThreshold: amountSchema.nullable(),
  /** Value stream id → its own threshold (replaces the portfolio-wide one for its epics). */
  approvalThresholdByValueStream: z
    .record(idSchema, amountSchema)
    .refine((thresholds) => Object.keys(thresholds).length <= MAX_BUDGET_LINES, `at most ${MAX_BUDGET_LINES} value stream thresholds`)
    .default({}),
});
export type Guardrails = z.infer<typeof guardrailsSchema>;
export const guardrailsDocumentSchema = guardrailsSchema.extend({ schemaVersion: z.literal(GUARDRAILS_SCHEMA_VERSION) });
export type GuardrailsDocument = z.infer<typeof guardrailsDocumentSchema>;

// ---- Lean business case (one document per epic, keyed by issue id) -------------------------------

const caseTextSchema = z.string().trim().max(500);
const caseListSchema = z.array(z.string().trim().min(1).max(500)).max(10);

/** SAFe's epic hypothesis statement, one field per blank of the template. */
export const hypothesisSchema = z.object({
  /** For <customers> */
  forCustomers: caseTextSchema.default(''),
  /** who <do something> */
  who: caseTextSchema.default(''),
  /** the <solution> */
  solution: caseTextSchema.default(''),
  /** is a <something: the how> */
  isA: caseTextSchema.default(''),
  /** that <provides this value> */
  that: caseTextSchema.default(''),
  /** unlike <competitor, current solution or non-existing solution> */
  unlike: caseTextSchema.default(''),
  /** our solution <does something better: the why> */
  ourSolution: caseTextSchema.default(''),
});

/** What whoever may edit the epic writes. The decision is not part of it. */
export const businessCaseSchema = z.object({
  hypothesis: hypothesisSchema,
  businessOutcomes: caseListSchema.default([]),
  leadingIndicators: caseListSchema.default([]),
  mvp: z.string().trim().max(2000).default(''),
  mvpCost: amountSchema.nullable().default(null),
  forecastCost: amountSchema.nullable().default(null),
  /** An investment type id of the guardrails; null when not chosen (the epic's work type counts). */
  investmentType: z.string().trim().min(1).max(64).nullable().default(null),
});
export type BusinessCase = z.infer<typeof businessCaseSchema>;

export const DECISIONS = ['go', 'no-go', 'persevere', 'pivot'] as const;
export const decisionKindSchema = z.enum(DECISIONS);
export type DecisionKind = z.infer<typeof decisionKindSchema>;
/** Stamped by the server: who decided and when come from the caller's context and the clock. */
export const caseDecisionSchema = z.object({
  decision: decisionKindSchema,
  note: z.string().trim().max(1000),
  accountId: z.string().min(1).max(128),
  at: z.number().int(),
});
export type CaseDecision = z.infer<typeof caseDecisionSchema>;

export const BUSINESS_CASE_SCHEMA_VERSION = 1;
export const MAX_DECISIONS_KEPT = 20;
/** The case takes at most about 17 KB, 20 decisions about 24 KB: far under 240 KiB. */
export const businessCaseDocumentSchema = z.object({
  schemaVersion: z.literal(BUSINESS_CASE_SCHEMA_VERSION),
  issueId: z.string().regex(/^\d{1,18}$/),
  case: businessCaseSchema,
  /** The latest decision; null while none was taken. */
  decision: caseDecisionSchema.nullable(),
  /** Earlier decisions, newest first (the latest included). */
  decisions: z.array(caseDecisionSchema).max(MAX_DECISIONS_KEPT).default([]),
});
export type BusinessCaseDocument = z.infer<typeof businessCaseDocumentSchema>;

// ---- Participatory budgeting (one session per quarter) ------------------------------------------

export const MAX_SESSION_STREAMS = 20;
export const MAX_SESSION_EPICS = 20;
export const MAX_PARTICIPANTS = 50;
/** Value stream id → amount. */
export const allocationSchema = z
  .record(idSchema, amountSchema)
  .refine((allocation) => Object.keys(allocation).length <= MAX_SESSION_STREAMS, `at most ${MAX_SESSION_STREAMS} value streams`);
export type Allocation = z.infer<typeof allocationSchema>;

export const submissionSchema = z.object({
  accountId: z.string().min(1).max(128),
  displayName: z.string().max(255).nullable(),
  allocation: allocationSchema,
  rationale: z.string().trim().max(1000),
  at: z.number().int(),
});
export type Submission = z.infer<typeof submissionSchema>;

export const PARTICIPATORY_SCHEMA_VERSION = 1;
/** A submission takes at most about 3.5 KB (20 amounts, 1,000-character rationale): 50 take 175 KB. */
export const participatoryDocumentSchema = z.object({
  schemaVersion: z.literal(PARTICIPATORY_SCHEMA_VERSION),
  period: quarterSchema,
  total: amountSchema,
  valueStreamIds: z.array(idSchema).min(1).max(MAX_SESSION_STREAMS),
  /** Epics on the table (shown to those who can see them). */
  epicKeys: z.array(issueKeySchema).max(MAX_SESSION_EPICS).default([]),
  /** Account ids invited; null: anyone who can open the portfolio may take part. */
  participants: z.array(z.string().min(1).max(128)).max(MAX_PARTICIPANTS).nullable(),
  openedBy: z.string().min(1).max(128),
  openedAt: z.number().int(),
  submissions: z.array(submissionSchema).max(MAX_PARTICIPANTS),
  adopted: z.object({ allocation: allocationSchema, accountId: z.string().min(1).max(128), at: z.number().int() }).nullable(),
});
export type ParticipatoryDocument = z.infer<typeof participatoryDocumentSchema>;

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
