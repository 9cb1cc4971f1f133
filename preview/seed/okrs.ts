/**
 * The demo's OKRs: objectives for the current and the previous quarter under the demo themes, key
 * results owned by the RTE and the team member, linked to demo epics (one objective with nothing in
 * flight, one key result whose epics are all done below target, so both call-outs show), a trail
 * of check-ins, and change-history entries for the last weeks, so the OKRs and Review pages have
 * content on a first start. Writes nothing when the current quarter's OKRs already exist.
 */
import type { Objective, OkrCheckIn } from '../../src/contract/documents';
import { OKR_CHECK_INS_SCHEMA_VERSION, OKR_LINKS_SCHEMA_VERSION, OKRS_SCHEMA_VERSION, REVIEW_SCHEMA_VERSION, THEMES_SCHEMA_VERSION, WSJF_PROPERTY_KEY } from '../../src/contract/documents';
import { quarterOf, toLocalDate } from '../../src/domain/calendar';
import { createServiceContext } from '../../src/services/context';
import { recordChange } from '../../src/services/history';
import { keyResultDocumentKey, okrCheckInsKind, okrLinksKind, okrsKind } from '../../src/services/okrs';
import { themesKind } from '../../src/services/themes';
import { reviewKind } from '../../src/services/review';
import { readWsjfProperty } from '../../src/services/wsjfProperty';
import { recordingLog } from '../../src/runtime/recordingLog';
import { demoUser, ISSUE_TYPE_IDS, STATUS_IDS } from '../demo-jira';
import type { DemoIssue } from '../demo-jira';
import type { DemoSeedContext } from './index';

const DAY = 86_400_000;
const RTE = demoUser('rte');
const MEMBER = demoUser('member');
const person = (user: typeof RTE) => ({ accountId: user.accountId, displayName: user.displayName });

