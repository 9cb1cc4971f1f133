/**
 * The portfolio settings: read (defaults until someone saves), validate with the domain's rules,
 * save with optimistic locking and a history entry, and turn into the domain's PortfolioConfig.
 */
import { SETTINGS_SCHEMA_VERSION, settingsDocumentSchema } from '../contract/settings';
import type { ResolverOutput } from '../contract/resolvers';
import type { PortfolioSettings, SettingsDocument } from '../contract/settings';
import { isValidTimeZone, quarterOf, toLocalDate } from '../domain/calendar';
import { defaultPortfolioConfig, mappingByName, stateTimeKind, validatePortfolioConfig } from '../domain/states';
import type { PortfolioConfig, StatusRef } from '../domain/states';
import { DEFAULT_FLOW_TIME_PERCENTILES } from '../domain/flow';
import { FORECAST_DEFAULTS } from '../domain/forecast';
import { wipLimitProblems } from '../domain/wip';
import { isReservedName, reservedNameProblem } from '../domain/names';
import { MODIFIED_FIBONACCI } from '../domain/wsjf';
import { InvalidInputError } from '../errors';
import type { StorePort } from '../ports';
import type { ServiceContext } from './context';
import { readDocument, writeDocumentWithHistory } from './documents';
import type { DocumentKind } from './documents';

export const SETTINGS_KEY = 'portfolio';

export function defaultSettings(): PortfolioSettings {
  const config = defaultPortfolioConfig();
  return {
    scopeJql: 'issuetype = Epic ORDER BY key',
    states: [...config.states],
    commitment: config.commitment,
    active: [...config.active],
    mapping: null,
    wipLimits: { Reviewing: 10, Analyzing: 5, Implementing: 8 },
    timeZone: 'UTC',
    inclusiveFlowTime: false,
    portfolioManagersGroup: 'portfolio-managers',
    wsjfScale: [...MODIFIED_FIBONACCI],
    enablerLabels: ['enabler'],
    flowPercentiles: [...DEFAULT_FLOW_TIME_PERCENTILES],
    forecastWindowDays: FORECAST_DEFAULTS.windowDays,
    portfolioTotalsIncludeHidden: false,
    staleScoreDays: 90,
    skippedCommitment: 'exclude',
    statusActivity: {},
    okrConfidenceScale: '0-10',
    portfolioIssueType: { by: 'hierarchyLevel', level: 1 },
    currency: 'EUR',
    portfolioManagersGroupId: null,
  };
}

export const settingsKind: DocumentKind<SettingsDocument> = {
  collection: 'settings',
  currentSchemaVersion: SETTINGS_SCHEMA_VERSION,
  schema: settingsDocumentSchema,
  migrations: {
    // Documents written before schemaVersion existed lack the later fields: defaults fill them.
    0: (raw) => ({ ...defaultSettings(), ...raw }),
  },
};

/** The settings, their version (null while nothing was saved) and how each state's time counts. */
export type LoadedSettings = ResolverOutput<'settings/get'>;

function loaded(settings: PortfolioSettings, version: number | null): LoadedSettings {
  const config = portfolioConfigOf(settings, []);
  return { settings, version, stateTimeKinds: Object.fromEntries(settings.states.map((state) => [state, stateTimeKind(config, state)])) };
}

export async function loadSettings(store: StorePort): Promise<LoadedSettings> {
  const stored = await readDocument(store, settingsKind, SETTINGS_KEY);
  if (!stored) return loaded(defaultSettings(), null);
  const { schemaVersion: _schemaVersion, ...settings } = stored.value;
  return loaded(settings, stored.version);
}

/** Once per request. */
export function settingsOf(ctx: ServiceContext): Promise<LoadedSettings> {
  return ctx.memo('settings', () => loadSettings(ctx.store));
}

/** The planning quarter (like `2026-Q4`) containing today in the portfolio's time zone. */
export async function currentQuarter(ctx: ServiceContext): Promise<string> {
  const { settings } = await settingsOf(ctx);
  return quarterOf(toLocalDate(ctx.clock.now(), settings.timeZone));
}

/** Every rule the schema cannot check, as sentences an admin can act on. */
export function settingsProblems(settings: PortfolioSettings): string[] {
  const config = portfolioConfigOf(settings, []);
  const problems = reservedNames(settings).map((name) => `The name ${reservedNameProblem(name)}.`);
  problems.push(...validatePortfolioConfig(config));
  if (!isValidTimeZone(settings.timeZone)) problems.push(`"${settings.timeZone}" is not a time zone (use an IANA name like Europe/Berlin).`);
  problems.push(...wipLimitProblems(config, settings.wipLimits));
  if (new Set(settings.wsjfScale).size !== settings.wsjfScale.length) problems.push('The WSJF scale repeats a value.');
  return problems;
}

