/**
 * Every resolver the pages can call: its key (read like a route), the zod schema of its payload and
 * of its data. The back end parses payloads with `input`; the pages type `invoke` with both.
 * Results travel in the envelope of ./result.ts.
 */
import { z } from 'zod';
import {
  allocationSchema,
  budgetLineInputSchema,
  businessCaseSchema,
  decisionKindSchema,
  guardrailsSchema,
  historyEntrySchema,
  MAX_BUDGET_LINES,
  MAX_PARTICIPANTS,
  MAX_SESSION_EPICS,
  MAX_SESSION_STREAMS,
  monthSchema,
  objectiveSchema,
  okrCheckInSchema,
  okrConfidenceSchema,
  okrNoteSchema,
  okrPersonSchema,
  okrsDocumentSchema,
  quarterSchema,
  themeSchema,
  themesDocumentSchema,
  valueStreamSchema,
  valueStreamsDocumentSchema,
  wsjfComponentsSchema,
} from './documents';
import { backlogForecastSchema, flowChartsSchema, flowFiltersSchema, flowReportSchema, flowSegmentSchema, forecastEvidenceSchema } from './flowReport';
import { issueKeySchema, localDateSchema } from './primitives';
import {
  budgetViewSchema,
  businessCaseOutputSchema,
  guardrailsOutputSchema,
  participatoryOutputSchema,
  strategyOverviewSchema,
  themeAssignOutputSchema,
} from './strategy';
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

/** The background sync as pages show it ("Syncing: 3,200 of 5,000 epics"). */
export const syncStatusOutputSchema = z.object({
  /** `none`: no sync ever ran (the first page load starts one). */
  status: z.enum(['none', 'running', 'done', 'failed']),
  /** Epics read so far and in all; counts only for portfolio managers (others: the share alone). */
  fetched: z.number().int().min(0).nullable(),
  total: z.number().int().min(0).nullable(),
  /** 0..100; null until the scope is listed. */
  percent: z.number().min(0).max(100).nullable(),
  startedAt: z.number().nullable(),
  /** When a sync last completed: the data pages show is as of then (plus incremental updates). */
  lastCompletedAt: z.number().nullable(),
  /** Why the last sync stopped (failed), or why a step is being retried. */
  lastError: z.string().nullable(),
  /**
   * True when what pages show may be out of date: the last sync failed, a rebuild is under way over
   * an older cache, or the last update from Jira inside a page load failed (then `lastError` says why).
   */
  stale: z.boolean(),
  /** When the data pages show was last brought up to date from Jira; null without a cache. */
  dataAsOf: z.number().nullable(),
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
  /** The WSJF property's version (name it on save); null when never scored. */
  version: z.number().nullable().default(null),
  /** Who saved the score last and when (epoch ms), from the property; null when unknown. */
  scoredBy: z.object({ accountId: z.string(), displayName: z.string().nullable() }).nullable().default(null),
  scoredAt: z.number().nullable().default(null),
});
export const wsjfRankingOutputSchema = z.object({
  scale: z.array(z.number()),
  /** The portfolio's states in order (the last is Done) and its commitment state. */
  states: z.array(z.string()),
  commitment: z.string(),
  epics: z.array(rankedEpicSchema),
  /** How many epics the caller can see in every state (the filter may leave some out of `epics`). */
  epicCount: z.number().optional(),
  /**
   * The scored epics the filter left out, as [key, UBV, TC, RR|OE, job size]: the page's live
   * ranks in a scoring session are over the whole set, as the server's are.
   */
  leftOut: z.array(z.tuple([z.string(), z.number(), z.number(), z.number(), z.number()])).optional(),
});
/** Upper bound on the epics a ranking request names to keep whatever their state (the page's drafts). */
export const MAX_WSJF_KEEP_KEYS = 2000;
export const wsjfRankingInputSchema = z.strictObject({
  /**
   * Which epics besides those still to be pulled to answer; omitted → every state. The page asks
   * only for what it shows: at 20,000 epics every state was 7 MB, over Forge's 5 MB response limit.
   */
  include: z.strictObject({ inProgress: z.boolean(), done: z.boolean() }).optional(),
  /** Epics to answer whatever the filter (those with unsaved drafts on the page). */
  keep: z.array(issueKeySchema).max(MAX_WSJF_KEEP_KEYS).optional(),
});

