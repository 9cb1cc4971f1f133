/**
 * Every versioned thing a user can save, as a race: N saves fired at once, each with a change of its
 * own. Races of one document all name the version they read (exactly one may land); races of
 * different items (a case per epic, a check-in per key result) mix the RTE and the member where
 * the member may save. `concurrencyRace.ts` runs them and counts what landed, conflicted and was lost.
 */
import { DECISIONS } from '../../src/contract/documents';
import type { Theme } from '../../src/contract/documents';
import { save } from './concurrencyRace';
import type { Answer, Entry, RaceContext, RaceUser, UnitOutcome, VersionedThing } from './concurrencyRace';

const RTE = '712020:rte';
const MEMBER = '712020:member';
const alternate = (n: number): RaceUser => (n % 2 === 0 ? 'rte' : 'member');
const accountOf = (user: RaceUser) => (user === 'rte' ? RTE : MEMBER);
const range = (count: number) => Array.from({ length: count }, (_, n) => n);
const unitsWhere = (count: number, test: (unit: number) => boolean) => new Set(range(count).filter(test));

const SCALE = [1, 2, 3, 5, 8, 13, 20];
/** Distinct valid WSJF components for n < 49. */
export const componentsFor = (n: number) => ({
  userBusinessValue: SCALE[n % 7] as number,
  timeCriticality: SCALE[Math.floor(n / 7) % 7] as number,
  riskReductionOpportunityEnablement: 3,
  jobSize: SCALE[(n + 3) % 7] as number,
});
const sameComponents = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  (['userBusinessValue', 'timeCriticality', 'riskReductionOpportunityEnablement', 'jobSize'] as const).every((field) => a[field] === b[field]);

const STREAMS = [
  { id: 'payments', name: 'Payments', projectKeys: ['PAY'] },
  { id: 'mobile', name: 'Mobile Experience', projectKeys: ['MOB'] },
  { id: 'data', name: 'Data & Analytics', projectKeys: ['DAT'] },
  { id: 'platform', name: 'Platform', projectKeys: ['PLT'] },
];
const THEMES: Theme[] = [
  { id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: null, description: '', colour: 'green', activeQuarters: [] },
  { id: 'platform', name: 'Platform', label: 'theme-platform', targetAllocation: null, description: '', colour: 'blue', activeQuarters: [] },
  { id: 'compliance', name: 'Compliance', label: 'theme-compliance', targetAllocation: null, description: '', colour: 'orange', activeQuarters: [] },
];

/** The value streams and themes the races name (the preview seeds them; an empty store gets them). */
export async function ensureStreamsAndThemes(context: RaceContext): Promise<void> {
  const streams = await context.read('rte', 'valueStreams/list', {});
  const missing = STREAMS.filter((stream) => !streams.valueStreams.some((existing) => existing.id === stream.id));
  if (missing.length > 0) await context.read('rte', 'valueStreams/save', { valueStreams: [...streams.valueStreams, ...missing], version: streams.version });
  const themes = await context.read('rte', 'themes/list', {});
  const absent = THEMES.filter((theme) => !themes.themes.some((existing) => existing.id === theme.id));
  if (absent.length > 0) await context.read('rte', 'themes/save', { themes: [...themes.themes, ...absent], version: themes.version });
}

/** Key results per objective (a quarter's document holds at most 10 per objective). */
const KEY_RESULTS_PER_OBJECTIVE = 6;
/** The objective holding key result `kr-n` in `okrQuarter`. */
const objectiveOf = (n: number) => `race-${Math.floor(n / KEY_RESULTS_PER_OBJECTIVE)}`;

/** An OKR quarter with `count` key results `kr-n` (objectives `objectiveOf(n)`); odd ones are owned by the member. */
async function okrQuarter(context: RaceContext, count: number, title: string) {
  const period = context.period();
  const keyResults = range(count).map((n) => ({
    id: `kr-${n}`,
    title: `${title} ${n}`,
    baseline: 0,
    target: 100,
    current: 0,
    owner: n % 2 === 1 ? { accountId: MEMBER, displayName: 'Mika Member' } : null,
  }));
  const objectives = range(Math.ceil(count / KEY_RESULTS_PER_OBJECTIVE)).map((o) => ({
    id: `race-${o}`,
    title: `${title} ${o}`,
    themeId: null,
    keyResults: keyResults.slice(o * KEY_RESULTS_PER_OBJECTIVE, (o + 1) * KEY_RESULTS_PER_OBJECTIVE),
  }));
  await context.read('rte', 'okrs/save', { period, objectives, version: null });
  return period;
}

