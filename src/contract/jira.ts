/**
 * The Jira Cloud REST v3 payloads we read, as zod schemas. Objects are loose (Jira adds fields
 * freely); only what we use is required. Timestamps become epoch milliseconds at parse time.
 */
import { z } from 'zod';

/**
 * A date-time as Jira writes it (`2025-01-15T09:30:00.000+0000`), or ISO with `Z` or `+hh:mm`.
 * The offset is required: without one the instant would depend on the reading machine's zone.
 * Every field is checked (Date.parse reads "1" as 2001 and 30 Feb as 2 Mar).
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** The range of a JavaScript Date, in epoch ms: beyond it no calendar date exists. */
const MAX_EPOCH_MS = 8.64e15;

function instantProblem(text: string): string | null {
  const match = INSTANT.exec(text);
  if (!match) return `not a date-time like 2025-01-15T09:30:00.000+0000: ${JSON.stringify(text)}`;
  const [, year, month, day, hour, minute, second, offset] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)
    return `not a real date-time: ${JSON.stringify(text)}`;
  if (offset === undefined) return `has no UTC offset: ${JSON.stringify(text)} (Jira writes one, like +0000; add Z for UTC)`;
  return null;
}

/** Jira writes `2025-01-15T09:30:00.000+0000` (no colon in the offset); bulkfetch may send epoch ms. */
export const jiraInstantSchema = z.union([z.number().int().min(-MAX_EPOCH_MS).max(MAX_EPOCH_MS), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') return value;
  const problem = instantProblem(value);
  const millis = problem === null ? Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN;
  if (Number.isNaN(millis)) {
    ctx.addIssue({ code: 'custom', message: problem ?? `not a date-time: ${value}` });
    return z.NEVER;
  }
  return millis;
});

export const jiraStatusSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  statusCategory: z.looseObject({ key: z.string() }).optional(),
});
export type JiraStatus = z.infer<typeof jiraStatusSchema>;

/**
 * `toString` and `fromString` are also names on Object.prototype: an item that omits them would
 * otherwise be read as having a function there. Own properties only; a missing one becomes null.
 */
const ownStringKeys = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  const own = (key: string) => (Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : null);
  return { ...value, fromString: own('fromString'), toString: own('toString') };
};

const jiraHistoryItemFields = z.looseObject({
  field: z.string(),
  fieldId: z.string().optional(),
  fieldtype: z.string().optional(),
  from: z.string().nullable().optional(),
  fromString: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  toString: z.string().nullable().optional(),
});
export const jiraHistoryItemSchema = z.preprocess(ownStringKeys, jiraHistoryItemFields);
export type JiraHistoryItem = z.infer<typeof jiraHistoryItemFields>;

export const jiraHistorySchema = z.looseObject({
  id: z.string().optional(),
  created: jiraInstantSchema,
  author: z.looseObject({ accountId: z.string().optional(), displayName: z.string().optional() }).optional(),
  items: z.array(jiraHistoryItemSchema),
});
export type JiraHistory = z.infer<typeof jiraHistorySchema>;

export const jiraProjectRefSchema = z.looseObject({ id: z.string(), key: z.string(), name: z.string().optional() });

export const jiraIssueFieldsSchema = z.looseObject({
  summary: z.string().optional(),
  created: jiraInstantSchema.optional(),
  updated: jiraInstantSchema.optional(),
  status: jiraStatusSchema.optional(),
  issuetype: z.looseObject({ id: z.string(), name: z.string(), hierarchyLevel: z.number().optional() }).optional(),
  labels: z.array(z.string()).optional(),
  project: jiraProjectRefSchema.optional(),
  parent: z.looseObject({ id: z.string(), key: z.string() }).optional(),
});

export const jiraIssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: jiraIssueFieldsSchema.default({}),
  changelog: z
    .looseObject({
      histories: z.array(jiraHistorySchema),
      startAt: z.number().optional(),
      maxResults: z.number().optional(),
      total: z.number().optional(),
    })
    .optional(),
  /** Present when the search asked for `properties`: property key → value. */
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type JiraIssue = z.infer<typeof jiraIssueSchema>;

/** `GET|POST /rest/api/3/search/jql`: token paging, no `total`. */
export const jiraSearchPageSchema = z.looseObject({
  issues: z.array(jiraIssueSchema),
  /** Absent or null on the last page: Jira omits the key, its docs say null (JRACLOUD-92184). */
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});
export type JiraSearchPage = z.infer<typeof jiraSearchPageSchema>;

/** `POST /rest/api/3/changelog/bulkfetch`. */
export const jiraBulkChangelogPageSchema = z.looseObject({
  issueChangeLogs: z.array(z.looseObject({ issueId: z.string(), changeHistories: z.array(jiraHistorySchema) })),
  /** Absent or null on the last page: Jira omits the key, its docs say null (JRACLOUD-92184). */
  nextPageToken: z.string().nullish(),
});
export type JiraBulkChangelogPage = z.infer<typeof jiraBulkChangelogPageSchema>;

/** `GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}`. */
export const jiraIssuePropertySchema = z.looseObject({ key: z.string(), value: z.unknown() });

/** `GET /rest/api/3/mypermissions?permissions=…`. */
export const jiraMyPermissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ key: z.string().optional(), havePermission: z.boolean() })),
});

