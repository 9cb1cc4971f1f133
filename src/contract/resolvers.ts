/**
 * Every resolver the pages can call: its key (read like a route), the zod schema of its payload and
 * of its data. The back end parses payloads with `input`; the pages type `invoke` with both.
 * Results travel in the envelope of ./result.ts.
 */
import { z } from 'zod';
import {
  budgetPlanInputSchema,
  budgetPlanSchema,
  historyEntrySchema,
  objectiveSchema,
  okrsDocumentSchema,
  quarterSchema,
  themeSchema,
  themesDocumentSchema,
  valueStreamSchema,
  valueStreamsDocumentSchema,
  wsjfComponentsSchema,
} from './documents';
import { flowReportSchema } from './flowReport';
import { issueKeySchema, localDateSchema } from './primitives';
import { portfolioSettingsSchema } from './settings';

// ---- Shared pieces ----------------------------------------------------------------------------

/** A write names the version it read; null creates (nothing was stored yet). */
const versionSchema = z.number().int().min(1).nullable();
const periodKindSchema = z.enum(['week', 'month', 'quarter']);
const noInput = z.strictObject({});
const workTypeSchema = z.enum(['business', 'enabler']);

const distributionRowSchema = z.object({
  category: z.string(),
  count: z.number(),
  share: z.number(),
  target: z.number().nullable(),
  delta: z.number().nullable(),
});
const distributionSchema = z.object({
  theme: z.array(distributionRowSchema),
  workType: z.array(distributionRowSchema),
  valueStream: z.array(distributionRowSchema),
});

const wsjfViewSchema = wsjfComponentsSchema.extend({
  costOfDelay: z.number().nullable(),
  wsjfScore: z.number().nullable(),
});

// ---- Outputs ----------------------------------------------------------------------------------

export const meOutputSchema = z.object({
  accountId: z.string(),
  displayName: z.string().nullable(),
  canAdminister: z.boolean(),
  canManagePortfolio: z.boolean(),
});

export const boardCardSchema = z.object({
  key: z.string(),
  summary: z.string(),
  projectKey: z.string(),
  state: z.string(),
  theme: z.string().nullable(),
  /** The value stream's name (a project no value stream claims is its own stream). */
  valueStream: z.string(),
  workType: workTypeSchema,
  wsjfScore: z.number().nullable(),
  /** WSJF rank among the epics the totals count (see `totals`); null when unscored. */
  rank: z.number().nullable(),
  /** Days since commitment for committed, not-done epics; null otherwise. */
  ageDays: z.number().nullable(),
  /** Calendar days since the epic entered its current state. */
  daysInState: z.number(),
  flagged: z.boolean(),
  /** Estimated above this quarter's approval threshold and not approved. */
  needsApproval: z.boolean(),
  /** Scored longer ago than settings.staleScoreDays. */
  staleScore: z.boolean(),
});
export const boardColumnSchema = z.object({
  state: z.string(),
  wipLimit: z.number().nullable(),
  /** Epics in the column: the caller's own, plus `hiddenCount` when totals include hidden epics. */
  count: z.number(),
  /** Of `count`, the epics the caller cannot see (0 unless totals include them). */
  hiddenCount: z.number(),
  overLimit: z.boolean(),
  /** At or over the limit: a move into it needs confirmation. */
  atLimit: z.boolean(),
});
export const boardOutputSchema = z.object({
  asOf: localDateSchema,
  /** The commitment state; the columns are the states, in order (the last is Done). */
  commitment: z.string(),
  columns: z.array(boardColumnSchema),
  /** In the scope JQL's order. Done holds only the epics finished within `done.withinDays`. */
  cards: z.array(boardCardSchema),
  done: z.object({ withinDays: z.number().nullable(), olderCount: z.number() }),
  /**
   * What counts and ranks are over: the caller's epics (includesHidden false), or the whole
   * portfolio with `hiddenCount` epics the caller cannot see (settings.portfolioTotalsIncludeHidden).
   */
  totals: z.object({ includesHidden: z.boolean(), hiddenCount: z.number(), rankedCount: z.number() }),
  staleScoreDays: z.number(),
  /** Epics whose status maps to no state (not on the board), and those statuses. */
  unmappedEpicKeys: z.array(z.string()),
  unmappedStatuses: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
});

