/** The JQL the cache refresh composes from the admin's scope. */
import { andJql, idInJql, keyInJql, scopeWhere, updatedWithinMinutes } from '../../src/services/portfolio/jql';

describe('scopeWhere', () => {
  it.each([
    ['issuetype = Epic ORDER BY key', 'issuetype = Epic'],
    ['issuetype = Epic order   by rank DESC, key', 'issuetype = Epic'],
    ['ORDER BY key', ''],
    ['summary ~ "order by price" ORDER BY key', 'summary ~ "order by price"'],
    ['project = PAY', 'project = PAY'],
  ])('should turn %j into %j when the ORDER BY is dropped', (scope, where) => {
    expect(scopeWhere(scope)).toBe(where);
  });
});

describe('andJql', () => {
  it.each([
    ['issuetype = Epic', 'updated >= -5m', 'issuetype = Epic AND updated >= -5m'],
    ['issuetype = Epic OR labels = x', 'updated >= -5m', '(issuetype = Epic OR labels = x) AND updated >= -5m'],
    ['summary ~ "this or that"', 'key in (A-1)', 'summary ~ "this or that" AND key in (A-1)'],
    ['', 'key in (A-1)', 'key in (A-1)'],
  ])('should join %j and %j as %j when AND binds tighter than OR', (where, clause, jql) => {
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

  it('should refuse anything but issue keys and ids when they are put into JQL', () => {
    expect(keyInJql(['PAY-1', 'A_B-22'])).toBe('key in (PAY-1, A_B-22)');
    expect(idInJql(['10001', '10002'])).toBe('id in (10001, 10002)');
    expect(() => keyInJql(['PAY-1) OR (project = DAT'])).toThrow(RangeError);
    expect(() => idInJql(['1 OR 1=1'])).toThrow(RangeError);
  });
});
