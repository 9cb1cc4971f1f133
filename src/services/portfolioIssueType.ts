/**
 * Whether an issue is of the portfolio's issue type (settings.portfolioIssueType), asked of Jira
 * as the caller. The issue panel shows on more types than that (see the manifest), and a page can
 * send any key: every epic resolver checks again here.
 */
import type { JiraIssue } from '../contract/jira';
import { describePortfolioIssueType, isPortfolioIssueType } from '../domain/portfolioIssueType';
import { InvalidInputError, NotFoundError } from '../errors';
import type { ServiceContext } from './context';
import { settingsOf } from './settings';

export interface IssueTypeVerdict {
  readonly issue: JiraIssue;
  readonly isPortfolioEpic: boolean;
  readonly issueType: string;
  readonly expected: string;
}

/** Once per request and key; an issue the caller cannot see is "not found", whether it exists or not. */
export function issueTypeVerdict(ctx: ServiceContext, issueKey: string): Promise<IssueTypeVerdict> {
  return ctx.memo(`issue-type:${issueKey}`, async () => {
    const [{ settings }, issue] = await Promise.all([
      settingsOf(ctx),
      ctx.jira.user.getIssue(issueKey, ['issuetype']).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new NotFoundError(`Epic ${issueKey} was not found in the portfolio.`, { cause: error });
        throw error;
      }),
    ]);
    const type = issue.fields.issuetype;
    return {
      issue,
      isPortfolioEpic: type !== undefined && isPortfolioIssueType(settings.portfolioIssueType, type),
      issueType: type?.name ?? 'an issue of unknown type',
      expected: describePortfolioIssueType(settings.portfolioIssueType),
    };
  });
}

/** Refuses a call about an issue that is not a portfolio epic (a story, a bug, a task). */
export async function requirePortfolioEpicType(ctx: ServiceContext, issueKey: string): Promise<void> {
  const verdict = await issueTypeVerdict(ctx, issueKey);
  if (!verdict.isPortfolioEpic) {
    throw new InvalidInputError(`${issueKey} is a ${verdict.issueType}, not a portfolio epic: the portfolio's epics are ${verdict.expected}.`);
  }
}