export const forecastOutputSchema = z.object({
  asOf: localDateSchema,
  windowDays: z.number(),
  /** Epics done within the window the throughput was sampled from. */
  doneInWindow: z.number(),
  /** Epics in the sample the caller cannot see (0 unless totals include hidden epics; none is listed). */
  hiddenCount: z.number().int().min(0),
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
  /** What the forecast drew from and how it would have fared (Flow page). */
  evidence: forecastEvidenceSchema,
  /** The ranked backlog's dates, when asked for (`backlog: true`). */
  backlog: backlogForecastSchema.nullable(),
});

export const flowMetricsOutputSchema = z.object({
  /**
   * The report's figures over every epic as of the date. Not its per-epic rows, CFD or weekly
   * velocity (the CLI's `lpm metrics` has those; `charts` has what the page lists and draws):
   * at 5,000 epics they were most of a 2.3 MB answer.
   */
  report: flowReportSchema.pick({ asOf: true, flowTime: true, load: true, efficiency: true, closedWithoutImplementation: true }),
  velocity: z.object({ period: periodKindSchema, series: z.array(z.object({ start: localDateSchema, count: z.number() })) }),
  distribution: z.object({
    inProgress: distributionSchema,
    completedByPeriod: z.array(distributionSchema.extend({ start: localDateSchema })),
  }),
  /** Everything the Flow page draws (its aging list is `charts.aging`), after its filters and segment. */
  charts: flowChartsSchema,
  /**
   * The page's two opening forecasts, when asked for (`forecasts`): each exactly what flow/forecast
   * answers to `{ by, backlog: true, filters }` and to `{ items, filters }`, so the page opens with
   * one request (and one remembered answer) instead of three.
   */
  forecasts: z.object({ by: localDateSchema, items: z.number().int(), howMany: forecastOutputSchema, when: forecastOutputSchema }).optional(),
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

const confidenceScaleSchema = portfolioSettingsSchema.shape.okrConfidenceScale.unwrap();

export const okrsOutputSchema = z.object({
  period: quarterSchema,
  /** The quarter's first instant and the next quarter's (epoch ms), for the progress lines. */
  quarterStart: z.number(),
  quarterEnd: z.number(),
  /** Whether the caller may edit objectives and key results (and check in on any). */
  canManage: z.boolean(),
  /** The caller, as an owner a manager can pick. */
  viewer: okrPersonSchema,
  confidenceScale: confidenceScaleSchema,
  states: z.array(z.string()),
  commitment: z.string(),
  themes: z.array(themeSchema.pick({ id: true, name: true })),
  objectives: z.array(
    objectiveSchema.extend({
      themeName: z.string().nullable(),
      progress: z.number().nullable(),
      /** No linked epic the caller can see is between the commitment point and Done. */
      noWorkInFlight: z.boolean(),
      keyResults: z.array(
        objectiveSchema.shape.keyResults.element.extend({
          progress: z.number().nullable(),
          checkIns: z.array(okrCheckInSchema),
          /** The trail's version, to name on the next check-in; null before the first. */
          checkInVersion: z.number().nullable(),
          progressLine: z.array(z.object({ at: z.number(), progress: z.number() })),
          /** Linked epics the caller can see. */
          epics: z.array(z.object({ key: z.string(), summary: z.string(), state: z.string().nullable(), wsjfScore: z.number().nullable() })),
          outputsDeliveredOutcomeNotReached: z.boolean(),
          canCheckIn: z.boolean(),
        }),
      ),
    }),
  ),
  version: z.number().nullable(),
});

export const epicOkrsOutputSchema = z.object({
  issueKey: z.string(),
  period: quarterSchema,
  canLink: z.boolean(),
  confidenceScale: confidenceScaleSchema,
  /** Every key result of the quarter, and whether this epic is linked to it. */
  keyResults: z.array(
    z.object({
      objectiveId: z.string(),
      objectiveTitle: z.string(),
      keyResultId: z.string(),
      title: z.string(),
      unit: z.string(),
      current: z.number().nullable(),
      target: z.number(),
      progress: z.number().nullable(),
      confidence: okrConfidenceSchema.nullable(),
      linked: z.boolean(),
    }),
  ),
});

const changeLineSchema = z.object({
  at: z.number(),
  /** See src/domain/review.ts ChangeCategory: known ones plus any recorded kind. */
  category: z.string(),
  title: z.string(),
  summary: z.string(),
  epicKey: z.string().nullable(),
  document: z.object({ kind: z.string(), key: z.string() }).nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
});

export const reviewOutputSchema = z.object({
  since: localDateSchema,
  until: localDateSchema,
  /** The remembered date of the last review; null when none was marked. */
  lastReviewDate: localDateSchema.nullable(),
  markVersion: z.number().nullable(),
  canMark: z.boolean(),
  /** The change history held more entries than the review reads (the oldest were left out). */
  truncated: z.boolean(),
  changes: z.array(changeLineSchema),
  states: z.array(z.object({ state: z.string(), entered: z.number(), left: z.number() })),
  standing: z.object({
    themes: z.array(distributionRowSchema),
    budget: z.object({
      period: quarterSchema,
      lines: z.array(
        z.object({ valueStream: z.string(), budget: z.number(), forecast: z.number(), actualSpend: z.number(), remaining: z.number(), overBudget: z.boolean() }),
      ),
    }),
    /** Guardrail breaches and WIP limits exceeded, one sentence each. */
    guardrails: z.array(z.object({ kind: z.string(), summary: z.string(), epicKey: z.string().nullable() })),
    okrs: z.object({
      period: quarterSchema,
      objectives: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          progress: z.number().nullable(),
          keyResults: z.number(),
          confidence: z.object({ low: z.number(), medium: z.number(), high: z.number(), none: z.number() }),
          noWorkInFlight: z.boolean(),
        }),
      ),
    }),
    flow: z.object({
      velocity: z.array(z.object({ start: localDateSchema, count: z.number() })),
      flowTimeP85: z.number().nullable(),
      load: z.array(z.object({ state: z.string(), count: z.number(), wipLimit: z.number().nullable(), overLimit: z.boolean() })),
      agingAtRisk: z.array(z.object({ key: z.string(), state: z.string().nullable(), ageDays: z.number() })),
    }),
  }),
});

