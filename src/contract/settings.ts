/**
 * The portfolio settings: one versioned document (KVS custom entity) that every page reads.
 * The schema checks shape only; rules that need the domain (states valid, time zone known) are
 * checked by the settings service, which names every problem in one message.
 */
import { z } from 'zod';

export const SETTINGS_SCHEMA_VERSION = 1;

const stateNameSchema = z.string().trim().min(1).max(60);

export const portfolioIssueTypeSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('hierarchyLevel'), level: z.number().int().min(1).max(10) }),
  z.object({ by: z.literal('issueTypeIds'), ids: z.array(z.string().regex(/^\d+$/, 'a Jira issue type id (digits)')).min(1).max(20) }),
]);
export type PortfolioIssueType = z.infer<typeof portfolioIssueTypeSchema>;

export const portfolioSettingsSchema = z.object({
  /** Which issues are the portfolio's epics. An `ORDER BY` is kept for display order. */
  scopeJql: z.string().trim().min(1).max(2000),
  /** Ordered portfolio states; the last one is Done. */
  states: z.array(stateNameSchema).min(2).max(20),
  /** The state where work is committed (flow time starts). */
  commitment: stateNameSchema,
  /** States whose time counts as active for flow efficiency. */
  active: z.array(stateNameSchema).max(20),
  /** Jira status id → state. `null`: map each status whose name equals a state's name. */
  mapping: z.record(z.string().regex(/^\d+$/, 'a Jira status id (digits)'), stateNameSchema).nullable(),
  /** state → most epics allowed in it; states without an entry have no limit. */
  wipLimits: z.record(stateNameSchema, z.number().int().min(1).max(100_000)),
  /** IANA zone for calendar dates (flow time, periods). */
  timeZone: z.string().trim().min(1).max(64),
  /** Count both ends of a flow time (+1 day). */
  inclusiveFlowTime: z.boolean(),
  /** Members of this Jira group may change settings, themes, budgets and OKRs (Jira admins always may). */
  portfolioManagersGroup: z.string().trim().min(1).max(255),
  /** The allowed values of every WSJF component. */
  wsjfScale: z.array(z.number().int().min(1).max(1000)).min(2).max(20),
  /** Labels that make an epic an enabler (else business). */
  enablerLabels: z.array(z.string().trim().min(1).max(255)).max(20),
  /** Flow-time percentiles shown by default. */
  flowPercentiles: z.array(z.number().min(1).max(99)).min(1).max(10),
  /** Days of past throughput the forecast samples from. */
  forecastWindowDays: z.number().int().min(7).max(730),
  /**
   * Portfolio totals (WIP counts, ranks, flow aggregates) count epics the viewer cannot browse, as
   * "n not visible to you" without detail. Off (like Jira): totals are over the viewer's own epics.
   */
  portfolioTotalsIncludeHidden: z.boolean().default(false),
  /** A WSJF score older than this many days is flagged as stale. */
  staleScoreDays: z.number().int().min(1).max(3650).default(90),
  /**
   * An epic that reached Done without passing the commitment state: `exclude` (no flow time, no
   * velocity count; shown apart as "closed without implementation") or `backfill` (commitment date
   * taken from Done, a flow time of 0 days).
   */
  skippedCommitment: z.enum(['exclude', 'backfill']).default('exclude'),
  /** Per-status override of the state's active/waiting kind for flow efficiency (status id → kind). */
  statusActivity: z.record(z.string().regex(/^\d+$/, 'a Jira status id (digits)'), z.enum(['active', 'waiting'])).default({}),
  /** How key-result owners state their confidence at a check-in: 0 to 10, or low / medium / high. */
  okrConfidenceScale: z.enum(['0-10', 'low-medium-high']).default('0-10'),
  /**
   * Which issue type is the portfolio's "epic": every type at a hierarchy level (1 = Jira's Epic
   * level, 2 = a level above such as Initiative) or a list of issue type ids (a renamed type).
   */
  portfolioIssueType: portfolioIssueTypeSchema.default({ by: 'hierarchyLevel', level: 1 }),
  /** ISO 4217 code the money figures (budgets, cost estimates) are shown in. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code like EUR').default('EUR'),
  /**
   * The portfolio managers' group by Jira group id (names can be renamed). Null in documents saved
   * before ids were stored: access then falls back to `portfolioManagersGroup` (the name) until
   * the next save resolves the name to its id.
   */
  portfolioManagersGroupId: z.string().trim().min(1).max(255).nullable().default(null),
});
export type PortfolioSettings = z.infer<typeof portfolioSettingsSchema>;

/** How the settings are stored: the fields plus `schemaVersion` (migrated on read). */
export const settingsDocumentSchema = portfolioSettingsSchema.extend({ schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION) });
export type SettingsDocument = z.infer<typeof settingsDocumentSchema>;
