/**
 * What the Strategy resolvers answer: themes with their shares, value stream budgets with spend and
 * guardrails, an epic's lean business case, and a participatory-budgeting session. The keys and
 * inputs are in ./resolvers.ts; these are their outputs.
 */
import { z } from 'zod';
import {
  allocationSchema,
  businessCaseSchema,
  caseDecisionSchema,
  decisionKindSchema,
  guardrailsSchema,
  monthlySpendSchema,
  quarterSchema,
  submissionSchema,
  themeSchema,
} from './documents';

/** The currency budgets are shown in (the admin's setting; EUR until one is chosen). */
const currencySchema = z.string();

export const budgetViewSchema = z.object({
  period: quarterSchema,
  currency: currencySchema,
  /** The quarter's budget document version; null while nothing was saved. */
  version: z.number().nullable(),
  /** The quarter's three months, `YYYY-MM`. */
  months: z.array(z.string()),
  lines: z.array(
    z.object({
      valueStreamId: z.string(),
      /** The value stream's name (a project's name for a project no value stream claims). */
      valueStream: z.string(),
      budget: z.number(),
      /** Forecast cost of the stream's committed, not yet done epics the caller can see. */
      forecast: z.number(),
      actualSpend: z.number(),
      /** budget − actual spend. */
      remaining: z.number(),
      forecastOverBudget: z.boolean(),
      actualOverBudget: z.boolean(),
      spend: z.array(monthlySpendSchema),
    }),
  ),
  /** Committed epics without a forecast cost. */
  unestimated: z.array(z.string()),
  tolerance: z.number(),
  allocation: z.array(
    z.object({
      investmentType: z.string(),
      name: z.string(),
      cost: z.number(),
      share: z.number(),
      target: z.number().nullable(),
      /** Null without a target or without open cost; false is a breach. */
      withinTolerance: z.boolean().nullable(),
    }),
  ),
  /** Open epics not yet committed that the gate would stop: above their threshold without a go. */
  approvalsNeeded: z.array(z.object({ key: z.string(), forecastCost: z.number(), threshold: z.number() })),
});
export type BudgetView = z.infer<typeof budgetViewSchema>;

export const guardrailsOutputSchema = z.object({ guardrails: guardrailsSchema, version: z.number().nullable() });

const shareMeasureSchema = z.object({ count: z.number(), share: z.number().nullable(), gap: z.number().nullable(), offTarget: z.boolean() });

export const strategyEpicSchema = z.object({
  key: z.string(),
  summary: z.string(),
  state: z.string().nullable(),
  themeId: z.string().nullable(),
  valueStreamId: z.string(),
  valueStream: z.string(),
  forecastCost: z.number().nullable(),
  investmentType: z.string(),
  decision: decisionKindSchema.nullable(),
  /** Above its approval threshold without a go: the board refuses its commitment. */
  needsGo: z.boolean(),
});

export const strategyOverviewSchema = z.object({
  period: quarterSchema,
  currency: currencySchema,
  /** The caller's account id (to find their own submissions and decisions). */
  me: z.string(),
  canManage: z.boolean(),
  states: z.array(z.string()),
  commitment: z.string(),
  themes: z.object({
    list: z.array(themeSchema),
    version: z.number().nullable(),
    shares: z.array(
      z.object({
        themeId: z.string().nullable(),
        active: z.boolean(),
        target: z.number().nullable(),
        byState: z.record(z.string(), z.number()),
        inProgress: shareMeasureSchema,
        completed: shareMeasureSchema,
        forecastCost: shareMeasureSchema.extend({ amount: z.number() }),
      }),
    ),
  }),
  /** The value streams as configured (id, name), in their order. */
  valueStreams: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The epics the caller can see, in the scope's order. */
  epics: z.array(strategyEpicSchema),
  budget: budgetViewSchema,
  guardrails: guardrailsOutputSchema,
});
export type StrategyOverview = z.infer<typeof strategyOverviewSchema>;

export const themeAssignOutputSchema = z.object({
  themeId: z.string(),
  results: z.array(z.object({ issueKey: z.string(), outcome: z.enum(['assigned', 'forbidden']), message: z.string().nullable() })),
});

export const businessCaseOutputSchema = z.object({
  issueKey: z.string(),
  summary: z.string(),
  state: z.string().nullable(),
  valueStream: z.string(),
  case: businessCaseSchema,
  decision: caseDecisionSchema.nullable(),
  decisions: z.array(caseDecisionSchema),
  /** The case document's version to name on save; null while the epic has none of its own. */
  version: z.number().nullable(),
  /** The quarter of the old budget document the estimate and approval were read from. */
  migratedFrom: quarterSchema.nullable(),
  canEdit: z.boolean(),
  canDecide: z.boolean(),
  currency: currencySchema,
  threshold: z.number().nullable(),
  gate: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
  investmentTypes: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type BusinessCaseView = z.infer<typeof businessCaseOutputSchema>;

export const participatoryOutputSchema = z.object({
  period: quarterSchema,
  currency: currencySchema,
  canManage: z.boolean(),
  /** Null while no session was opened for the quarter. */
  session: z
    .object({
      total: z.number(),
      valueStreams: z.array(z.object({ id: z.string(), name: z.string() })),
      /** The epics on the table that the caller can see. */
      epics: z.array(z.object({ key: z.string(), summary: z.string() })),
      participants: z.array(z.string()).nullable(),
      openedBy: z.string(),
      openedAt: z.number(),
      adopted: z.object({ allocation: allocationSchema, accountId: z.string(), at: z.number() }).nullable(),
    })
    .nullable(),
  version: z.number().nullable(),
  canSubmit: z.boolean(),
  submissions: z.array(submissionSchema),
  statistics: z.object({
    streams: z.array(z.object({ valueStreamId: z.string(), median: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable(), spread: z.number().nullable() })),
    mostDisputed: z.string().nullable(),
  }),
  /** The medians scaled to the total (whole units): what "adopt the median" adopts. */
  medianAllocation: z.record(z.string(), z.number()),
  /** The previous quarter's budgets and actuals, beside the allocation. */
  previous: z.object({
    period: quarterSchema,
    lines: z.array(z.object({ valueStreamId: z.string(), valueStream: z.string(), budget: z.number(), actualSpend: z.number() })),
  }),
});
export type ParticipatoryView = z.infer<typeof participatoryOutputSchema>;
