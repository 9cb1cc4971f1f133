/**
 * The standing concurrency suite's machinery: a race is many saves fired at once through one
 * transport (the handler in process, or the preview over HTTP); the runner sorts the answers into
 * landed and conflicted, then reads back what is stored and the change history and counts what was
 * lost (a landed change not shown), leaked (a conflicted change shown) and mis-recorded (a history
 * entry missing for a landed save, or present for a conflicted one).
 */
import type { HistoryEntry } from '../../src/contract/documents';
import type { ResolverInput, ResolverKey, ResolverOutput } from '../../src/contract/resolvers';

export type RaceUser = 'rte' | 'member';

/** A resolver's answer; `unhandled` stands for a rejected call (an error the handler rethrew, HTTP 500). */
export type Answer<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/** One transport to the resolvers, and a way to read Jira itself (for what is not stored by the app). */
export interface SaveDriver {
  readonly name: string;
  call<K extends ResolverKey>(user: RaceUser, key: K, payload: ResolverInput<K>): Promise<Answer<ResolverOutput<K>>>;
  /** The epic's labels as Jira holds them now. */
  epicLabels(issueKey: string): Promise<string[]>;
}

export type Entry = Omit<HistoryEntry, 'schemaVersion'>;

/** One save of a race: who, which resolver, and the call. */
export interface Save {
  readonly user: RaceUser;
  readonly key: ResolverKey;
  readonly fire: (driver: SaveDriver) => Promise<Answer<unknown>>;
}

export function save<K extends ResolverKey>(user: RaceUser, key: K, payload: ResolverInput<K>): Save {
  return { user, key, fire: (driver) => driver.call(user, key, payload) };
}

/** What became of one unit of a race (a save, or one entry of a save that holds several). */
export type UnitOutcome = { readonly kind: 'landed' } | { readonly kind: 'conflict' } | { readonly kind: 'other'; readonly what: string };

export interface Race {
  readonly saves: readonly Save[];
  /** The units' outcomes from the answers; by default one unit per save, landed when ok. */
  readonly units?: (answers: readonly Answer<unknown>[]) => UnitOutcome[];
  /**
   * How many units land per group: `one` when they all name the same version of one document,
   * `all` when each changes its own document, `any` when a save retries on a fresh read and may
   * still give up with a conflict.
   */
  readonly landing: 'one' | 'all' | 'any';
  /** What must show afterwards: every landed unit, or one landed unit per group (later saves of a group replace earlier ones). */
  readonly shows: 'every landed' | 'last landed';
  /** The group of a unit (default: all one group). */
  readonly group?: (unit: number) => string;
  /** The units whose change the stored state shows now. */
  readonly shown: () => Promise<ReadonlySet<number>>;
  /** The race's history entries; null when the save records none by design. */
  readonly history: null | {
    readonly matches: (entry: Entry) => boolean;
    /** Whether the entry records that unit's change. */
    readonly recordedBy: (entry: Entry, unit: number) => boolean;
    /** For saves of one document: its version before the race. The entries then name the next versions, one each. */
    readonly versionBefore?: number | null;
  };
}

export interface RaceContext {
  readonly driver: SaveDriver;
  /** How many saves a race fires. */
  readonly size: number;
  /**
   * Epic keys in projects where both users may edit, handed out in turn (round the pool again when
   * it runs out: each race reads its own "before", so a later race may reuse an epic).
   */
  epics(count: number): string[];
  /** A quarter no other race of this run uses. */
  period(): string;
  /** The data of a call that must succeed (setup and reads). */
  read<K extends ResolverKey>(user: RaceUser, key: K, payload: ResolverInput<K>): Promise<ResolverOutput<K>>;
}

/** A versioned thing a user can save, and how to race it. */
export interface VersionedThing {
  readonly name: string;
  /** The resolvers its saves call. */
  readonly routes: readonly ResolverKey[];
  readonly prepare: (context: RaceContext) => Promise<Race>;
}

/** The figures of one race. */
export interface Tally {
  readonly thing: string;
  readonly transport: string;
  readonly saves: number;
  readonly units: number;
  readonly landed: number;
  readonly conflicted: number;
  /** Answers that were neither: each named. */
  readonly other: string[];
  /** Units whose landing broke the race's rule (e.g. two landed naming one version). */
  readonly landingProblems: string[];
  readonly lost: number[];
  readonly leaked: number[];
  /** History problems: missing entries, entries for conflicted saves, wrong versions. */
  readonly historyProblems: string[];
  /** Entries the race wrote; null when the save records none. */
  readonly entries: number | null;
  /** The units whose change showed after the race, and a way to read that again (e.g. after a restart). */
  readonly shown: number[];
  readonly shownNow: () => Promise<ReadonlySet<number>>;
}

const defaultUnits = (answers: readonly Answer<unknown>[]): UnitOutcome[] =>
  answers.map((answer) => {
    if (answer.ok) return { kind: 'landed' };
    if (answer.error.code === 'conflict') return { kind: 'conflict' };
    return { kind: 'other', what: `${answer.error.code}: ${answer.error.message}` };
  });

function byGroup(count: number, group: (unit: number) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let unit = 0; unit < count; unit++) groups.set(group(unit), [...(groups.get(group(unit)) ?? []), unit]);
  return groups;
}

