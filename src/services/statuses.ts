/** Jira's statuses with the state each maps to, for the admin page's mapping editor. */
import type { ResolverOutput } from '../contract/resolvers';
import { stateForStatus } from '../domain/states';
import type { ServiceContext } from './context';
import { portfolioConfigOf, settingsOf } from './settings';

export async function statusesWithStates(ctx: ServiceContext): Promise<ResolverOutput<'admin/statuses'>> {
  const [statuses, { settings }] = await Promise.all([ctx.jira.user.getStatuses(), settingsOf(ctx)]);
  const config = portfolioConfigOf(settings, statuses);
  return {
    mappingByName: settings.mapping === null,
    statuses: statuses.map((status) => ({
      id: status.id,
      name: status.name,
      category: status.statusCategory?.key ?? null,
      state: stateForStatus(config, status.id),
    })),
  };
}
