/**
 * A Jira REST path with its parameters kept apart from the literal text, so each transport can
 * escape them its own way: the Forge transport hands them to `route` from @forge/api, the HTTP
 * transport encodes them itself. Build one with the `jiraPath` tagged template:
 * `jiraPath\`/rest/api/3/issue/${key}/transitions\``.
 */
export interface JiraPath {
  /** The literal parts; always one more than `params`. */
  readonly literals: readonly string[];
  /** Raw (unescaped) parameter values, in order. */
  readonly params: readonly string[];
}

export function jiraPath(strings: TemplateStringsArray, ...params: string[]): JiraPath {
  return { literals: [...strings], params };
}

/** The path as text, each parameter passed through `escape` (the HTTP transport uses encodeURIComponent). */
export function renderJiraPath(path: JiraPath, escape: (param: string) => string = (param) => param): string {
  return path.literals.reduce((text, literal, index) => {
    const param = path.params[index];
    return text + literal + (param === undefined ? '' : escape(param));
  }, '');
}