/** Every key result of a quarter, by id. */
async function keyResultsOf(context: RaceContext, period: string) {
  return (await context.read('rte', 'okrs/list', { period })).objectives.flatMap((objective) => objective.keyResults);
}

const of = (subjectKey: string, action: string, after?: number | null) => (entry: Entry) =>
  entry.action === action && entry.subject.key === subjectKey && (after === undefined || entry.version > (after ?? 0));

export const VERSIONED_THINGS: readonly VersionedThing[] = [
  {
    name: 'budgets/save: one quarter, one version',
    routes: ['budgets/save'],
    prepare: async (context) => {
      const period = context.period();
      const before = await context.read('rte', 'budgets/list', { period });
      const amount = (n: number) => 1000 + n;
      return {
        saves: range(context.size).map((n) => save('rte', 'budgets/save', { period, lines: [{ valueStreamId: 'payments', budget: amount(n) }], version: before.version })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const budget = (await context.read('rte', 'budgets/list', { period })).lines.find((line) => line.valueStreamId === 'payments')?.budget;
          return unitsWhere(context.size, (n) => budget === amount(n));
        },
        history: { matches: of(period, 'budgets/save'), recordedBy: (entry, n) => entry.summary.endsWith(`payments ${amount(n)}`), versionBefore: before.version },
      };
    },
  },
  {
    name: 'budgets/save: a quarter each (different documents)',
    routes: ['budgets/save'],
    prepare: async (context) => {
      const periods = range(context.size).map(() => context.period());
      const amount = (n: number) => 2000 + n;
      return {
        saves: periods.map((period, n) => save('rte', 'budgets/save', { period, lines: [{ valueStreamId: 'mobile', budget: amount(n) }], version: null })),
        landing: 'all',
        shows: 'every landed',
        group: (n) => String(n),
        shown: async () => {
          const budgets = await Promise.all(periods.map((period) => context.read('rte', 'budgets/list', { period })));
          return unitsWhere(context.size, (n) => budgets[n]?.lines.find((line) => line.valueStreamId === 'mobile')?.budget === amount(n));
        },
        history: {
          matches: (entry) => entry.action === 'budgets/save' && periods.includes(entry.subject.key),
          recordedBy: (entry, n) => entry.subject.key === periods[n] && entry.summary.endsWith(`mobile ${amount(n)}`),
        },
      };
    },
  },
  {
    name: 'budgets/spend/save: different streams and months of one budget',
    routes: ['budgets/spend/save'],
    prepare: async (context) => {
      const period = context.period();
      const created = await context.read('rte', 'budgets/save', { period, lines: STREAMS.map((stream) => ({ valueStreamId: stream.id, budget: 10_000 })), version: null });
      const stream = (n: number) => (STREAMS[n % STREAMS.length] as { id: string }).id;
      const month = (n: number) => created.months[n % created.months.length] as string;
      return {
        saves: range(context.size).map((n) =>
          save('rte', 'budgets/spend/save', { period, valueStreamId: stream(n), month: month(n), amount: 100 + n, note: `race ${n}`, version: created.version }),
        ),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const notes = (await context.read('rte', 'budgets/list', { period })).lines.flatMap((line) => line.spend.map((entry) => entry.note));
          return unitsWhere(context.size, (n) => notes.includes(`race ${n}`));
        },
        history: { matches: of(period, 'budgets/spend/save'), recordedBy: (entry, n) => entry.summary.endsWith(`(race ${n})`), versionBefore: created.version },
      };
    },
  },
  {
    name: 'epic/case/save: one epic, one version, RTE and member',
    routes: ['epic/case/save'],
    prepare: async (context) => {
      const [issueKey] = context.epics(1) as [string];
      const before = await context.read('rte', 'epic/case/get', { issueKey });
      const cost = (n: number) => 10_000 + n;
      return {
        saves: range(context.size).map((n) => save(alternate(n), 'epic/case/save', { issueKey, case: { ...before.case, forecastCost: cost(n) }, version: before.version })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const after = await context.read('rte', 'epic/case/get', { issueKey });
          return unitsWhere(context.size, (n) => after.case.forecastCost === cost(n));
        },
        history: {
          matches: of(issueKey, 'epic/case/save', before.version),
          recordedBy: (entry, n) => entry.summary.endsWith(`→ ${cost(n)})`) && entry.accountId === accountOf(alternate(n)),
          versionBefore: before.version,
        },
      };
    },
  },
  {
    name: 'epic/case/save: an epic each, RTE and member',
    routes: ['epic/case/save'],
    prepare: async (context) => {
      const keys = context.epics(context.size);
      const before = await Promise.all(keys.map((issueKey) => context.read('rte', 'epic/case/get', { issueKey })));
      const cost = (n: number) => 20_000 + n;
      return {
        saves: keys.map((issueKey, n) =>
          save(alternate(n), 'epic/case/save', { issueKey, case: { ...before[n]!.case, forecastCost: cost(n) }, version: before[n]!.version }),
        ),
        landing: 'all',
        shows: 'every landed',
        group: (n) => String(n),
        shown: async () => {
          const after = await Promise.all(keys.map((issueKey) => context.read('rte', 'epic/case/get', { issueKey })));
          return unitsWhere(context.size, (n) => after[n]?.case.forecastCost === cost(n));
        },
        history: {
          matches: (entry) => entry.action === 'epic/case/save' && keys.some((key, n) => entry.subject.key === key && entry.version > (before[n]!.version ?? 0)),
          recordedBy: (entry, n) => entry.subject.key === keys[n] && entry.summary.endsWith(`→ ${cost(n)})`),
        },
      };
    },
  },
  {
    name: 'epic/case/decide: one epic, one version',
    routes: ['epic/case/decide'],
    prepare: async (context) => {
      const [issueKey] = context.epics(1) as [string];
      const before = await context.read('rte', 'epic/case/get', { issueKey });
      const decision = (n: number) => DECISIONS[n % DECISIONS.length] as (typeof DECISIONS)[number];
      return {
        saves: range(context.size).map((n) => save('rte', 'epic/case/decide', { issueKey, decision: decision(n), note: `race ${n}`, version: before.version })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const notes = (await context.read('rte', 'epic/case/get', { issueKey })).decisions.map((entry) => entry.note);
          return unitsWhere(context.size, (n) => notes.includes(`race ${n}`));
        },
        history: {
          matches: of(issueKey, 'epic/case/decide', before.version),
          recordedBy: (entry, n) => entry.changes[0]?.to === decision(n),
          versionBefore: before.version,
        },
      };
    },
  },
  {
    name: 'okrs/save: one quarter, one version',
    routes: ['okrs/save'],
    prepare: async (context) => {
      const period = context.period();
      const before = await context.read('rte', 'okrs/list', { period });
      // Save n has n + 1 objectives: its history summary names how many.
      const objectives = (n: number) => range(n + 1).map((o) => ({ id: `o-${o}`, title: `Race ${n} objective ${o}`, themeId: null, keyResults: [] }));
      return {
        saves: range(context.size).map((n) => save('rte', 'okrs/save', { period, objectives: objectives(n), version: before.version })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const titles = (await context.read('rte', 'okrs/list', { period })).objectives.map((objective) => objective.title);
          return unitsWhere(context.size, (n) => titles.includes(`Race ${n} objective 0`));
        },
        history: { matches: of(period, 'okrs/save'), recordedBy: (entry, n) => entry.summary.includes(`saved: ${n + 1} objectives`), versionBefore: before.version },
      };
    },
  },
  {
    name: 'okrs/checkin: one key result, one version, owner and RTE',
    routes: ['okrs/checkin'],
    prepare: async (context) => {
      const period = await okrQuarter(context, 2, 'Check-in race');
      // kr-1 is the member's: both may check in.
      return {
        saves: range(context.size).map((n) =>
          save(alternate(n), 'okrs/checkin', { period, objectiveId: objectiveOf(1), keyResultId: 'kr-1', value: n, confidence: n % 11, note: `race ${n}`, version: null }),
        ),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const keyResult = (await keyResultsOf(context, period)).find((candidate) => candidate.id === 'kr-1');
          const notes = keyResult?.checkIns.map((checkIn) => checkIn.note) ?? [];
          return unitsWhere(context.size, (n) => notes.includes(`race ${n}`));
        },
        history: { matches: of(period, 'okrs/checkin'), recordedBy: (entry, n) => entry.changes[0]?.to === n, versionBefore: null },
      };
    },
  },
  {
    name: 'okrs/checkin: a key result each, owner and RTE',
    routes: ['okrs/checkin'],
    prepare: async (context) => {
      const period = await okrQuarter(context, context.size, 'Check-ins race');
      // Odd key results are the member's: the member checks in on those, the RTE on the others.
      return {
        saves: range(context.size).map((n) =>
          save(alternate(n), 'okrs/checkin', { period, objectiveId: objectiveOf(n), keyResultId: `kr-${n}`, value: 50 + n, confidence: 5, note: '', version: null }),
        ),
        landing: 'all',
        shows: 'every landed',
        group: (n) => String(n),
        shown: async () => {
          const keyResults = await keyResultsOf(context, period);
          return unitsWhere(context.size, (n) => keyResults.find((candidate) => candidate.id === `kr-${n}`)?.checkIns.some((checkIn) => checkIn.value === 50 + n) === true);
        },
        history: {
          matches: (entry) => entry.action === 'okrs/checkin' && entry.subject.key === period,
          recordedBy: (entry, n) => entry.changes[0]?.to === 50 + n && entry.summary.includes(`"Check-ins race ${n}"`),
        },
      };
    },
  },
  {
    name: 'okrs/link: an epic each to one key result, RTE and member',
    routes: ['okrs/link'],
    prepare: async (context) => {
      const period = await okrQuarter(context, 1, 'Link race');
      const keys = context.epics(context.size);
      return {
        saves: keys.map((issueKey, n) => save(alternate(n), 'okrs/link', { period, keyResultId: 'kr-0', issueKeys: [issueKey], linked: true })),
        // No version named: a lost race is redone on the fresh set, and gives up with a conflict after three tries.
        landing: 'any',
        shows: 'every landed',
        shown: async () => {
          const linked = (await keyResultsOf(context, period))[0]?.epics.map((epic) => epic.key) ?? [];
          return unitsWhere(context.size, (n) => linked.includes(keys[n] as string));
        },
        history: {
          matches: (entry) => entry.action === 'okrs/link' && entry.summary.includes(`(Link race 0, ${period})`),
          recordedBy: (entry, n) => entry.subject.key === keys[n] && entry.accountId === accountOf(alternate(n)),
          versionBefore: null,
        },
      };
    },
  },
  {
    name: 'participatory/open: one quarter, one version',
    routes: ['participatory/open'],
    prepare: async (context) => {
      const period = context.period();
      const total = (n: number) => 1000 + n;
      return {
        saves: range(context.size).map((n) =>
          save('rte', 'participatory/open', { period, total: total(n), valueStreamIds: ['payments', 'mobile'], epicKeys: [], participants: null, version: null }),
        ),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const session = (await context.read('rte', 'participatory/get', { period })).session;
          return unitsWhere(context.size, (n) => session?.total === total(n));
        },
        history: { matches: of(`participatory:${period}`, 'participatory/open'), recordedBy: (entry, n) => entry.summary.includes(`opened: ${total(n)} across`), versionBefore: null },
      };
    },
  },
  {
    name: 'participatory/submit: RTE and member at once (no version: retried)',
    routes: ['participatory/submit'],
    prepare: async (context) => {
      const period = context.period();
      const opened = await context.read('rte', 'participatory/open', {
        period,
        total: 1000,
        valueStreamIds: ['payments', 'mobile'],
        epicKeys: [],
        participants: null,
        version: null,
      });
      return {
        saves: range(context.size).map((n) =>
          save(alternate(n), 'participatory/submit', { period, allocation: { payments: 100 + n, mobile: 900 - n }, rationale: `race ${n}` }),
        ),
        landing: 'any',
        // A participant's later submission replaces their earlier one.
        shows: 'last landed',
        group: alternate,
        shown: async () => {
          const { submissions } = await context.read('rte', 'participatory/get', { period });
          return unitsWhere(context.size, (n) => submissions.some((entry) => entry.accountId === accountOf(alternate(n)) && entry.rationale === `race ${n}`));
        },
        history: {
          matches: of(`participatory:${period}`, 'participatory/submit'),
          recordedBy: (entry, n) => entry.accountId === accountOf(alternate(n)),
          versionBefore: opened.version,
        },
      };
    },
  },
  {
    name: 'participatory/adopt: one session, one version',
    routes: ['participatory/adopt'],
    prepare: async (context) => {
      const period = context.period();
      await context.read('rte', 'participatory/open', { period, total: 1000, valueStreamIds: ['payments', 'mobile'], epicKeys: [], participants: null, version: null });
      const submitted = await context.read('member', 'participatory/submit', { period, allocation: { payments: 500, mobile: 500 }, rationale: '' });
      return {
        saves: range(context.size).map((n) => save('rte', 'participatory/adopt', { period, allocation: { payments: 300 + n, mobile: 700 - n }, version: submitted.version })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const [session, budget] = await Promise.all([context.read('rte', 'participatory/get', { period }), context.read('rte', 'budgets/list', { period })]);
          const payments = budget.lines.find((line) => line.valueStreamId === 'payments')?.budget;
          return unitsWhere(context.size, (n) => payments === 300 + n && session.session?.adopted?.allocation.payments === 300 + n);
        },
        // The adoption's entry is about the quarter's budget and names the budget's version.
        history: { matches: of(period, 'participatory/adopt'), recordedBy: (entry, n) => entry.summary.includes(`payments ${300 + n}, mobile ${700 - n}`), versionBefore: null },
      };
    },
  },
  {
    name: 'settings/save: one version',
    routes: ['settings/save'],
    prepare: async (context) => {
      const before = await context.read('rte', 'settings/get', {});
      const days = (n: number) => 400 + n;
      return {
        saves: range(context.size).map((n) => save('rte', 'settings/save', { settings: { ...before.settings, staleScoreDays: days(n) }, version: before.version })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const after = await context.read('rte', 'settings/get', {});
          return unitsWhere(context.size, (n) => after.settings.staleScoreDays === days(n));
        },
        history: {
          matches: (entry) => entry.action === 'settings/save' && entry.version > (before.version ?? 0),
          recordedBy: (entry, n) => entry.changes.some((change) => change.field === 'staleScoreDays' && change.to === days(n)),
          versionBefore: before.version,
        },
      };
    },
  },
  {
    name: 'themes/save: one version',
    routes: ['themes/save'],
    prepare: async (context) => {
      const before = await context.read('rte', 'themes/list', {});
      const theme = (n: number): Theme => ({ id: `race-${n}`, name: `Race ${n}`, label: `race-${n}`, targetAllocation: null, description: '', colour: 'blue', activeQuarters: [] });
      return {
        saves: range(context.size).map((n) => save('rte', 'themes/save', { themes: [...before.themes, theme(n)], version: before.version })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const ids = (await context.read('rte', 'themes/list', {})).themes.map((candidate) => candidate.id);
          return unitsWhere(context.size, (n) => ids.includes(`race-${n}`));
        },
        history: {
          matches: (entry) => entry.action === 'themes/save' && entry.version > (before.version ?? 0),
          recordedBy: (entry, n) => entry.changes.some((change) => change.field === `themes[race-${n}]`),
          versionBefore: before.version,
        },
      };
    },
  },
  {
    name: 'valueStreams/save: one version',
    routes: ['valueStreams/save'],
    prepare: async (context) => {
      const before = await context.read('rte', 'valueStreams/list', {});
      return {
        saves: range(context.size).map((n) =>
          save('rte', 'valueStreams/save', { valueStreams: [...before.valueStreams, { id: `race-${n}`, name: `Race ${n}`, projectKeys: [] }], version: before.version }),
        ),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const ids = (await context.read('rte', 'valueStreams/list', {})).valueStreams.map((stream) => stream.id);
          return unitsWhere(context.size, (n) => ids.includes(`race-${n}`));
        },
        history: {
          matches: (entry) => entry.action === 'valueStreams/save' && entry.version > (before.version ?? 0),
          recordedBy: (entry, n) => entry.changes.some((change) => change.field === `valueStreams[race-${n}]`),
          versionBefore: before.version,
        },
      };
    },
  },
  {
    name: 'guardrails/save: one version',
    routes: ['guardrails/save'],
    prepare: async (context) => {
      const before = await context.read('rte', 'guardrails/get', {});
      const threshold = (n: number) => 500_000 + n;
      return {
        saves: range(context.size).map((n) => save('rte', 'guardrails/save', { guardrails: { ...before.guardrails, approvalThreshold: threshold(n) }, version: before.version })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const after = await context.read('rte', 'guardrails/get', {});
          return unitsWhere(context.size, (n) => after.guardrails.approvalThreshold === threshold(n));
        },
        history: {
          matches: (entry) => entry.action === 'guardrails/save' && entry.version > (before.version ?? 0),
          recordedBy: (entry, n) => (entry.changes[0]?.to as { approvalThreshold?: unknown } | undefined)?.approvalThreshold === threshold(n),
          versionBefore: before.version,
        },
      };
    },
  },
  {
    name: 'epic/wsjf/save: one epic, one version, RTE and member',
    routes: ['epic/wsjf/save'],
    prepare: async (context) => {
      const [issueKey] = context.epics(1) as [string];
      const before = await context.read('rte', 'epic/wsjf/get', { issueKey });
      return {
        saves: range(context.size).map((n) => save(alternate(n), 'epic/wsjf/save', { issueKey, components: componentsFor(n), version: before.version })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const after = await context.read('rte', 'epic/wsjf/get', { issueKey });
          return unitsWhere(context.size, (n) => sameComponents(after, componentsFor(n)));
        },
        history: {
          matches: of(issueKey, 'epic/wsjf/save', before.version),
          recordedBy: (entry, n) => entry.accountId === accountOf(alternate(n)) && entry.changes.every((change) => change.to === componentsFor(n)[change.field as 'jobSize']),
          versionBefore: before.version,
        },
      };
    },
  },
  {
    name: 'epic/wsjf/save: an epic each, RTE and member',
    routes: ['epic/wsjf/save'],
    prepare: async (context) => {
      const keys = context.epics(context.size);
      const before = await Promise.all(keys.map((issueKey) => context.read('rte', 'epic/wsjf/get', { issueKey })));
      // Shifted so no save repeats what the demo stored.
      const components = (n: number) => componentsFor(n + 20);
      return {
        saves: keys.map((issueKey, n) => save(alternate(n), 'epic/wsjf/save', { issueKey, components: components(n), version: before[n]!.version })),
        landing: 'all',
        shows: 'every landed',
        group: (n) => String(n),
        shown: async () => {
          const after = await Promise.all(keys.map((issueKey) => context.read('rte', 'epic/wsjf/get', { issueKey })));
          return unitsWhere(context.size, (n) => sameComponents(after[n]!, components(n)));
        },
        history: {
          matches: (entry) => entry.action === 'epic/wsjf/save' && keys.some((key, n) => entry.subject.key === key && entry.version > (before[n]!.version ?? 0)),
          recordedBy: (entry, n) => entry.subject.key === keys[n],
        },
      };
    },
  },
  {
    name: 'portfolio/wsjf/saveMany: the same 3 epics in every save',
    routes: ['portfolio/wsjf/saveMany'],
    prepare: async (context) => {
      const keys = context.epics(3);
      const before = await Promise.all(keys.map((issueKey) => context.read('rte', 'epic/wsjf/get', { issueKey })));
      // Unit r * 3 + e is save r's entry for epic e.
      const unit = (r: number, e: number) => r * keys.length + e;
      return {
        saves: range(context.size).map((r) =>
          save(alternate(r), 'portfolio/wsjf/saveMany', {
            entries: keys.map((issueKey, e) => ({ issueKey, components: componentsFor(unit(r, e)), version: before[e]!.version })),
          }),
        ),
        units: (answers) =>
          answers.flatMap((answer): UnitOutcome[] => {
            if (!answer.ok) return keys.map(() => ({ kind: 'other', what: `${answer.error.code}: ${answer.error.message}` }));
            const { results } = (answer as Answer<{ results: { status: string; message?: string }[] }> & { ok: true }).data;
            return results.map((result) => (result.status === 'saved' ? { kind: 'landed' } : result.status === 'conflict' ? { kind: 'conflict' } : { kind: 'other', what: `${result.status}: ${result.message}` }));
          }),
        landing: 'one',
        shows: 'every landed',
        group: (u) => keys[u % keys.length] as string,
        shown: async () => {
          const after = await Promise.all(keys.map((issueKey) => context.read('rte', 'epic/wsjf/get', { issueKey })));
          return unitsWhere(context.size * keys.length, (u) => sameComponents(after[u % keys.length]!, componentsFor(u)));
        },
        history: {
          matches: (entry) => entry.action === 'epic/wsjf/save' && keys.some((key, e) => entry.subject.key === key && entry.version > (before[e]!.version ?? 0)),
          recordedBy: (entry, u) =>
            entry.subject.key === keys[u % keys.length] && entry.changes.every((change) => change.to === componentsFor(u)[change.field as 'jobSize']),
        },
      };
    },
  },
  {
    name: 'epic/case/save and epic/case/decide: one epic, one version (member edits, RTE decides)',
    routes: ['epic/case/save', 'epic/case/decide'],
    prepare: async (context) => {
      const [issueKey] = context.epics(1) as [string];
      const before = await context.read('rte', 'epic/case/get', { issueKey });
      const cost = (n: number) => 30_000 + n;
      const decision = (n: number) => DECISIONS[(n >> 1) % DECISIONS.length] as (typeof DECISIONS)[number];
      const edits = (n: number) => n % 2 === 0;
      return {
        saves: range(context.size).map((n) =>
          edits(n)
            ? save('member', 'epic/case/save', { issueKey, case: { ...before.case, forecastCost: cost(n) }, version: before.version })
            : save('rte', 'epic/case/decide', { issueKey, decision: decision(n), note: `race ${n}`, version: before.version }),
        ),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const after = await context.read('rte', 'epic/case/get', { issueKey });
          return unitsWhere(context.size, (n) => (edits(n) ? after.case.forecastCost === cost(n) : after.decisions.some((entry) => entry.note === `race ${n}`)));
        },
        history: {
          matches: (entry) => (entry.action === 'epic/case/save' || entry.action === 'epic/case/decide') && of(issueKey, entry.action, before.version)(entry),
          recordedBy: (entry, n) =>
            edits(n)
              ? entry.action === 'epic/case/save' && entry.summary.endsWith(`→ ${cost(n)})`)
              : entry.action === 'epic/case/decide' && entry.changes[0]?.to === decision(n),
          versionBefore: before.version,
        },
      };
    },
  },
  {
    name: 'budgets/save and budgets/spend/save: one quarter, one version',
    routes: ['budgets/save', 'budgets/spend/save'],
    prepare: async (context) => {
      const period = context.period();
      const created = await context.read('rte', 'budgets/save', { period, lines: STREAMS.map((stream) => ({ valueStreamId: stream.id, budget: 10_000 })), version: null });
      const month = created.months[0] as string;
      const budgets = (n: number) => n % 2 === 0;
      return {
        saves: range(context.size).map((n) =>
          budgets(n)
            ? save('rte', 'budgets/save', { period, lines: STREAMS.map((stream) => ({ valueStreamId: stream.id, budget: stream.id === 'payments' ? 5000 + n : 10_000 })), version: created.version })
            : save('rte', 'budgets/spend/save', { period, valueStreamId: 'payments', month, amount: 100 + n, note: `race ${n}`, version: created.version }),
        ),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const payments = (await context.read('rte', 'budgets/list', { period })).lines.find((line) => line.valueStreamId === 'payments');
          return unitsWhere(context.size, (n) => (budgets(n) ? payments?.budget === 5000 + n : payments?.spend.some((entry) => entry.note === `race ${n}`) === true));
        },
        history: {
          matches: (entry) => (entry.action === 'budgets/save' || entry.action === 'budgets/spend/save') && of(period, entry.action, created.version)(entry),
          recordedBy: (entry, n) => (budgets(n) ? entry.action === 'budgets/save' && entry.summary.includes(`payments ${5000 + n},`) : entry.summary.endsWith(`(race ${n})`)),
          versionBefore: created.version,
        },
      };
    },
  },
  {
    name: 'epic/wsjf/save and portfolio/wsjf/saveMany: one epic, one version, RTE and member',
    routes: ['epic/wsjf/save', 'portfolio/wsjf/saveMany'],
    prepare: async (context) => {
      const [issueKey] = context.epics(1) as [string];
      const before = await context.read('rte', 'epic/wsjf/get', { issueKey });
      const user = (n: number): RaceUser => (n % 4 < 2 ? 'rte' : 'member');
      const components = (n: number) => componentsFor(n + 30);
      return {
        saves: range(context.size).map((n) =>
          n % 2 === 0
            ? save(user(n), 'epic/wsjf/save', { issueKey, components: components(n), version: before.version })
            : save(user(n), 'portfolio/wsjf/saveMany', { entries: [{ issueKey, components: components(n), version: before.version }] }),
        ),
        units: (answers) =>
          answers.map((answer): UnitOutcome => {
            if (!answer.ok) return answer.error.code === 'conflict' ? { kind: 'conflict' } : { kind: 'other', what: `${answer.error.code}: ${answer.error.message}` };
            const { results } = answer.data as { results?: { status: string; message?: string }[] };
            if (results === undefined) return { kind: 'landed' };
            const status = results[0]?.status;
            return status === 'saved' ? { kind: 'landed' } : status === 'conflict' ? { kind: 'conflict' } : { kind: 'other', what: `${status}: ${results[0]?.message}` };
          }),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const after = await context.read('rte', 'epic/wsjf/get', { issueKey });
          return unitsWhere(context.size, (n) => sameComponents(after, components(n)));
        },
        history: {
          matches: of(issueKey, 'epic/wsjf/save', before.version),
          recordedBy: (entry, n) => entry.accountId === accountOf(user(n)) && entry.changes.every((change) => change.to === components(n)[change.field as 'jobSize']),
          versionBefore: before.version,
        },
      };
    },
  },
  {
    name: 'review/mark: one version (records no history)',
    routes: ['review/mark'],
    prepare: async (context) => {
      const before = await context.read('rte', 'review/get', {});
      const date = (n: number) => `2026-11-${String(1 + n).padStart(2, '0')}`;
      return {
        saves: range(context.size).map((n) => save('rte', 'review/mark', { date: date(n), version: before.markVersion })),
        landing: 'one',
        shows: 'every landed',
        shown: async () => {
          const after = await context.read('rte', 'review/get', {});
          return unitsWhere(context.size, (n) => after.lastReviewDate === date(n));
        },
        history: null,
      };
    },
  },
  {
    name: 'themes/assign: different themes to one epic (no version: Jira labels)',
    routes: ['themes/assign'],
    prepare: async (context) => {
      const [issueKey] = context.epics(1) as [string];
      const theme = (n: number) => THEMES[n % THEMES.length] as Theme;
      return {
        saves: range(context.size).map((n) => save('rte', 'themes/assign', { themeId: theme(n).id, issueKeys: [issueKey] })),
        units: (answers) =>
          answers.map((answer): UnitOutcome => {
            if (!answer.ok) return answer.error.code === 'conflict' ? { kind: 'conflict' } : { kind: 'other', what: `${answer.error.code}: ${answer.error.message}` };
            const [result] = (answer as Answer<{ results: { outcome: string; message: string | null }[] }> & { ok: true }).data.results;
            return result?.outcome === 'assigned' ? { kind: 'landed' } : { kind: 'other', what: `${result?.outcome}: ${result?.message}` };
          }),
        landing: 'any',
        // An epic carries one theme: the last assignment's.
        shows: 'last landed',
        shown: async () => {
          const labels = await context.driver.epicLabels(issueKey);
          return unitsWhere(context.size, (n) => labels.includes(theme(n).label) && n < THEMES.length);
        },
        history: {
          matches: (entry) => entry.action === 'themes/assign' && entry.subject.key === issueKey,
          recordedBy: (entry, n) => entry.changes[0]?.to === theme(n).id,
        },
      };
    },
  },
];
