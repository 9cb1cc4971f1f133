/** The JQL the cache refresh composes from the admin's scope. */
import { andJql, idInJql, scopeWhere, updatedWithinMinutes } from '../../src/services/portfolio/jql';

describe('scopeWhere', () => {
  it.each([
    ['issuetype = Epic ORDER BY key', 'issuetype = Epic'],
    ['issuetype = Epic order   by rank DESC, key', 'issuetype = Epic'],
    ['ORDER BY key', ''],
    ['summary ~ "order by price" ORDER BY key', 'summary ~ "order by price"'],
    ["summary ~ 'order by price' ORDER BY key", "summary ~ 'order by price'"],
    ['summary ~ "it\'s order by" order by key', 'summary ~ "it\'s order by"'],
    ["summary ~ 'say \"order by\"' ORDER BY rank", "summary ~ 'say \"order by\"'"],
    ['summary ~ "a \\" order by b" ORDER BY key', 'summary ~ "a \\" order by b"'],
    ['labels = reorder ORDER BY key', 'labels = reorder'],
    ['(project = PAY)ORDER BY key', '(project = PAY)'],
    ['project = PAY', 'project = PAY'],
  ])('should turn %j into %j when the ORDER BY is dropped', (scope, where) => {
    expect(scopeWhere(scope)).toBe(where);
  });
});

describe('andJql', () => {
  it.each([
    ['issuetype = Epic', 'updated >= -5m', '(issuetype = Epic) AND updated >= -5m'],
    ['issuetype = Epic OR labels = x', 'updated >= -5m', '(issuetype = Epic OR labels = x) AND updated >= -5m'],
    ['summary ~ "this or that"', 'id in (1)', '(summary ~ "this or that") AND id in (1)'],
    ["summary ~ 'it\"s' OR project = DAT", 'id in (1)', "(summary ~ 'it\"s' OR project = DAT) AND id in (1)"],
    ['', 'id in (1)', 'id in (1)'],
  ])('should join %j and %j as %j when the clause must narrow the whole scope', (where, clause, jql) => {
    expect(andJql(where, clause)).toBe(jql);
  });
});

describe('clauses', () => {
  it.each([
    [0.2, 'updated >= -1m'],
    [1, 'updated >= -1m'],
    [2.01, 'updated >= -3m'],
  ])('should look back whole minutes, at least one, when %s minutes passed', (minutes, clause) => {
    expect(updatedWithinMinutes(minutes)).toBe(clause);
  });

  it('should refuse anything but issue ids when they are put into JQL', () => {
    expect(idInJql(['10001', '10002'])).toBe('id in (10001, 10002)');
    expect(() => idInJql(['1) OR (project = DAT'])).toThrow(RangeError);
    expect(() => idInJql(['1 OR 1=1'])).toThrow(RangeError);
  });
});