export const reviewMarkOutputSchema = z.object({ lastReviewDate: localDateSchema, version: z.number() });

export const historyOutputSchema = z.object({
  entries: z.array(historyEntrySchema.omit({ schemaVersion: true })),
});

// ---- WSJF scoring session (portfolio/wsjf/saveMany) ----------------------------------------------

/** At most this many epics in one "Save all": each is its own Jira read and write, within a resolver's 25 s. */
export const MAX_WSJF_SAVE_ENTRIES = 100;

export const wsjfSaveEntrySchema = z.strictObject({ issueKey: issueKeySchema, components: wsjfComponentsSchema, version: versionSchema });

/** One entry's outcome: saved, refused, or (conflict) what someone else saved since. */
export const wsjfSaveOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ issueKey: z.string(), status: z.literal('saved'), version: z.number(), wsjfScore: z.number().nullable() }),
  z.object({
    issueKey: z.string(),
    status: z.literal('conflict'),
    message: z.string(),
    /** What is stored now (the other save), to show beside the user's own values. */
    current: wsjfViewSchema.extend({ version: z.number().nullable() }),
  }),
  z.object({ issueKey: z.string(), status: z.enum(['forbidden', 'not_found', 'invalid_input']), message: z.string() }),
]);
export const wsjfSaveManyOutputSchema = z.object({ results: z.array(wsjfSaveOutcomeSchema) });

