/**
 * The flow metrics report: what `lpm metrics` prints as JSON and what the Flow page will show.
 * Dates are calendar dates (YYYY-MM-DD) in the portfolio's time zone; day counts are calendar days.
 */
import { z } from 'zod';
import { localDateSchema } from './primitives';

const countSchema = z.number().int().nonnegative();

export const flowReportEpicSchema = z.object({
  key: z.string(),
  /** Null when no status the epic has had maps to a state. */
  state: z.string().nullable(),
  /** Every portfolio state, in order: the date the epic entered it, or null. */
  stateDates: z.record(z.string(), localDateSchema.nullable()),
  /** Done date − commitment date (+1 when inclusive); null unless both dates are set. */
  flowTimeDays: z.number().nullable(),
  /** asOf − commitment date for committed epics not yet done; null otherwise. */
  ageDays: z.number().nullable(),
  /** Active time (less flagged time) ÷ flow time, 0..1; null unless done. */
  efficiency: z.number().nullable(),
  /** Jira status ids in the history that map to no state. */
  unmappedStatuses: z.array(z.string()),
  /** Reached Done without implementation and excluded (skippedCommitment "exclude"): no flow time. */
  closedWithoutImplementation: z.boolean(),
});
export type FlowReportEpic = z.infer<typeof flowReportEpicSchema>;

export const cfdRowSchema = z.object({ date: localDateSchema, counts: z.record(z.string(), countSchema) });

export const flowReportSchema = z.object({
  asOf: localDateSchema,
  epics: z.array(flowReportEpicSchema),
  /** One row per day from the earliest state date to asOf; empty when no epic has a date. */
  cfd: z.array(cfdRowSchema),
  /** Epics reaching Done per ISO week (Monday start), zero-filled over the CFD's range. */
  velocity: z.array(z.object({ start: localDateSchema, count: countSchema })),
  flowTime: z.object({
    count: countSchema,
    mean: z.number().nullable(),
    /** Keyed by the percentile as written ("50", "85"); null without done epics. */
    percentiles: z.record(z.string(), z.number().nullable()),
  }),
  load: z.object({ inProgress: countSchema, byState: z.record(z.string(), countSchema) }),
  /** Flow efficiency of the done epics as a set: Σ active ÷ Σ flow; null without done epics. */
  efficiency: z.number().nullable(),
  /** Epics done without implementation and excluded from flow time and velocity (skippedCommitment "exclude"). */
  closedWithoutImplementation: countSchema,
});
export type FlowReport = z.infer<typeof flowReportSchema>;

// ---- The Flow page (flow/metrics `charts`, flow/forecast evidence) ------------------------------

const stateNameSchema = z.string().trim().min(1).max(60);
const idSchema = z.string().trim().min(1).max(100);

/** A stretch of the flow to measure: from entering one state to entering a later one. */
export const flowSegmentSchema = z.strictObject({ from: stateNameSchema, to: stateNameSchema });

/** Which epics the Flow page counts (all when a list is left out) and the dates it shows. */
export const flowFiltersSchema = z.strictObject({
  /** Theme ids; "none" is the epics without a theme. */
  themes: z.array(idSchema).max(50).optional(),
  /** Value stream ids. */
  valueStreams: z.array(idSchema).max(50).optional(),
  workTypes: z.array(z.enum(['business', 'enabler'])).max(2).optional(),
  /** The date range the charts show (done dates, CFD days, periods); default the year up to the as-of date. */
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
});
export type FlowFilters = z.infer<typeof flowFiltersSchema>;

/** The theme filter's value for epics without a theme. */
export const NO_THEME_ID = 'none';

const optionSchema = z.object({ id: z.string(), name: z.string() });
const activityKindSchema = z.enum(['active', 'waiting']);
const distributionRowSchema = z.object({
  category: z.string(),
  count: countSchema,
  share: z.number(),
  target: z.number().nullable(),
  delta: z.number().nullable(),
});
const distributionSetSchema = z.object({
  theme: z.array(distributionRowSchema),
  workType: z.array(distributionRowSchema),
  valueStream: z.array(distributionRowSchema),
});

