/**
 * Edits of the settings draft that must keep its parts consistent: a renamed or removed state is
 * renamed or removed in the commitment, the active list, the mapping and the WIP limits too.
 * Pure, so the page stays a thin view of these functions.
 */
import type { PortfolioSettings } from '../../src/contract/settings';

export type Settings = PortfolioSettings;

function renameKeys<T>(record: Readonly<Record<string, T>>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]));
}

export function renameState(settings: Settings, index: number, name: string): Settings {
  const old = settings.states[index];
  if (old === undefined) return settings;
  return {
    ...settings,
    states: settings.states.map((state, i) => (i === index ? name : state)),
    commitment: settings.commitment === old ? name : settings.commitment,
    active: settings.active.map((state) => (state === old ? name : state)),
    mapping: settings.mapping === null ? null : Object.fromEntries(Object.entries(settings.mapping).map(([id, state]) => [id, state === old ? name : state])),
    wipLimits: renameKeys(settings.wipLimits, old, name),
  };
}

/** Statuses mapped to the removed state become unmapped (the check then lists them). */
export function removeState(settings: Settings, index: number): Settings {
  const old = settings.states[index];
  if (old === undefined) return settings;
  const { [old]: _removed, ...wipLimits } = settings.wipLimits;
  return {
    ...settings,
    states: settings.states.filter((_, i) => i !== index),
    active: settings.active.filter((state) => state !== old),
    mapping: settings.mapping === null ? null : Object.fromEntries(Object.entries(settings.mapping).filter(([, state]) => state !== old)),
    wipLimits,
  };
}

/** Swaps the state with its neighbour; Done (the last state) stays last. */
export function moveState(settings: Settings, index: number, by: -1 | 1): Settings {
  const target = index + by;
  const last = settings.states.length - 1;
  if (index >= last || target < 0 || target >= last) return settings;
  const states = [...settings.states];
  [states[index], states[target]] = [states[target] as string, states[index] as string];
  return { ...settings, states };
}

/** A new state just before Done, with a name not yet used. */
export function addState(settings: Settings): Settings {
  let n = 1;
  while (settings.states.includes(`New state ${n}`)) n++;
  const states = [...settings.states];
  states.splice(Math.max(0, states.length - 1), 0, `New state ${n}`);
  return { ...settings, states };
}

export function setActive(settings: Settings, state: string, active: boolean): Settings {
  const others = settings.active.filter((candidate) => candidate !== state);
  return { ...settings, active: active ? [...others, state] : others };
}

export function setWipLimit(settings: Settings, state: string, limit: number | null): Settings {
  const { [state]: _old, ...rest } = settings.wipLimits;
  return { ...settings, wipLimits: limit === null ? rest : { ...rest, [state]: limit } };
}

/**
 * Maps a status; the first explicit mapping starts from what the name mapping gives every status
 * (`current`), so no other status loses its state.
 */
export function mapStatus(settings: Settings, current: Readonly<Record<string, string>>, statusId: string, state: string | null): Settings {
  const { [statusId]: _old, ...rest } = settings.mapping ?? current;
  return { ...settings, mapping: state === null ? rest : { ...rest, [statusId]: state } };
}

export function setStatusActivity(settings: Settings, statusId: string, kind: 'active' | 'waiting' | null): Settings {
  const { [statusId]: _old, ...rest } = settings.statusActivity;
  return { ...settings, statusActivity: kind === null ? rest : { ...rest, [statusId]: kind } };
}

/** "1, 2, 3, 5" → [1, 2, 3, 5]; null when a part is not a whole number. */
export function parseScale(text: string): number[] | null {
  const parts = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0 || parts.some((part) => !/^\d+$/.test(part))) return null;
  return parts.map(Number);
}

/** Top-level fields whose values differ, for the conflict view (yours vs saved in the meantime). */
export function differingFields(mine: Settings, theirs: Settings): (keyof Settings)[] {
  return (Object.keys(mine) as (keyof Settings)[]).filter((field) => JSON.stringify(mine[field]) !== JSON.stringify(theirs[field]));
}

/** A setting's value as one line of text. */
export function describeValue(value: unknown): string {
  if (value === null) return 'none (map by name)';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value).replace(/[{}"]/g, '').replace(/,/g, ', ').replace(/:/g, ': ');
  return String(value);
}