/**
 * Names that are Object.prototype's (`constructor`, `toString`, `__proto__`): as keys of board and
 * metrics data they would read as inherited members. Refused on save; a document saved before
 * this rule is still read (the domain keys such data by null-prototype records).
 */
function reservedNames(settings: PortfolioSettings): string[] {
  const names = [
    ...settings.states,
    settings.commitment,
    ...settings.active,
    ...Object.values(settings.mapping ?? {}),
    ...Object.keys(settings.wipLimits),
  ];
  return [...new Set(names.filter(isReservedName))];
}

/** The domain's view; with no saved mapping, statuses map by name onto states. */
export function portfolioConfigOf(settings: PortfolioSettings, statuses: readonly StatusRef[]): PortfolioConfig {
  return {
    states: settings.states,
    commitment: settings.commitment,
    active: settings.active,
    mapping: settings.mapping ?? mappingByName(settings.states, statuses),
  };
}

/** Top-level fields whose value differs, for the history. */
function changedFields(before: PortfolioSettings, after: PortfolioSettings): { field: string; from: unknown; to: unknown }[] {
  return (Object.keys(after) as (keyof PortfolioSettings)[])
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
}

/**
 * A scope Jira cannot run would break every page: Jira parses and validates it, as the admin,
 * before it is saved; its own messages are the answer.
 */
export async function scopeJqlErrors(ctx: ServiceContext, scopeJql: string): Promise<string[]> {
  try {
    return (await ctx.jira.user.parseJql(scopeJql)).errors;
  } catch (error) {
    // Jira answers a malformed body with 400; its message is as useful as a parse error.
    if (error instanceof InvalidInputError) return [error.pageMessage];
    throw error;
  }
}

async function checkScopeJql(ctx: ServiceContext, scopeJql: string): Promise<void> {
  const errors = await scopeJqlErrors(ctx, scopeJql);
  if (errors.length > 0) throw new InvalidInputError(`settings.scopeJql: ${errors.join(' ')}`);
}

/**
 * Access is decided by group id. A save that names the group only by name (a document from before
 * ids were stored, or a client that changed just the name) gets the id Jira has for that name.
 */
async function withManagersGroupId(ctx: ServiceContext, settings: PortfolioSettings, before: PortfolioSettings): Promise<PortfolioSettings> {
  const idChanged = settings.portfolioManagersGroupId !== before.portfolioManagersGroupId;
  const nameChanged = settings.portfolioManagersGroup !== before.portfolioManagersGroup;
  if (settings.portfolioManagersGroupId !== null && (idChanged || !nameChanged)) return settings;
  const name = settings.portfolioManagersGroup;
  const group = (await ctx.jira.user.findGroups(name, 50)).find((candidate) => candidate.name === name);
  if (group === undefined) throw new InvalidInputError(`settings.portfolioManagersGroup: Jira has no group named "${name}" (pick one from the list).`);
  return { ...settings, portfolioManagersGroupId: group.groupId };
}

export async function saveSettings(ctx: ServiceContext, asked: PortfolioSettings, version: number | null): Promise<LoadedSettings> {
  const problems = settingsProblems(asked);
  if (problems.length > 0) throw new InvalidInputError(`settings: ${problems.join(' ')}`);
  // Authorization already read the settings for this request; the memo saves a second read.
  const before = await settingsOf(ctx);
  if (asked.scopeJql !== before.settings.scopeJql) await checkScopeJql(ctx, asked.scopeJql);
  const settings = await withManagersGroupId(ctx, asked, before.settings);
  const document: SettingsDocument = { schemaVersion: SETTINGS_SCHEMA_VERSION, ...settings };
  const changes = changedFields(before.settings, settings);
  const newVersion = await writeDocumentWithHistory(ctx, settingsKind, SETTINGS_KEY, document, version, 'the settings', {
    action: 'settings/save',
    subject: { kind: 'settings', key: SETTINGS_KEY },
    summary: changes.length === 0 ? 'Settings saved unchanged' : `Settings changed: ${changes.map((c) => c.field).join(', ')}`,
    changes,
  });
  return loaded(settings, newVersion);
}