// ---- The epic panel and the admin page (issue 9) ----------------------------------------------

const epicComponentsRowSchema = wsjfComponentsSchema.extend({ key: z.string(), summary: z.string() });

/**
 * Everything the epic panel shows, in one answer (one request: the view, the settings, the caller's
 * search and the permissions are read once): the WSJF, the other visible epics' components, the
 * flow, the score changes, the lean business case and the quarter's key results.
 */
export const epicPanelOutputSchema = z.discriminatedUnion('kind', [
  /** The issue is not of the portfolio's issue type (settings.portfolioIssueType): nothing more is told. */
  z.object({ kind: z.literal('not-portfolio-epic'), issueKey: z.string(), issueType: z.string(), expected: z.string() }),
  /** Of the portfolio's type, but the scope JQL does not select it. */
  z.object({ kind: z.literal('out-of-scope'), issueKey: z.string(), scopeJql: z.string() }),
  z.object({
    kind: z.literal('epic'),
    wsjf: epicWsjfOutputSchema,
    /** The other portfolio epics the caller can see, with their components: the page ranks the draft among them. */
    others: z.array(epicComponentsRowSchema),
    flow: z.object({
      asOf: localDateSchema,
      state: z.string().nullable(),
      /** When the epic entered its current state (a calendar date in the portfolio's time zone). */
      stateSince: localDateSchema.nullable(),
      daysInState: z.number().nullable(),
      commitment: z.string(),
      stateDates: z.array(z.object({ state: z.string(), date: localDateSchema.nullable() })),
      flowTimeDays: z.number().nullable(),
      ageDays: z.number().nullable(),
      /** Flow-time percentiles of the portfolio epics the caller can see (settings.flowPercentiles). */
      percentiles: z.array(z.object({ percentile: z.number(), days: z.number().nullable() })),
      /** The smallest percentile the flow time (or age) does not exceed, ">95" above all; null without either. */
      band: z.string().nullable(),
      sampleSize: z.number(),
    }),
    /** The latest WSJF saves of this epic, newest first. */
    changes: z.array(
      z.object({
        at: z.number(),
        accountId: z.string(),
        byYou: z.boolean(),
        summary: z.string(),
        changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
      }),
    ),
    /** As `epic/case/get` answers it. */
    businessCase: businessCaseOutputSchema,
    /** The current quarter's key results and whether this epic is linked to each. */
    keyResults: epicOkrsOutputSchema,
  }),
]);

export const jqlCheckOutputSchema = z.object({
  /** Jira's own messages; empty when the JQL is valid. */
  errors: z.array(z.string()),
  /** Jira's approximate count of the issues it selects for the caller; null when invalid. */
  count: z.number().nullable(),
});

export const groupsOutputSchema = z.object({ groups: z.array(z.object({ groupId: z.string(), name: z.string() })) });

export const statusMappingOutputSchema = z.object({
  mappingByName: z.boolean(),
  /** Statuses the scope's epics use (now or in their history), unmapped first. */
  statuses: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      category: z.string().nullable(),
      state: z.string().nullable(),
      /** Epics in this status now / epics that have been in it. */
      epicsNow: z.number(),
      epicsEver: z.number(),
      /** For an unmapped status: the state its status category suggests. */
      suggestion: z.string().nullable(),
    }),
  ),
});

export const configurationCheckOutputSchema = z.object({
  asOf: localDateSchema,
  epicCount: z.number(),
  findings: z.array(
    z.object({
      id: z.string(),
      severity: z.enum(['warning', 'information']),
      title: z.string(),
      detail: z.string(),
      count: z.number(),
      /** At most 100 epic keys. */
      epicKeys: z.array(z.string()),
      /** Opens these epics in Jira's issue search; null when the finding is not about epics. */
      jql: z.string().nullable(),
    }),
  ),
});

// ---- The resolver table -----------------------------------------------------------------------

