/**
 * Which Jira issues are the portfolio's epics. SAFe sites often use a level above Jira's Epic
 * ("Initiative") or a renamed type, so the rule is a hierarchy level or a list of type ids.
 */
export type PortfolioIssueTypeRule = { readonly by: 'hierarchyLevel'; readonly level: number } | { readonly by: 'issueTypeIds'; readonly ids: readonly string[] };

export interface IssueTypeRef {
  readonly id: string;
  readonly name: string;
  /** Jira's hierarchy level (0 story, 1 epic, 2+ above); absent on old payloads. */
  readonly hierarchyLevel?: number | undefined;
}

export function isPortfolioIssueType(rule: PortfolioIssueTypeRule, type: IssueTypeRef): boolean {
  return rule.by === 'hierarchyLevel' ? type.hierarchyLevel === rule.level : rule.ids.includes(type.id);
}

/** "issue types at hierarchy level 1 (Epic)" / "the issue types with ids 10000, 10042". */
export function describePortfolioIssueType(rule: PortfolioIssueTypeRule): string {
  if (rule.by === 'issueTypeIds') return `the issue type${rule.ids.length === 1 ? '' : 's'} with id${rule.ids.length === 1 ? '' : 's'} ${rule.ids.join(', ')}`;
  const name = rule.level === 1 ? ' (Epic)' : '';
  return `issue types at hierarchy level ${rule.level}${name}`;
}
