/**
 * The demo's strategy documents: themes with targets, the four value streams, budgets for the
 * current and previous quarter with monthly spend (Data & Analytics over budget), guardrails with
 * one breach (enablers above their target), lean business cases on the bigger open epics (the
 * committed ones approved; one waiting above the threshold without a go) and a participatory
 * budgeting session for the current quarter with a submission from each demo user.
 * Deterministic for a demo portfolio; documents that exist already are left alone.
 */
import {
  BUDGET_SCHEMA_VERSION,
  BUSINESS_CASE_SCHEMA_VERSION,
  GUARDRAILS_SCHEMA_VERSION,
  PARTICIPATORY_SCHEMA_VERSION,
  THEMES_SCHEMA_VERSION,
  VALUE_STREAMS_SCHEMA_VERSION,
  type BudgetDocument,
  type BusinessCaseDocument,
  type GuardrailsDocument,
  type ParticipatoryDocument,
  type ThemesDocument,
  type ValueStreamsDocument,
} from '../../src/contract/documents';
import { monthsOfQuarter, previousQuarter } from '../../src/domain/budget';
import { quarterOf, toLocalDate } from '../../src/domain/calendar';
import { ConflictError } from '../../src/errors';
import type { StorePort } from '../../src/ports';
import { ISSUE_TYPE_IDS, STATUS_IDS, WSJF_PROPERTY_KEY, type DemoData, type DemoIssue } from '../demo-jira/model';
import type { DemoSeedContext } from './index';

const DAY = 86_400_000;
export const DEMO_APPROVAL_THRESHOLD = 250_000;

