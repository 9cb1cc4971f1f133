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
});
export type FlowReport = z.infer<typeof flowReportSchema>;
