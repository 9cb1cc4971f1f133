/**
 * "Check configuration": the domain's data-quality findings over the epics the caller can see,
 * each with a JQL that opens its epics in Jira's issue search.
 */
import type { ResolverOutput } from '../contract/resolvers';
import { configurationFindings } from '../domain/configurationCheck';
import type { ServiceContext } from './context';
import { portfolioSnapshot } from './portfolio/snapshot';

/** Keys beyond this are counted, not listed or searched (a JQL longer than a URL is of no use). */
const MAX_KEYS = 100;

export async function configurationCheck(ctx: ServiceContext): Promise<ResolverOutput<'admin/check'>> {
  const snapshot = await portfolioSnapshot(ctx);
  const findings = configurationFindings(
    snapshot.epics.map((epic) => ({
      key: epic.key,
      hasTheme: epic.theme !== null,
      scored: epic.wsjf.wsjfScore !== null,
      statusChangeCount: epic.history.statusChanges.length,
      spans: epic.timeline.spans,
      unmappedStatusIds: epic.timeline.unmappedStatuses,
    })),
    snapshot.config,
    snapshot.settings.wipLimits,
    (id) => snapshot.statusNames.get(id) ?? `Status ${id}`,
  );
  return {
    asOf: snapshot.today,
    epicCount: snapshot.epics.length,
    findings: findings.map((finding) => {
      const keys = finding.epicKeys.slice(0, MAX_KEYS);
      return {
        id: finding.id,
        severity: finding.severity,
        title: finding.title,
        detail: finding.detail,
        count: finding.subjects?.length ?? finding.epicKeys.length,
        epicKeys: keys,
        jql: keys.length === 0 ? null : `key in (${keys.join(', ')}) ORDER BY key`,
      };
    }),
  };
}