/** Creates the document unless it exists (a restart keeps what users changed). */
async function create(store: StorePort, collection: string, key: string, value: unknown): Promise<void> {
  try {
    await store.put(collection, key, value, null);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

const THEMES: ThemesDocument = {
  schemaVersion: THEMES_SCHEMA_VERSION,
  themes: [
    { id: 'growth', name: 'Grow digital revenue', label: 'theme-growth', targetAllocation: 0.5, colour: 'green', activeQuarters: [], description: 'New markets, checkout conversion and mobile-first customers.' },
    { id: 'platform', name: 'Modern platform', label: 'theme-platform', targetAllocation: 0.3, colour: 'blue', activeQuarters: [], description: 'Cloud migration, shared services and developer speed.' },
    { id: 'compliance', name: 'Trust & compliance', label: 'theme-compliance', targetAllocation: 0.2, colour: 'orange', activeQuarters: [], description: 'PSD3, GDPR and audit readiness.' },
  ],
};

const VALUE_STREAMS: ValueStreamsDocument = {
  schemaVersion: VALUE_STREAMS_SCHEMA_VERSION,
  valueStreams: [
    { id: 'payments', name: 'Payments', projectKeys: ['PAY'] },
    { id: 'mobile', name: 'Mobile Experience', projectKeys: ['MOB'] },
    { id: 'data', name: 'Data & Analytics', projectKeys: ['DAT'] },
    { id: 'platform', name: 'Platform', projectKeys: ['PLT'] },
  ],
};

const GUARDRAILS: GuardrailsDocument = {
  schemaVersion: GUARDRAILS_SCHEMA_VERSION,
  investmentTypes: [
    { id: 'business', name: 'Business', target: 0.6 },
    { id: 'enabler', name: 'Enabler', target: 0.25 },
    { id: 'maintenance', name: 'Maintenance', target: 0.15 },
  ],
  tolerance: 0.1,
  approvalThreshold: DEMO_APPROVAL_THRESHOLD,
  approvalThresholdByValueStream: {},
};

/** Quarterly budget per stream, and how much of a month's share each stream spends (1 = on plan). */
const STREAM_PLAN: readonly { id: string; budget: number; previousBudget: number; pace: number; notes: readonly string[] }[] = [
  { id: 'payments', budget: 900_000, previousBudget: 850_000, pace: 0.95, notes: ['Team costs', 'Team costs + PSP fees', 'Team costs'] },
  { id: 'mobile', budget: 600_000, previousBudget: 650_000, pace: 0.9, notes: ['Two squads', 'Two squads, design agency', 'Two squads'] },
  { id: 'data', budget: 450_000, previousBudget: 400_000, pace: 1.6, notes: ['Warehouse licences (annual)', 'Contractors for the lakehouse', 'Contractors'] },
  { id: 'platform', budget: 750_000, previousBudget: 700_000, pace: 0.85, notes: ['Cloud run costs', 'Cloud run costs + migration', 'Cloud run costs'] },
];

function budgetDocument(period: string, monthsSpent: number, previous: boolean): BudgetDocument {
  const months = monthsOfQuarter(period);
  return {
    schemaVersion: BUDGET_SCHEMA_VERSION,
    period,
    lines: STREAM_PLAN.map((plan) => {
      const budget = previous ? plan.previousBudget : plan.budget;
      // Last quarter came in close to plan; this quarter Data runs hot.
      const pace = previous ? Math.min(plan.pace, 1.02) : plan.pace;
      return {
        valueStreamId: plan.id,
        budget,
        spend: months.slice(0, monthsSpent).map((month, index) => ({
          month,
          amount: Math.round(((budget / 3) * pace * (index === 1 ? 1.08 : 0.96)) / 1_000) * 1_000,
          note: plan.notes[index] ?? '',
        })),
      };
    }),
  };
}

const isEpic = (issue: DemoIssue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic;

function jobSizeOf(issue: DemoIssue): number {
  const wsjf = issue.properties[WSJF_PROPERTY_KEY] as { jobSize?: unknown } | undefined;
  return typeof wsjf?.jobSize === 'number' ? wsjf.jobSize : 0;
}

const PROJECT_CUSTOMERS: Record<string, { customers: string; need: string }> = {
  '10000': { customers: 'merchants in our core markets', need: 'want to be paid out faster and cheaper' },
  '10001': { customers: 'app users on the go', need: 'expect to do everything from their phone' },
  '10002': { customers: 'product and finance teams', need: 'decide from reports that are days old' },
  '10003': { customers: 'our delivery teams', need: 'wait weeks for environments and releases' },
};

/** Cases on the open epics with the largest job sizes; costs grow with job size. */
function businessCases(data: DemoData, rte: string): { issue: DemoIssue; document: BusinessCaseDocument }[] {
  const open = data.issues.filter((issue) => isEpic(issue) && issue.statusId !== STATUS_IDS.done && jobSizeOf(issue) >= 8);
  // Every epic in progress has a case (the budget forecast needs its cost); the bigger waiting ones too.
  const committed = data.issues.filter((issue) => isEpic(issue) && issue.statusId === STATUS_IDS.implementing).slice(0, 30);
  const waiting = open.filter((issue) => issue.statusId === STATUS_IDS.portfolioBacklog || issue.statusId === STATUS_IDS.analyzing).slice(0, 8);
  const chosen = [...committed, ...waiting].map((issue, index) => {
    const isCommitted = issue.statusId === STATUS_IDS.implementing;
    // Committed epics carry most of the cost; the first waiting epic is the one above the threshold without a go.
    const aboveWithoutGo = !isCommitted && index === committed.length;
    const base = Math.max(3, jobSizeOf(issue)) * (isCommitted ? 12_000 : 14_000) + (index % 5) * 9_000;
    const forecastCost = aboveWithoutGo ? 420_000 : isCommitted ? base : Math.min(base, DEMO_APPROVAL_THRESHOLD - 10_000 * (index % 3));
    return { issue, index, isCommitted, aboveWithoutGo, forecastCost, enabler: issue.labels.includes('enabler') };
  });
  // Enablers come from the labels; the smallest business epics are maintenance up to about 8% of the
  // cost, so only the enabler guardrail is breached (enablers run well above their 25% target).
  const totalCost = chosen.reduce((sum, entry) => sum + entry.forecastCost, 0);
  const maintenance = new Set<string>();
  let maintenanceCost = 0;
  for (const entry of chosen.filter((candidate) => !candidate.enabler && !candidate.aboveWithoutGo).sort((a, b) => a.forecastCost - b.forecastCost)) {
    if (maintenanceCost + entry.forecastCost > 0.08 * totalCost) break;
    maintenance.add(entry.issue.id);
    maintenanceCost += entry.forecastCost;
  }
  return chosen.map(({ issue, index, isCommitted, aboveWithoutGo, forecastCost, enabler }) => {
    const investmentType = enabler ? 'enabler' : maintenance.has(issue.id) ? 'maintenance' : 'business';
    const customers = PROJECT_CUSTOMERS[issue.projectId] ?? { customers: 'our customers', need: 'need a better way' };
    const decidedAt = data.generatedAt - (40 - index) * DAY;
    const decision = isCommitted
      ? { decision: 'go' as const, note: 'Hypothesis and MVP agreed in the portfolio sync', accountId: rte, at: decidedAt }
      : aboveWithoutGo
        ? { decision: 'pivot' as const, note: 'Cut the MVP to one market before we commit', accountId: rte, at: decidedAt }
        : index % 2 === 0
          ? { decision: 'go' as const, note: 'Below threshold, approved with the backlog review', accountId: rte, at: decidedAt }
          : null;
    const document: BusinessCaseDocument = {
      schemaVersion: BUSINESS_CASE_SCHEMA_VERSION,
      issueId: issue.id,
      case: {
        hypothesis: {
          forCustomers: customers.customers,
          who: customers.need,
          solution: issue.summary,
          isA: enabler ? 'platform capability' : 'customer-facing feature set',
          that: enabler ? 'lets teams ship this safely and fast' : 'turns that need into repeat business',
          unlike: 'today’s manual workaround',
          ourSolution: 'is measured from the first release and grown only on evidence',
        },
        businessOutcomes: [enabler ? 'Lead time for changes halves' : 'Conversion +3 pts in pilot markets', 'Support contacts on this topic −20%'],
        leadingIndicators: [enabler ? 'Deployments per week per team' : 'Weekly active users of the MVP', 'Time to first value under 2 days'],
        mvp: `A thin slice of “${issue.summary}” for one pilot group, measured for six weeks.`,
        mvpCost: Math.round(forecastCost * 0.25),
        forecastCost,
        investmentType,
      },
      decision,
      decisions: decision === null ? [] : [decision],
    };
    return { issue, document };
  });
}

function participatorySession(period: string, data: DemoData): ParticipatoryDocument {
  const rte = data.users.find((user) => user.name === 'rte');
  const member = data.users.find((user) => user.name === 'member');
  const at = data.generatedAt - 3 * DAY;
  const submission = (user: typeof rte, allocation: Record<string, number>, rationale: string, offset: number) => ({
    accountId: user?.accountId ?? 'unknown',
    displayName: user?.displayName ?? null,
    allocation,
    rationale,
    at: at + offset,
  });
  return {
    schemaVersion: PARTICIPATORY_SCHEMA_VERSION,
    period,
    total: 2_700_000,
    valueStreamIds: ['payments', 'mobile', 'data', 'platform'],
    epicKeys: [],
    participants: [rte?.accountId ?? '', member?.accountId ?? ''].filter((id) => id !== ''),
    openedBy: rte?.accountId ?? 'unknown',
    openedAt: at - 2 * DAY,
    submissions: [
      submission(rte, { payments: 950_000, mobile: 550_000, data: 400_000, platform: 800_000 }, 'Payments carries the growth theme; platform migration must finish this quarter.', 0),
      submission(member, { payments: 800_000, mobile: 750_000, data: 500_000, platform: 650_000 }, 'Mobile is where our customers are; data needs more than last quarter to stop overspending.', 3_600_000),
    ],
    adopted: null,
  };
}

export async function seedStrategy({ store, data }: DemoSeedContext): Promise<void> {
  const rte = data.users.find((user) => user.name === 'rte')?.accountId ?? 'unknown';
  const today = toLocalDate(data.generatedAt, 'UTC');
  const current = quarterOf(today);
  // The months of this quarter already closed have spend; in its first month, that month so far.
  const monthsSpent = Math.max(1, monthsOfQuarter(current).filter((month) => month < today.slice(0, 7)).length);
  await create(store, 'themes', 'themes', THEMES);
  await create(store, 'valueStreams', 'valueStreams', VALUE_STREAMS);
  await create(store, 'guardrails', 'portfolio', GUARDRAILS);
  await create(store, 'budgets', previousQuarter(current), budgetDocument(previousQuarter(current), 3, true));
  await create(store, 'budgets', current, budgetDocument(current, monthsSpent, false));
  for (const { issue, document } of businessCases(data, rte)) await create(store, 'businessCases', issue.id, document);
  await create(store, 'participatory', current, participatorySession(current, data));
}