/** `POST /rest/api/3/permissions/check`. */
export const jiraPermissionsCheckSchema = z.looseObject({
  globalPermissions: z.array(z.string()).default([]),
  projectPermissions: z
    .array(
      z.looseObject({
        permission: z.string(),
        issues: z.array(z.number()).default([]),
        projects: z.array(z.number()).default([]),
      }),
    )
    .default([]),
});
export type JiraPermissionsCheck = z.infer<typeof jiraPermissionsCheckSchema>;

/** Jira's offset-paged lists (`project/search`, `statuses/search`): `values` plus paging fields. */
function offsetPageOf<T extends z.ZodType>(item: T) {
  return z.looseObject({
    values: z.array(item),
    isLast: z.boolean().optional(),
    nextPage: z.string().nullish(),
    startAt: z.number().optional(),
    maxResults: z.number().optional(),
    total: z.number().optional(),
  });
}

/** `GET /rest/api/3/status` (an array; `statuses/search` has its own schema below). */
export const jiraStatusListSchema = z.array(jiraStatusSchema);

/** `GET /rest/api/3/project/search`. */
export const jiraProjectSearchPageSchema = offsetPageOf(jiraProjectRefSchema);
export type JiraProject = z.infer<typeof jiraProjectRefSchema>;

/** `GET /rest/api/3/issue/{issueIdOrKey}/transitions`. */
export const jiraTransitionsSchema = z.looseObject({
  transitions: z.array(z.looseObject({ id: z.string(), name: z.string(), to: jiraStatusSchema })),
});
export type JiraTransition = z.infer<typeof jiraTransitionsSchema>['transitions'][number];

/** `GET /rest/api/3/myself?expand=groups`. */
export const jiraMyselfSchema = z.looseObject({
  accountId: z.string(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  groups: z.looseObject({ items: z.array(z.looseObject({ name: z.string(), groupId: z.string().optional() })) }).optional(),
});
export type JiraMyself = z.infer<typeof jiraMyselfSchema>;

/** `GET /user?accountId=`: an account's public profile (the display name may be hidden by privacy settings). */
export const jiraUserSchema = z.looseObject({ accountId: z.string(), displayName: z.string().optional() });
export type JiraUser = z.infer<typeof jiraUserSchema>;

/** Jira's error body: `{ errorMessages: [...], errors: { field: message } }`. */
export const jiraErrorBodySchema = z.looseObject({
  errorMessages: z.array(z.string()).default([]),
  errors: z.record(z.string(), z.string()).default({}),
});

/**
 * `POST /rest/api/3/search/jql` with `fields: ["id"]`: only `id` is sure to be on each issue, so
 * the ids-only search parses with this instead of `jiraSearchPageSchema`.
 */
export const jiraIssueIdSearchPageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string() })),
  /** Absent or null on the last page: Jira omits the key, its docs say null (JRACLOUD-92184). */
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** statuses/search names the category `TODO | IN_PROGRESS | DONE`; issues and transitions use these keys. */
const STATUS_CATEGORY_KEY_BY_NAME: Readonly<Record<string, string>> = { TODO: 'new', IN_PROGRESS: 'indeterminate', DONE: 'done' };

/**
 * One status as `GET /rest/api/3/statuses/search` really sends it: `statusCategory` is a string
 * there (an object `{ key }` elsewhere). Both are accepted; the output is a `JiraStatus` with the
 * category key of the issue payloads (`new`, `indeterminate`, `done`).
 */
export const jiraStatusesSearchItemSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    statusCategory: z.union([z.string(), z.looseObject({ key: z.string() })]).optional(),
  })
  .transform(({ statusCategory, ...status }): JiraStatus => {
    if (statusCategory === undefined) return status;
    if (typeof statusCategory !== 'string') return { ...status, statusCategory };
    return { ...status, statusCategory: { key: STATUS_CATEGORY_KEY_BY_NAME[statusCategory] ?? statusCategory.toLowerCase() } };
  });

/** `GET /rest/api/3/statuses/search` (paged by `startAt`, `isLast`), as Jira Cloud sends it. */
export const jiraStatusesSearchPageSchema = offsetPageOf(jiraStatusesSearchItemSchema);

/** One field of `GET /rest/api/3/field`: system fields have ids like `status`, custom ones `customfield_10021`. */
export const jiraFieldSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
});
export type JiraField = z.infer<typeof jiraFieldSchema>;

/** `GET /rest/api/3/field`: an array of every field the caller can see. */
export const jiraFieldListSchema = z.array(jiraFieldSchema);

/** `POST /rest/api/3/jql/parse`: one entry per query; `errors` holds Jira's own messages. */
export const jiraParsedJqlSchema = z.looseObject({
  queries: z.array(z.looseObject({ query: z.string(), errors: z.array(z.string()).optional(), warnings: z.array(z.string()).optional() })),
});

/** `POST /rest/api/3/search/approximate-count`. */
export const jiraApproximateCountSchema = z.looseObject({ count: z.number().int().min(0) });

/** `GET /rest/api/3/groups/picker`: groups by id and (renamable) name. */
export const jiraFoundGroupsSchema = z.looseObject({
  groups: z.array(z.looseObject({ groupId: z.string(), name: z.string() })).default([]),
  total: z.number().int().optional(),
});
export type JiraFoundGroup = z.infer<typeof jiraFoundGroupsSchema>['groups'][number];