export const resolverContract = {
  'me/get': { input: noInput, output: meOutputSchema },
  /** The background sync's progress; every page polls it while a sync runs. */
  'sync/status': { input: noInput, output: syncStatusOutputSchema },
  /** Starts (or resumes) a full sync now: portfolio managers. */
  'sync/start': { input: noInput, output: syncStatusOutputSchema },
  'portfolio/board': {
    input: z.strictObject({
      /** Done shows the epics finished within this many days; absent: all of them. */
      doneWithinDays: z.number().int().min(1).max(3650).optional(),
    }),
    output: boardOutputSchema,
  },
  'portfolio/wsjf': { input: wsjfRankingInputSchema, output: wsjfRankingOutputSchema },
  'flow/metrics': {
    input: z.strictObject({
      asOf: localDateSchema.optional(),
      percentiles: z.array(z.number().min(1).max(99)).min(1).max(10).optional(),
      period: periodKindSchema.optional(),
      segment: flowSegmentSchema.optional(),
      filters: flowFiltersSchema.optional(),
      /** Also the page's opening forecasts (output `forecasts`): "how many by today + withinDays" with the ranked backlog, and "when will `items` be done". */
      forecasts: z
        .strictObject({
          withinDays: z.number().int().min(1).max(3650),
          items: z.number().int().min(1).max(100_000),
          filters: flowFiltersSchema.optional(),
        })
        .optional(),
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
        filters: flowFiltersSchema.optional(),
        /** Also forecast the ranked backlog (the first 200 scored epics not done). */
        backlog: z.boolean().optional(),
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
  'portfolio/wsjf/saveMany': {
    input: z.strictObject({
      entries: z
        .array(wsjfSaveEntrySchema)
        .min(1)
        .max(MAX_WSJF_SAVE_ENTRIES, `at most ${MAX_WSJF_SAVE_ENTRIES} epics in one save`)
        .refine((entries) => new Set(entries.map((entry) => entry.issueKey)).size === entries.length, 'each epic at most once'),
    }),
    output: wsjfSaveManyOutputSchema,
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
  'budgets/list': { input: z.strictObject({ period: quarterSchema.optional() }), output: budgetViewSchema },
  'budgets/save': {
    input: z.strictObject({ period: quarterSchema, lines: z.array(budgetLineInputSchema).max(MAX_BUDGET_LINES), version: versionSchema }),
    output: budgetViewSchema,
  },
  // ---- Strategy (themes, budgets, guardrails, business cases, participatory budgeting) ----
  'budgets/spend/save': {
    input: z.strictObject({
      period: quarterSchema,
      valueStreamId: z.string().trim().min(1).max(64),
      month: monthSchema,
      amount: z.number().finite().min(0).max(1e15),
      note: z.string().trim().max(200),
      version: versionSchema,
    }),
    output: budgetViewSchema,
  },
  'strategy/overview': { input: z.strictObject({ period: quarterSchema.optional() }), output: strategyOverviewSchema },
  'themes/assign': {
    input: z.strictObject({ themeId: z.string().trim().min(1).max(64), issueKeys: z.array(issueKeySchema).min(1).max(50) }),
    output: themeAssignOutputSchema,
  },
  'guardrails/get': { input: noInput, output: guardrailsOutputSchema },
  'guardrails/save': { input: z.strictObject({ guardrails: guardrailsSchema, version: versionSchema }), output: guardrailsOutputSchema },
  'epic/case/get': { input: z.strictObject({ issueKey: issueKeySchema }), output: businessCaseOutputSchema },
  'epic/case/save': {
    input: z.strictObject({ issueKey: issueKeySchema, case: businessCaseSchema, version: versionSchema }),
    output: businessCaseOutputSchema,
  },
  'epic/case/decide': {
    input: z.strictObject({ issueKey: issueKeySchema, decision: decisionKindSchema, note: z.string().trim().max(1000), version: versionSchema }),
    output: businessCaseOutputSchema,
  },
  /** Without a period: the current quarter's session. */
  'participatory/get': { input: z.strictObject({ period: quarterSchema.optional() }), output: participatoryOutputSchema },
  'participatory/open': {
    input: z.strictObject({
      period: quarterSchema,
      total: z.number().finite().min(1).max(1e15),
      valueStreamIds: z.array(z.string().trim().min(1).max(64)).min(1).max(MAX_SESSION_STREAMS),
      epicKeys: z.array(issueKeySchema).max(MAX_SESSION_EPICS).default([]),
      /** Account ids; null: anyone who can open the portfolio. */
      participants: z.array(z.string().trim().min(1).max(128)).min(1).max(MAX_PARTICIPANTS).nullable(),
      version: versionSchema,
    }),
    output: participatoryOutputSchema,
  },
  'participatory/submit': {
    input: z.strictObject({ period: quarterSchema, allocation: allocationSchema, rationale: z.string().trim().max(1000) }),
    output: participatoryOutputSchema,
  },
  'participatory/adopt': {
    input: z.strictObject({ period: quarterSchema, allocation: allocationSchema, version: versionSchema }),
    output: participatoryOutputSchema,
  },
  /** Without a period: the quarter containing today in the portfolio's time zone. */
  'okrs/list': { input: z.strictObject({ period: quarterSchema.optional() }), output: okrsOutputSchema },
  'okrs/save': {
    input: z.strictObject({ period: quarterSchema, objectives: okrsDocumentSchema.shape.objectives, version: versionSchema }),
    output: okrsOutputSchema,
  },
  // ---- OKRs: check-ins, links, the epic's key results; the portfolio review ----
  'okrs/checkin': {
    input: z.strictObject({
      period: quarterSchema,
      objectiveId: z.string().min(1).max(64),
      keyResultId: z.string().min(1).max(64),
      value: z.number().finite().min(-1e15).max(1e15),
      confidence: okrConfidenceSchema,
      note: okrNoteSchema.default(''),
      /** The check-in trail's version read (checkInVersion); null before the first check-in. */
      version: versionSchema,
    }),
    output: okrsOutputSchema,
  },
  'okrs/link': {
    input: z.strictObject({
      period: quarterSchema,
      /** Needed only when the key result id repeats across objectives. */
      objectiveId: z.string().min(1).max(64).optional(),
      keyResultId: z.string().min(1).max(64),
      issueKeys: z.array(issueKeySchema).min(1).max(20),
      linked: z.boolean(),
    }),
    output: okrsOutputSchema,
  },
  /** Without since: the last review date remembered, else 30 days ago; at most 400 days back. */
  'review/get': { input: z.strictObject({ since: localDateSchema.optional() }), output: reviewOutputSchema },
  'review/mark': { input: z.strictObject({ date: localDateSchema, version: versionSchema }), output: reviewMarkOutputSchema },
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
  // ---- The epic panel and the admin page (issue 9) ----
  'epic/panel': { input: z.strictObject({ issueKey: issueKeySchema }), output: epicPanelOutputSchema },
  'admin/jql/check': { input: z.strictObject({ jql: z.string().trim().min(1).max(2000) }), output: jqlCheckOutputSchema },
  'admin/groups': { input: z.strictObject({ query: z.string().max(100) }), output: groupsOutputSchema },
  'admin/mapping': { input: noInput, output: statusMappingOutputSchema },
  'admin/check': { input: noInput, output: configurationCheckOutputSchema },
} as const;

export type ResolverContract = typeof resolverContract;
export type ResolverKey = keyof ResolverContract;
export const RESOLVER_KEYS = Object.keys(resolverContract) as ResolverKey[];
/** What the page sends (defaults not yet applied). */
export type ResolverInput<K extends ResolverKey> = z.input<ResolverContract[K]['input']>;
/** What the resolver receives after parsing. */
export type ResolverParsedInput<K extends ResolverKey> = z.output<ResolverContract[K]['input']>;
export type ResolverOutput<K extends ResolverKey> = z.output<ResolverContract[K]['output']>;