/** Fires the race's saves at once and reads back what happened. */
export async function runRace(thing: VersionedThing, context: RaceContext): Promise<Tally> {
  const race = await thing.prepare(context);
  // Entries that were there before (the preview's seeded history) are not the race's.
  const history = async () => (race.history === null ? [] : (await context.read('rte', 'history/list', { limit: 500 })).entries.filter(race.history.matches));
  const earlier = new Set((await history()).map((entry) => JSON.stringify(entry)));
  const answers = await Promise.all(race.saves.map((one) => one.fire(context.driver)));
  const outcomes = (race.units ?? defaultUnits)(answers);
  const landed = new Set(outcomes.flatMap((outcome, unit) => (outcome.kind === 'landed' ? [unit] : [])));
  const conflicted = new Set(outcomes.flatMap((outcome, unit) => (outcome.kind === 'conflict' ? [unit] : [])));
  const other = outcomes.flatMap((outcome, unit) => (outcome.kind === 'other' ? [`unit ${unit}: ${outcome.what}`] : []));
  const groups = byGroup(outcomes.length, race.group ?? (() => ''));

  const landingProblems: string[] = [];
  for (const [name, units] of groups) {
    const count = units.filter((unit) => landed.has(unit)).length;
    if (race.landing === 'one' && count !== 1) landingProblems.push(`group "${name}": ${count} landed, expected exactly 1`);
    if (race.landing === 'all' && count !== units.length) landingProblems.push(`group "${name}": ${count} of ${units.length} landed, expected all`);
    if (race.landing === 'any' && count === 0) landingProblems.push(`group "${name}": none landed`);
  }

  const shown = await race.shown();
  const leaked = [...shown].filter((unit) => !landed.has(unit));
  const lost: number[] = [];
  if (race.shows === 'every landed') lost.push(...[...landed].filter((unit) => !shown.has(unit)));
  else {
    for (const [name, units] of groups) {
      const landedHere = units.filter((unit) => landed.has(unit));
      const shownHere = landedHere.filter((unit) => shown.has(unit));
      // One of the group's landed saves is what is stored: none shown means all of them were lost,
      // several shown means they were mixed (e.g. an epic left with two themes).
      if (landedHere.length > 0 && shownHere.length === 0) lost.push(...landedHere);
      if (shownHere.length > 1) landingProblems.push(`group "${name}": units ${shownHere.join(', ')} show at once, expected the last one only`);
    }
  }

  const historyProblems: string[] = [];
  let entries: number | null = null;
  if (race.history !== null) {
    const { recordedBy, versionBefore } = race.history;
    const all = (await history()).filter((entry) => !earlier.has(JSON.stringify(entry)));
    entries = all.length;
    if (all.length !== landed.size) historyProblems.push(`${all.length} entries for ${landed.size} landed saves`);
    for (const entry of all) {
      if (![...landed].some((unit) => recordedBy(entry, unit))) historyProblems.push(`an entry no landed save made: ${entry.summary}`);
    }
    for (const unit of landed) if (!all.some((entry) => recordedBy(entry, unit))) historyProblems.push(`no entry for landed unit ${unit}`);
    if (versionBefore !== undefined) {
      const versions = all.map((entry) => entry.version).sort((a, b) => a - b);
      const expected = [...landed].map((_, index) => (versionBefore ?? 0) + 1 + index);
      if (JSON.stringify(versions) !== JSON.stringify(expected)) historyProblems.push(`entry versions ${versions.join(',')}, expected ${expected.join(',')}`);
    }
  }
  return {
    thing: thing.name,
    transport: context.driver.name,
    saves: race.saves.length,
    units: outcomes.length,
    landed: landed.size,
    conflicted: conflicted.size,
    other,
    landingProblems,
    lost: lost.sort((a, b) => a - b),
    leaked: leaked.sort((a, b) => a - b),
    historyProblems,
    entries,
    shown: [...shown].sort((a, b) => a - b),
    shownNow: race.shown,
  };
}

/** A context over a driver: epics and quarters are handed out once per run. */
export async function raceContext(driver: SaveDriver, size: number): Promise<RaceContext> {
  const read: RaceContext['read'] = async (user, key, payload) => {
    const answer = await driver.call(user, key, payload);
    if (!answer.ok) throw new Error(`${driver.name} ${key} as ${user}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  };
  // Both users may edit epics of PAY and MOB in the demo Jira; the member sees them too.
  const { epics } = await read('member', 'portfolio/wsjf', {});
  const pool = epics
    .filter((epic) => epic.projectKey === 'PAY' || epic.projectKey === 'MOB')
    .map((epic) => epic.key)
    .sort();
  let next = 0;
  let quarter = 2031 * 4;
  return {
    driver,
    size,
    read,
    epics: (count) => {
      if (pool.length < count) throw new Error(`only ${pool.length} epics for a race of ${count}`);
      const taken = Array.from({ length: count }, (_, n) => pool[(next + n) % pool.length] as string);
      next = (next + count) % pool.length;
      return taken;
    },
    period: () => {
      const period = `${Math.floor(quarter / 4)}-Q${(quarter % 4) + 1}`;
      quarter += 1;
      return period;
    },
  };
}

/** One line per race, for the report. */
export function tallyTable(tallies: readonly Tally[]): string {
  const rows = tallies.map(
    (t) =>
      `${t.transport.padEnd(18)} ${t.thing.padEnd(88)} ${String(t.units).padStart(3)} ${String(t.landed).padStart(6)} ${String(t.conflicted).padStart(8)} ${String(t.lost.length).padStart(4)} ${t.entries === null ? '   -' : String(t.entries).padStart(4)}`,
  );
  return [`${'transport'.padEnd(18)} ${'versioned thing'.padEnd(88)} saves landed conflict lost hist`, ...rows].join('\n');
}