function previousQuarter(period: string): string {
  const index = Number(period.slice(0, 4)) * 4 + Number(period.slice(6)) - 2;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

function quarterStart(period: string): number {
  return Date.UTC(Number(period.slice(0, 4)), (Number(period.slice(6)) - 1) * 3, 1);
}

/** A key result's plan: where it starts, where it should go, and how far it has come. */
interface KeyResultPlan {
  readonly keyResult: Objective['keyResults'][number];
  /** Share of the way from baseline to target reached by the last check-in. */
  readonly reached: number;
  readonly confidences: readonly number[];
  readonly epics: readonly DemoIssue[];
}

interface ObjectivePlan {
  readonly id: string;
  readonly title: string;
  readonly themeId: string;
  readonly keyResults: readonly KeyResultPlan[];
}

function keyResult(
  id: string,
  title: string,
  metric: string,
  values: { baseline: number; target: number; unit: string; weight?: number },
  owner: typeof RTE,
): Objective['keyResults'][number] {
  return { id, title, metric, ...values, current: values.baseline, owner: person(owner), confidence: 5 };
}

/** Epics of a theme in a status, from the projects given, in key order. */
function epicsWhere(epics: readonly DemoIssue[], theme: string, statusId: string, projectIds: readonly string[]): DemoIssue[] {
  return epics.filter((epic) => epic.labels.includes(`theme-${theme}`) && epic.statusId === statusId && projectIds.includes(epic.projectId));
}

const NOTES = ['Baseline measured', 'First release to 10% of traffic', 'Rolled out to all markets', 'Blocked on the provider contract', 'Steady; next step planned', 'Measured after the release'];

/** Check-ins every two weeks from the quarter's start to `until`, moving evenly to `reached`. */
function trail(plan: KeyResultPlan, from: number, until: number, owner: { accountId: string; displayName: string }): OkrCheckIn[] {
  const { baseline, target } = plan.keyResult;
  const times: number[] = [];
  for (let at = from + 3 * DAY; at <= until - DAY; at += 14 * DAY) times.push(at);
  return times.map((at, index) => {
    const share = times.length === 1 ? plan.reached : (plan.reached * (index + 1)) / times.length;
    const value = Math.round((baseline + (target - baseline) * share) * 10) / 10;
    return { at, by: owner, value, confidence: plan.confidences[index % plan.confidences.length] ?? 5, note: NOTES[index % NOTES.length] ?? '' };
  });
}

function plans(epics: readonly DemoIssue[], projectIds: Record<string, string>): { current: ObjectivePlan[]; previous: ObjectivePlan[] } {
  const visible = [projectIds.PAY, projectIds.MOB, projectIds.PLT].filter((id): id is string => id !== undefined);
  const all = Object.values(projectIds);
  const implementing = (theme: string, projects = visible) => epicsWhere(epics, theme, STATUS_IDS.implementing, projects);
  const done = (theme: string, projects = visible) => epicsWhere(epics, theme, STATUS_IDS.done, projects);
  const waiting = (theme: string) => [...epicsWhere(epics, theme, STATUS_IDS.portfolioBacklog, all), ...epicsWhere(epics, theme, STATUS_IDS.analyzing, all)];
  const datOnly = projectIds.DAT === undefined ? [] : [projectIds.DAT];
  return {
    current: [
      {
        id: 'instant-payouts',
        title: 'Customers get paid out instantly',
        themeId: 'growth',
        keyResults: [
          {
            keyResult: keyResult('payout-time', 'Payout time', 'Median time from sale to payout', { baseline: 48, target: 4, unit: 'h', weight: 2 }, MEMBER),
            reached: 0.55,
            confidences: [5, 6, 7, 7],
            epics: [...implementing('growth').slice(0, 2), ...done('growth').slice(0, 1)],
          },
          {
            keyResult: keyResult('checkout-conversion', 'Checkout conversion', 'Share of started checkouts completed', { baseline: 2.1, target: 3, unit: '%' }, RTE),
            reached: 0.35,
            confidences: [6, 5, 4, 5],
            epics: [...implementing('growth', all).filter((epic) => epic.projectId !== projectIds.DAT).slice(2, 3), ...waiting('growth').slice(0, 1)],
          },
        ],
      },
      {
        id: 'platform-teams-build-on',
        title: 'A platform the teams build on',
        themeId: 'platform',
        keyResults: [
          {
            keyResult: keyResult('deploys-per-week', 'Deploys per week', 'Production deploys per week, all teams', { baseline: 3, target: 15, unit: '' }, RTE),
            reached: 0.4,
            confidences: [7, 6, 5, 4],
            // All done, still below target: "outputs delivered, outcome not reached".
            epics: done('platform').slice(0, 2),
          },
          {
            keyResult: keyResult('incident-recovery', 'Incident recovery time', 'Mean time to restore service', { baseline: 240, target: 60, unit: 'min' }, MEMBER),
            reached: 0.2,
            confidences: [4, 4, 3, 3],
            // Waiting in the backlog: nothing toward this objective is in flight.
            epics: waiting('platform').slice(0, 1),
          },
        ],
      },
      {
        id: 'audit-ready',
        title: 'Audit-ready by design',
        themeId: 'compliance',
        keyResults: [
          {
            keyResult: keyResult('controls-automated', 'Controls automated', 'Share of controls checked by pipelines', { baseline: 20, target: 80, unit: '%' }, MEMBER),
            reached: 0.6,
            confidences: [6, 7, 8, 8],
            // One DAT epic: the team member (who cannot browse DAT) neither sees nor counts it.
            epics: [...implementing('compliance').slice(0, 1), ...implementing('compliance', datOnly).slice(0, 1), ...implementing('growth', datOnly).slice(0, 1)],
          },
          {
            keyResult: keyResult('open-findings', 'Open audit findings', 'Findings from the last external audit still open', { baseline: 14, target: 0, unit: '' }, RTE),
            reached: 0.5,
            confidences: [5, 5, 6, 6],
            epics: done('compliance').slice(0, 1),
          },
        ],
      },
    ],
    previous: [
      {
        id: 'mobile-checkout',
        title: 'Checkout that works on every phone',
        themeId: 'growth',
        keyResults: [
          {
            keyResult: keyResult('mobile-conversion', 'Mobile conversion', 'Completed checkouts on mobile', { baseline: 1.4, target: 2.2, unit: '%' }, MEMBER),
            reached: 0.85,
            confidences: [5, 6, 7, 8, 8, 8, 9],
            epics: done('growth').slice(1, 3),
          },
        ],
      },
      {
        id: 'reliable-core',
        title: 'A reliable core',
        themeId: 'platform',
        keyResults: [
          {
            keyResult: keyResult('uptime', 'Availability', 'Monthly availability of the payment API', { baseline: 99.5, target: 99.95, unit: '%' }, RTE),
            reached: 1,
            confidences: [6, 7, 8, 9, 9, 10, 10],
            epics: done('platform').slice(2, 3),
          },
        ],
      },
    ],
  };
}

const DEMO_THEMES = [
  { id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: 0.5, description: 'New customers and markets.' },
  { id: 'platform', name: 'Platform', label: 'theme-platform', targetAllocation: 0.3, description: 'What every team builds on.' },
  { id: 'compliance', name: 'Compliance', label: 'theme-compliance', targetAllocation: 0.2, description: 'Regulation and audits.' },
];

export async function seedOkrs({ store, data }: DemoSeedContext): Promise<void> {
  const now = data.generatedAt;
  const current = quarterOf(toLocalDate(now));
  if (await store.get(okrsKind.collection, current)) return;
  // The strategy seeder runs first at merge; on its own this seeder needs the themes it names.
  if (!(await store.get(themesKind.collection, 'themes'))) await store.put(themesKind.collection, 'themes', { schemaVersion: THEMES_SCHEMA_VERSION, themes: DEMO_THEMES }, null);

  const epics = data.issues.filter((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic);
  const projectIds = Object.fromEntries(data.projects.map((project) => [project.key, project.id]));
  const { current: currentPlans, previous: previousPlans } = plans(epics, projectIds);
  let clock = now;
  const ctx = createServiceContext({ jira: undefined as never, store, clock: { now: () => clock }, log: recordingLog(), accountId: RTE.accountId, cacheFreshMs: 0 });
  const asUser = (accountId: string, at: number) => {
    clock = at;
    return { ...ctx, accountId };
  };
  const recent = now - 42 * DAY;

  for (const [period, objectivePlans, until] of [
    [previousQuarter(current), previousPlans, quarterStart(current)],
    [current, currentPlans, now],
  ] as const) {
    const from = quarterStart(period);
    const objectives: Objective[] = objectivePlans.map((plan) => ({ id: plan.id, title: plan.title, themeId: plan.themeId, keyResults: plan.keyResults.map((kr) => kr.keyResult) }));
    await store.put(okrsKind.collection, period, { schemaVersion: OKRS_SCHEMA_VERSION, period, objectives }, null);
    if (from + 2 * DAY >= recent)
      await recordChange(asUser(RTE.accountId, from + 2 * DAY), {
        action: 'okrs/save',
        subject: { kind: 'okrs', key: period },
        version: 1,
        summary: `OKRs ${period} saved: ${objectives.length} objectives, ${objectives.reduce((sum, o) => sum + o.keyResults.length, 0)} key results`,
        changes: [],
      });
    for (const objective of objectivePlans)
      for (const plan of objective.keyResults) {
        const key = keyResultDocumentKey(period, objective.id, plan.keyResult.id);
        const owner = plan.keyResult.owner ?? person(RTE);
        const checkIns = trail(plan, from, until, owner);
        await store.put(okrCheckInsKind.collection, key, { schemaVersion: OKR_CHECK_INS_SCHEMA_VERSION, period, objectiveId: objective.id, keyResultId: plan.keyResult.id, checkIns }, null);
        await store.put(okrLinksKind.collection, key, { schemaVersion: OKR_LINKS_SCHEMA_VERSION, period, objectiveId: objective.id, keyResultId: plan.keyResult.id, issueKeys: plan.epics.map((epic) => epic.key) }, null);
        let before = plan.keyResult.current;
        for (const checkIn of checkIns) {
          if (checkIn.at >= recent)
            await recordChange(asUser(owner.accountId, checkIn.at), {
              action: 'okrs/checkin',
              subject: { kind: 'okrs', key: period },
              version: 1,
              summary: `Check-in on "${plan.keyResult.title}": ${before ?? '—'} → ${checkIn.value}${plan.keyResult.unit ? ` ${plan.keyResult.unit}` : ''}, confidence ${String(checkIn.confidence)}/10 — ${checkIn.note}`,
              changes: [{ field: 'current', from: before, to: checkIn.value }],
            });
          before = checkIn.value;
        }
        if (period === current)
          for (const [index, epic] of plan.epics.entries())
            await recordChange(asUser(RTE.accountId, now - (20 - index) * DAY), {
              action: 'okrs/link',
              subject: { kind: 'epic', key: epic.key, issueId: epic.id },
              version: index + 1,
              summary: `Linked to key result "${plan.keyResult.title}" (${objective.title}, ${period})`,
              changes: [],
            });
      }
  }

  // The last portfolio sync four weeks ago: the Review page starts there.
  if (!(await store.get(reviewKind.collection, 'portfolio')))
    await store.put(reviewKind.collection, 'portfolio', { schemaVersion: REVIEW_SCHEMA_VERSION, lastReviewDate: toLocalDate(now - 28 * DAY), markedBy: RTE.accountId, markedAt: now - 28 * DAY }, null);

  // Three re-scorings in the last weeks: the entries name the job size the epics had before.
  const scored = epics.filter((epic) => epic.statusId !== STATUS_IDS.done && readWsjfProperty(epic.properties[WSJF_PROPERTY_KEY]).wsjfScore !== null).slice(0, 3);
  for (const [index, epic] of scored.entries()) {
    const { components } = readWsjfProperty(epic.properties[WSJF_PROPERTY_KEY]);
    // Two steps up the scale (from the largest, one down): the epic was scored bigger before it was split.
    const scale = [1, 2, 3, 5, 8, 13, 20];
    const at = scale.indexOf(components.jobSize ?? 1);
    const before = at >= scale.length - 1 ? 13 : scale[Math.min(at + 2, scale.length - 1)];
    await recordChange(asUser(RTE.accountId, now - (12 - 3 * index) * DAY), {
      action: 'epic/wsjf/save',
      subject: { kind: 'epic', key: epic.key, issueId: epic.id },
      version: 2,
      summary: `${epic.key}: job size ${before} → ${components.jobSize ?? '—'} after splitting the epic`,
      changes: [{ field: 'jobSize', from: before, to: components.jobSize }],
    });
  }
}
