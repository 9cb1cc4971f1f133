/** The admin page's scope check: Jira parses the JQL as the admin and, when valid, counts what it selects. */
import type { ResolverOutput } from '../contract/resolvers';
import type { ServiceContext } from './context';
import { scopeJqlErrors } from './settings';

export async function checkJql(ctx: ServiceContext, jql: string): Promise<ResolverOutput<'admin/jql/check'>> {
  const errors = await scopeJqlErrors(ctx, jql);
  if (errors.length > 0) return { errors, count: null };
  return { errors: [], count: await ctx.jira.user.approximateCount(jql) };
}