export const rankedEpicSchema = wsjfViewSchema.extend({
  key: z.string(),
  summary: z.string(),
  projectKey: z.string(),
  state: z.string().nullable(),
  theme: z.string().nullable(),
  /** 1..n among the epics the caller can see; null when unscored. */
  rank: z.number().nullable(),
});
export const wsjfRankingOutputSchema = z.object({
  scale: z.array(z.number()),
  /** The portfolio's states in order (the last is Done) and its commitment state. */
  states: z.array(z.string()),
  commitment: z.string(),
  epics: z.array(rankedEpicSchema),
});

export const flowMetricsOutputSchema = z.object({
  report: flowReportSchema,
  velocity: z.object({ period: periodKindSchema, series: z.array(z.object({ start: localDateSchema, count: z.number() })) }),
  distribution: z.object({
    inProgress: distributionSchema,
    completedByPeriod: z.array(distributionSchema.extend({ start: localDateSchema })),
  }),
  aging: z.array(
    z.object({ key: z.string(), state: z.string().nullable(), ageDays: z.number(), percentileBand: z.string().nullable() }),
  ),
});

export const forecastOutputSchema = z.object({
  asOf: localDateSchema,
  windowDays: z.number(),
  /** Epics done within the window the throughput was sampled from. */
  doneInWindow: z.number(),
  howMany: z
    .object({
      by: localDateSchema,
      trials: z.number(),
      days: z.number(),
      results: z.array(z.object({ confidence: z.number(), items: z.number() })),
    })
    .nullable(),
  when: z
    .object({
      items: z.number(),
      trials: z.number(),
      results: z.array(z.object({ confidence: z.number(), days: z.number().nullable(), date: localDateSchema.nullable() })),
    })
    .nullable(),
});

export const epicWsjfOutputSchema = wsjfViewSchema.extend({
  issueKey: z.string(),
  summary: z.string(),
  theme: z.string().nullable(),
  /** Rank among the portfolio epics the caller can see; null when unscored. */
  rank: z.number().nullable(),
  rankedCount: z.number(),
  /** The property's version, to name on save; null when never scored. */
  version: z.number().nullable(),
  canEdit: z.boolean(),
  scale: z.array(z.number()),
});

export const settingsOutputSchema = z.object({
  settings: portfolioSettingsSchema,
  /** Null while nothing was saved (the defaults are shown). */
  version: z.number().nullable(),
  /** state → how its time counts for flow efficiency (domain stateTimeKind). */
  stateTimeKinds: z.record(z.string(), z.enum(['active', 'waiting', 'outside'])),
});

export const statusesOutputSchema = z.object({
  mappingByName: z.boolean(),
  statuses: z.array(
    z.object({ id: z.string(), name: z.string(), category: z.string().nullable(), state: z.string().nullable() }),
  ),
});

export const themesOutputSchema = z.object({ themes: z.array(themeSchema), version: z.number().nullable() });
export const valueStreamsOutputSchema = z.object({ valueStreams: z.array(valueStreamSchema), version: z.number().nullable() });

export const budgetOutputSchema = z.object({
  period: quarterSchema,
  /** Estimates and approvals only for the epics the caller can see. */
  plan: budgetPlanSchema,
  version: z.number().nullable(),
  lines: z.array(
    z.object({
      valueStreamId: z.string(),
      /** The value stream's name (a project's name for a project no value stream claims). */
      valueStream: z.string(),
      budget: z.number(),
      forecast: z.number(),
      actualSpend: z.number(),
      remaining: z.number(),
      overBudget: z.boolean(),
    }),
  ),
  unestimated: z.array(z.string()),
  allocation: z.array(
    z.object({
      investmentType: z.string(),
      cost: z.number(),
      share: z.number(),
      target: z.number().nullable(),
      withinTolerance: z.boolean().nullable(),
    }),
  ),
  /** Open epics above the threshold without approval, not yet committed. */
  approvalsNeeded: z.array(z.object({ key: z.string(), costEstimate: z.number() })),
});

export const okrsOutputSchema = z.object({
  period: quarterSchema,
  objectives: z.array(
    objectiveSchema.extend({
      progress: z.number().nullable(),
      keyResults: z.array(objectiveSchema.shape.keyResults.element.extend({ progress: z.number().nullable() })),
    }),
  ),
  version: z.number().nullable(),
});

export const historyOutputSchema = z.object({
  entries: z.array(historyEntrySchema.omit({ schemaVersion: true })),
});

