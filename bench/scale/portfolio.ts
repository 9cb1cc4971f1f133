/**
 * The scale scenarios' portfolio: the demo Jira's seeded portfolio (bench/portfolio.ts) with each
 * epic's history padded to about 20 status changes, as the issue asks. The generator's walk gives
 * about 4 (Funnel to Done, a few back-steps); a long-lived portfolio's epics also go On Hold and
 * come back. The padding adds exactly that: pairs "X → On Hold" then "On Hold → X" inside a span
 * the epic spent in X (never Done). On Hold maps to no portfolio state, so the state dates, the
 * board and the flow metrics stay those of the generated portfolio, while every layer that reads
 * history (bulkfetch pages, the cache's chunks, timelines) carries the realistic volume.
 */
import type { EpochMillis } from '../../src/domain/calendar';
import { seededRandom } from '../../src/domain/stats';
import { demoUser, ISSUE_TYPE_IDS, STATUS_IDS } from '../../preview/demo-jira';
import type { DemoData, DemoIssue } from '../../preview/demo-jira';
import { statusItems } from '../../preview/demo-jira/model';
import type { DemoHistory } from '../../preview/demo-jira/model';
import { BENCH_NOW, demoPortfolio } from '../portfolio';

export const STATUS_CHANGES_PER_EPIC = 20;
const CHURN_SEED = 7;
const HOUR_MS = 3_600_000;

interface Span {
  readonly statusId: string;
  readonly from: EpochMillis;
  readonly to: EpochMillis;
}

const isStatusChange = (history: DemoHistory): boolean => history.items.some((item) => item.fieldId === 'status');

/** The spans an epic spent in each status, from creation to `now`. */
function statusSpans(issue: DemoIssue, now: EpochMillis): Span[] {
  const changes = issue.histories.filter(isStatusChange);
  const first = changes[0]?.items.find((item) => item.fieldId === 'status');
  let statusId = first?.from ?? issue.statusId;
  let from = issue.created;
  const spans: Span[] = [];
  for (const change of changes) {
    spans.push({ statusId, from, to: change.created });
    statusId = change.items.find((item) => item.fieldId === 'status')?.to ?? statusId;
    from = change.created;
  }
  spans.push({ statusId, from, to: now });
  return spans;
}

/** Pairs of On Hold round trips, spread over the epic's non-Done spans in proportion to their length. */
function churnHistories(issue: DemoIssue, pairs: number, now: EpochMillis, rng: () => number, nextId: () => string): DemoHistory[] {
  const spans = statusSpans(issue, now).filter(
    (span) => span.statusId !== STATUS_IDS.done && span.statusId !== STATUS_IDS.onHold && span.to - span.from > 4 * HOUR_MS,
  );
  const total = spans.reduce((sum, span) => sum + (span.to - span.from), 0);
  if (spans.length === 0 || pairs === 0) return [];
  const author = demoUser('rte').accountId;
  const added: DemoHistory[] = [];
  let left = pairs;
  spans.forEach((span, index) => {
    const share = index === spans.length - 1 ? left : Math.min(left, Math.round((pairs * (span.to - span.from)) / total));
    left -= share;
    // Each pair gets its own slot of the span, so round trips never overlap one another.
    const slot = (span.to - span.from) / Math.max(1, share);
    for (let i = 0; i < share; i++) {
      const slotStart = span.from + i * slot;
      const away = Math.floor(slotStart + slot * (0.2 + 0.3 * rng()));
      const back = Math.floor(slotStart + slot * (0.6 + 0.3 * rng()));
      if (back <= away + 1) continue;
      added.push({ id: nextId(), authorAccountId: author, created: away, items: statusItems(span.statusId, STATUS_IDS.onHold) });
      added.push({ id: nextId(), authorAccountId: author, created: back, items: statusItems(STATUS_IDS.onHold, span.statusId) });
    }
  });
  return added;
}

/** The portfolio with about `STATUS_CHANGES_PER_EPIC` status changes on every epic. */
export function scalePortfolio(epics: number): DemoData {
  const data = demoPortfolio(epics);
  const rng = seededRandom(CHURN_SEED);
  // A reduce, not Math.max(...ids): hundreds of thousands of arguments overflow the stack.
  let lastId = data.issues.reduce((max, issue) => issue.histories.reduce((m, history) => Math.max(m, Number(history.id)), max), 0);
  const nextId = () => String(++lastId);
  const issues = data.issues.map((issue): DemoIssue => {
    if (issue.issueTypeId !== ISSUE_TYPE_IDS.epic) return issue;
    const existing = issue.histories.filter(isStatusChange).length;
    const pairs = Math.max(0, Math.floor((STATUS_CHANGES_PER_EPIC - existing) / 2));
    const added = churnHistories(issue, pairs, BENCH_NOW, rng, nextId);
    if (added.length === 0) return issue;
    const histories = [...issue.histories, ...added].sort((a, b) => a.created - b.created);
    return { ...issue, histories, updated: Math.max(issue.updated, histories[histories.length - 1]?.created ?? issue.updated) };
  });
  return { ...data, issues };
}

/** The epic the panel and the issue-updated event use: the first one in Implementing (in scope, visible to the RTE). */
export function sampleEpic(data: DemoData): { id: string; key: string } {
  const epic =
    data.issues.find((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic && issue.statusId === STATUS_IDS.implementing) ??
    data.issues.find((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic);
  if (epic === undefined) throw new Error('the portfolio has no epic');
  return { id: epic.id, key: epic.key };
}

/** Average status changes per epic: the figure the report prints beside the sizes. */
export function statusChangesPerEpic(data: DemoData): number {
  const epics = data.issues.filter((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic);
  return epics.reduce((sum, epic) => sum + epic.histories.filter(isStatusChange).length, 0) / Math.max(1, epics.length);
}
