/**
 * The `--config` file: the portfolio's states, how Jira statuses map onto them, the commitment
 * point, the active states, the time zone, the flow-time convention and how an epic done without
 * implementation counts (`skippedCommitment`, as in the app's settings). Every field is optional;
 * what is left out takes the SAFe defaults. State names in the file match ignoring case.
 */
import { z } from 'zod';
import { isValidTimeZone } from '../domain/calendar';
import { isReservedName, reservedNameProblem } from '../domain/names';
import { defaultActiveStates, defaultPortfolioConfig, doneState, mappingByName, validatePortfolioConfig } from '../domain/states';
import type { PortfolioConfig, StatusRef } from '../domain/states';
import { CliInputError, formatFieldPath, fromZodError } from './errors';
import type { CliIo } from './io';
import { readJsonFile } from './files';

export interface CliSettings {
  readonly config: PortfolioConfig;
  readonly timeZone: string;
  readonly inclusive: boolean;
  /** Epics done without passing the commitment state: excluded from flow time and velocity, or back-filled (0 days). */
  readonly skippedCommitment: 'exclude' | 'backfill';
}

const configFileSchema = z.strictObject({
  states: z.array(z.string().trim().min(1, 'a state needs a name')).min(2, 'needs at least 2 states (the last is Done)').optional(),
  /** Status id or status name → state. When given, it replaces the default mapping by name. */
  mapping: z.record(z.string(), z.string()).optional(),
  commitment: z.string().optional(),
  active: z.array(z.string()).optional(),
  timeZone: z.string().optional(),
  inclusive: z.boolean().optional(),
  skippedCommitment: z.enum(['exclude', 'backfill']).optional(),
});
type ConfigFile = z.infer<typeof configFileSchema>;

/**
 * Settings from the file (or the defaults without one), with the mapping resolved against the
 * statuses the input mentions: a mapping key is a status id or, failing that, a status name.
 */
export function loadSettings(io: CliIo, path: string | undefined, statuses: readonly StatusRef[]): CliSettings {
  if (path === undefined) return resolveSettings({}, statuses, '(defaults)');
  const parsed = configFileSchema.safeParse(readJsonFile(io, path));
  if (!parsed.success) throw fromZodError(path, parsed.error);
  return resolveSettings(parsed.data, statuses, path);
}

/**
 * The file over the domain's defaults. validatePortfolioConfig has the last word; the two checks
 * before it are there to name the field at fault (`states[2]`, `commitment`), and names that
 * differ only in case would make the case-blind lookup of the file's names ambiguous.
 */
function resolveSettings(file: ConfigFile, statuses: readonly StatusRef[], source: string): CliSettings {
  const defaults = defaultPortfolioConfig();
  const states = file.states ?? [...defaults.states];
  const folded = new Map<string, string>();
  states.forEach((state, index) => {
    if (isReservedName(state)) throw new CliInputError(source, `states[${index}]`, reservedNameProblem(state));
    const key = state.toLowerCase();
    if (folded.has(key)) throw new CliInputError(source, `states[${index}]`, `"${state}" appears twice (names are compared ignoring case)`);
    folded.set(key, state);
  });
  const known = `one of: ${states.join(', ')}`;
  const stateAt = (field: string, name: string): string => {
    const state = folded.get(name.trim().toLowerCase());
    if (state === undefined) throw new CliInputError(source, field, `unknown state "${name}" (expected ${known})`);
    return state;
  };

  const commitment = stateAt('commitment', file.commitment ?? defaults.commitment);
  if (commitment === doneState({ ...defaults, states }))
    throw new CliInputError(source, 'commitment', `"${commitment}" is Done (the last state); commitment must come before it`);
  const active = file.active?.map((name, index) => stateAt(`active[${index}]`, name)) ?? defaultActiveStates(states, commitment);

  const timeZone = file.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new CliInputError(source, 'timeZone', `unknown time zone "${timeZone}" (expected an IANA name such as Europe/Berlin)`);

  let mapping: Record<string, string>;
  if (file.mapping === undefined) {
    mapping = mappingByName(states, statuses);
  } else {
    const byKey = new Map<string, string>();
    for (const [key, name] of Object.entries(file.mapping)) byKey.set(key, stateAt(formatFieldPath(['mapping', key]), name));
    mapping = resolveMapping(byKey, statuses);
  }

  const config: PortfolioConfig = { states, commitment, active, mapping };
  const problem = validatePortfolioConfig(config)[0];
  if (problem !== undefined) throw new CliInputError(source, '(top level)', problem);
  return { config, timeZone, inclusive: file.inclusive ?? false, skippedCommitment: file.skippedCommitment ?? 'exclude' };
}

/** Status id → state: a key naming the id wins over one naming the status (ignoring case). */
function resolveMapping(byKey: ReadonlyMap<string, string>, statuses: readonly StatusRef[]): Record<string, string> {
  const byName = new Map<string, string>();
  for (const [key, state] of byKey) byName.set(key.trim().toLowerCase(), state);
  const mapping: Record<string, string> = {};
  for (const status of statuses) {
    // One entry per status id, under its current name: a renamed status is matched by that name only.
    const state = byKey.get(status.id) ?? byName.get(status.name.trim().toLowerCase());
    if (state !== undefined) mapping[status.id] = state;
  }
  return mapping;
}
