/** Composing the scope JQL with the clauses the cache refresh adds. */

const ORDER_BY_AT = /order\s+by\b/iy;
const WORD_CHAR = /[A-Za-z0-9_]/;

/**
 * Where the query's ORDER BY starts, or -1. Text inside "double" or 'single' quotes (with
 * backslash escapes, as JQL has them) is skipped, so `summary ~ 'order by'` is not an ORDER BY.
 */
function orderByIndex(jql: string): number {
  let quote: string | null = null;
  for (let i = 0; i < jql.length; i++) {
    const c = jql[i] as string;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (i > 0 && WORD_CHAR.test(jql[i - 1] as string)) continue;
    ORDER_BY_AT.lastIndex = i;
    if (ORDER_BY_AT.test(jql)) return i;
  }
  return -1;
}

/** The scope without its ORDER BY (an ORDER BY inside a quoted string is kept). */
export function scopeWhere(scopeJql: string): string {
  const index = orderByIndex(scopeJql);
  return (index === -1 ? scopeJql : scopeJql.slice(0, index)).trim();
}

/**
 * `(where) AND clause`. Always parenthesised: whatever the scope holds (an OR, quoted text that
 * only looks like one), the clause then narrows all of it.
 */
export function andJql(where: string, clause: string): string {
  return where === '' ? clause : `(${where}) AND ${clause}`;
}

/** Epics updated in the last `minutes` minutes (relative JQL: no time-zone question). */
export function updatedWithinMinutes(minutes: number): string {
  return `updated >= -${Math.max(1, Math.ceil(minutes))}m`;
}

/** `id in (10001, 10002)`; ids are checked to be Jira's numeric ids. */
export function idInJql(ids: readonly string[]): string {
  for (const id of ids) if (!/^\d+$/.test(id)) throw new RangeError(`not an issue id: ${id}`);
  return `id in (${ids.join(', ')})`;
}