export const flowChartsSchema = z.object({
  asOf: localDateSchema,
  range: z.object({ from: localDateSchema, to: localDateSchema }),
  period: z.enum(['week', 'month', 'quarter']),
  segment: flowSegmentSchema,
  states: z.array(z.string()),
  commitment: z.string(),
  skippedCommitment: z.enum(['exclude', 'backfill']),
  /** Epics counted after the filters (those the caller may see, unless totals include hidden ones). */
  epicCount: countSchema,
  /** Of those, epics the caller cannot see (totals include them; no list names them). */
  hiddenCount: countSchema,
  filterOptions: z.object({ themes: z.array(optionSchema), valueStreams: z.array(optionSchema), workTypes: z.array(optionSchema) }),
  velocity: z.object({
    /** Mean of the complete periods; the partial one is left out. */
    average: z.number().nullable(),
    series: z.array(
      z.object({ start: localDateSchema, end: localDateSchema, count: countSchema, partial: z.boolean(), closedWithoutImplementation: countSchema }),
    ),
  }),
  /** Done without implementation in the range (excluded from flow time and velocity). */
  /** The caller's own (hidden ones are counted in velocity.series only). */
  closedWithoutImplementation: z.array(z.object({ key: z.string(), summary: z.string(), done: localDateSchema })),
  flowTime: z.object({
    count: countSchema,
    percentiles: z.array(z.object({ percentile: z.number(), days: z.number().nullable() })),
    /** One point per epic that finished the segment within the range (the caller's own: `count` may be more). */
    points: z.array(z.object({ key: z.string(), summary: z.string(), end: localDateSchema, days: z.number() })),
    /** Bins of equal width over the points' days: [from, to) days. */
    histogram: z.array(z.object({ from: z.number(), to: z.number(), count: countSchema })),
  }),
  cfd: z.array(z.object({ date: localDateSchema, counts: z.record(z.string(), countSchema) })),
  load: z.object({
    inProgress: countSchema,
    byState: z.array(z.object({ state: z.string(), count: countSchema, wipLimit: z.number().nullable(), overLimit: z.boolean() })),
  }),
  aging: z.array(
    z.object({ key: z.string(), summary: z.string(), state: z.string().nullable(), ageDays: z.number(), percentileBand: z.string().nullable() }),
  ),
  distribution: z.object({
    inProgress: distributionSetSchema,
    /** Done within the range. */
    completed: distributionSetSchema,
    completedByPeriod: z.array(distributionSetSchema.extend({ start: localDateSchema })),
  }),
  efficiency: z.object({
    /** Σ active ÷ Σ segment time over the epics that finished the segment in the range. */
    portfolio: z.number().nullable(),
    activeDays: z.number(),
    waitingDays: z.number(),
    flaggedDays: z.number(),
    byState: z.array(z.object({ state: z.string(), kind: activityKindSchema, activeDays: z.number(), waitingDays: z.number() })),
    byStatus: z.array(
      z.object({ statusId: z.string(), name: z.string(), state: z.string().nullable(), kind: activityKindSchema, overridden: z.boolean(), activeDays: z.number(), waitingDays: z.number() }),
    ),
    epics: z.array(z.object({ key: z.string(), summary: z.string(), efficiency: z.number().nullable(), activeDays: z.number(), flowDays: z.number(), flaggedDays: z.number() })),
  }),
  predictability: z.object({
    period: z.literal('quarter'),
    series: z.array(
      z.object({
        start: localDateSchema,
        end: localDateSchema,
        partial: z.boolean(),
        plannedCount: countSchema,
        plannedValue: z.number(),
        deliveredCount: countSchema,
        deliveredValue: z.number(),
        unplannedDeliveredValue: z.number(),
        unvalued: countSchema,
        predictability: z.number().nullable(),
      }),
    ),
  }),
});
export type FlowCharts = z.infer<typeof flowChartsSchema>;

export const forecastEvidenceSchema = z.object({
  window: z.object({ start: localDateSchema, end: localDateSchema, days: countSchema, done: countSchema }),
  weekly: z.array(z.object({ start: localDateSchema, days: countSchema, count: countSchema })),
  stability: z.object({ firstHalf: countSchema, secondHalf: countSchema, ratio: z.number().nullable(), factor: z.number(), unstable: z.boolean() }),
  backTest: z
    .object({
      madeOn: localDateSchema,
      by: localDateSchema,
      actual: countSchema,
      results: z.array(z.object({ confidence: z.number(), forecast: z.number(), hit: z.boolean() })),
    })
    .nullable(),
});

export const backlogForecastSchema = z.object({
  confidence: z.number(),
  /** Not-done epics with a WSJF score, in rank order (the first `limit`). */
  items: z.array(
    z.object({ key: z.string(), summary: z.string(), rank: z.number(), state: z.string().nullable(), days: z.number().nullable(), date: localDateSchema.nullable() }),
  ),
  /** Scored not-done epics beyond the limit, and not-done epics without a score (not forecast). */
  beyondLimit: countSchema,
  unscored: countSchema,
});
