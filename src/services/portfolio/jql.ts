/** Composing the scope JQL with the clauses the cache refresh adds. */

const ORDER_BY = /\border\s+by\b(?=(?:[^"]*"[^"]*")*[^"]*$)[\s\S]*$/i;

/** The scope without its ORDER BY (an ORDER BY inside a quoted string is kept). */
export function scopeWhere(scopeJql: string): string {
  return scopeJql.replace(ORDER_BY, '').trim();
}

const OUTSIDE_QUOTES = '(?=(?:[^"]*"[^"]*")*[^"]*$)';
const OR_WORD = new RegExp(`\\bor\\b${OUTSIDE_QUOTES}`, 'i');

/**
 * `where AND clause`. AND binds tighter than OR, so only a scope with an OR needs parentheses;
 * leaving them out otherwise keeps the query inside the JQL subset simple servers understand.
 */
export function andJql(where: string, clause: string): string {
  if (where === '') return clause;
  return OR_WORD.test(where) ? `(${where}) AND ${clause}` : `${where} AND ${clause}`;
}

/** Epics updated in the last `minutes` minutes (relative JQL: no time-zone question). */
export function updatedWithinMinutes(minutes: number): string {
  return `updated >= -${Math.max(1, Math.ceil(minutes))}m`;
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

/** `key in (A-1, B-2)`; keys are checked so nothing else can reach the JQL. */
export function keyInJql(keys: readonly string[]): string {
  for (const key of keys) if (!ISSUE_KEY.test(key)) throw new RangeError(`not an issue key: ${key}`);
  return `key in (${keys.join(', ')})`;
}

/** `id in (10001, 10002)`; ids are checked to be Jira's numeric ids. */
export function idInJql(ids: readonly string[]): string {
  for (const id of ids) if (!/^\d+$/.test(id)) throw new RangeError(`not an issue id: ${id}`);
  return `id in (${ids.join(', ')})`;
}