// ---- The resolver table -----------------------------------------------------------------------

export const resolverContract = {
  'me/get': { input: noInput, output: meOutputSchema },
  'portfolio/board': {
    input: z.strictObject({
      /** Done shows the epics finished within this many days; absent: all of them. */
      doneWithinDays: z.number().int().min(1).max(3650).optional(),
    }),
    output: boardOutputSchema,
  },
  'portfolio/wsjf': { input: noInput, output: wsjfRankingOutputSchema },
  'flow/metrics': {
    input: z.strictObject({
      asOf: localDateSchema.optional(),
      percentiles: z.array(z.number().min(1).max(99)).min(1).max(10).optional(),
      period: periodKindSchema.optional(),
    }),
    output: flowMetricsOutputSchema,
  },
  'flow/forecast': {
    input: z
      .strictObject({
        by: localDateSchema.optional(),
        items: z.number().int().min(1).max(100_000).optional(),
        windowDays: z.number().int().min(7).max(730).optional(),
        seed: z.number().int().optional(),
        trials: z.number().int().min(100).max(100_000).optional(),
      })
      .refine((input) => (input.by === undefined) !== (input.items === undefined), {
        message: 'give exactly one of by (a date) or items (a count)',
        path: ['by'],
      }),
    output: forecastOutputSchema,
  },
  'epic/wsjf/get': { input: z.strictObject({ issueKey: issueKeySchema }), output: epicWsjfOutputSchema },
  'epic/wsjf/save': {
    input: z.strictObject({ issueKey: issueKeySchema, components: wsjfComponentsSchema, version: versionSchema }),
    output: epicWsjfOutputSchema,
  },
  'settings/get': { input: noInput, output: settingsOutputSchema },
  'settings/save': {
    input: z.strictObject({ settings: portfolioSettingsSchema, version: versionSchema }),
    output: settingsOutputSchema,
  },
  'admin/statuses': { input: noInput, output: statusesOutputSchema },
  'themes/list': { input: noInput, output: themesOutputSchema },
  'themes/save': { input: z.strictObject({ themes: themesDocumentSchema.shape.themes, version: versionSchema }), output: themesOutputSchema },
  'valueStreams/list': { input: noInput, output: valueStreamsOutputSchema },
  'valueStreams/save': {
    input: z.strictObject({ valueStreams: valueStreamsDocumentSchema.shape.valueStreams, version: versionSchema }),
    output: valueStreamsOutputSchema,
  },
  /** Without a period: the quarter containing today in the portfolio's time zone. */
  'budgets/list': { input: z.strictObject({ period: quarterSchema.optional() }), output: budgetOutputSchema },
  'budgets/save': {
    input: z.strictObject({ period: quarterSchema, plan: budgetPlanInputSchema, version: versionSchema }),
    output: budgetOutputSchema,
  },
  /** Without a period: the quarter containing today in the portfolio's time zone. */
  'okrs/list': { input: z.strictObject({ period: quarterSchema.optional() }), output: okrsOutputSchema },
  'okrs/save': {
    input: z.strictObject({ period: quarterSchema, objectives: okrsDocumentSchema.shape.objectives, version: versionSchema }),
    output: okrsOutputSchema,
  },
  /** Moves an epic to another portfolio state through a Jira transition, as the caller. */
  'epic/transition': {
    input: z.strictObject({
      issueKey: issueKeySchema,
      toState: z.string().trim().min(1).max(60),
      /** The caller confirmed moving into a column at or over its WIP limit. */
      overWipLimit: z.boolean().optional(),
    }),
    output: boardCardSchema,
  },
  'history/list': {
    input: z.strictObject({
      /** Epoch milliseconds: only entries at or after it. */
      since: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    output: historyOutputSchema,
  },
} as const;

export type ResolverContract = typeof resolverContract;
export type ResolverKey = keyof ResolverContract;
export const RESOLVER_KEYS = Object.keys(resolverContract) as ResolverKey[];
/** What the page sends (defaults not yet applied). */
export type ResolverInput<K extends ResolverKey> = z.input<ResolverContract[K]['input']>;
/** What the resolver receives after parsing. */
export type ResolverParsedInput<K extends ResolverKey> = z.output<ResolverContract[K]['input']>;
export type ResolverOutput<K extends ResolverKey> = z.output<ResolverContract[K]['output']>;
