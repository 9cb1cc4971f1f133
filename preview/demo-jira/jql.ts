/**
 * The JQL subset the demo Jira understands (see README.md): clauses on project, issuetype, status,
 * key/id, labels, created/updated, combined with AND and OR (AND binds tighter) and grouped with
 * parentheses, and ORDER BY key|id|rank|created|updated. The app's indexed WSJF property answers
 * as on a real site (manifest `jira:entityProperty`): wsjfScore, wsjfCostOfDelay and wsjfJobSize
 * compare as numbers and sort, wsjfTheme compares as text.
 * Anything else is refused with Jira's "Error in the JQL Query" message. Values are checked the
 * way Jira checks them: a project or issue the user cannot see "does not exist".
 */
import type { DemoIssue } from './model';
import type { DemoUser } from './model';
import { browsableProjects, findVisibleIssue, type DemoIndex } from './store';

export class JqlError extends Error {}

/** The WSJF issue property and its JQL aliases, as manifest.yml's `jira:entityProperty` indexes them. */
export const WSJF_PROPERTY = 'lean-portfolio.wsjf';
export const WSJF_NUMBER_ALIASES: Readonly<Record<string, string>> = { wsjfscore: 'wsjfScore', wsjfcostofdelay: 'costOfDelay', wsjfjobsize: 'jobSize' };
export const WSJF_TEXT_ALIASES: Readonly<Record<string, string>> = { wsjftheme: 'theme' };

/** The indexed value of the WSJF property at `path`, or undefined when the issue has none of that type. */
function wsjfValue(issue: DemoIssue, path: string, type: 'number' | 'string'): number | string | undefined {
  const property = issue.properties[WSJF_PROPERTY];
  if (typeof property !== 'object' || property === null) return undefined;
  const value = (property as Record<string, unknown>)[path];
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' ? value : undefined;
}

type Operator = '=' | '!=' | 'in' | 'not in' | '>' | '>=' | '<' | '<=';

export interface JqlClause {
  /** The field as written (for messages). */
  readonly field: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export interface JqlSort {
  readonly field: string;
  readonly descending: boolean;
}

/** The WHERE part as a tree: a clause, or AND / OR of two or more parts. */
export type JqlExpression =
  | { readonly kind: 'clause'; readonly clause: JqlClause }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly JqlExpression[] };

export interface JqlQuery {
  /** Null when the query restricts nothing (empty, or only an ORDER BY). */
  readonly where: JqlExpression | null;
  readonly orderBy: readonly JqlSort[];
}

interface Token {
  readonly kind: 'word' | 'string' | 'op' | '(' | ')' | ',';
  readonly text: string;
  readonly position: number;
}

const OPERATORS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];
const WORD = /[A-Za-z0-9_.\-+/:*]/;

function fail(message: string): never {
  throw new JqlError(`Error in the JQL Query: ${message}`);
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === '\\' && j + 1 < jql.length) j++;
        text += jql[j];
        j++;
      }
      if (j >= jql.length) fail(`The quoted string '${text}' has not been completed. (line 1, character ${i + 1})`);
      tokens.push({ kind: 'string', text, position: i });
      i = j + 1;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, position: i });
      i++;
    } else {
      const op = OPERATORS.find((o) => jql.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op, position: i });
        i += op.length;
      } else if (WORD.test(c)) {
        let j = i;
        while (j < jql.length && WORD.test(jql[j] as string)) j++;
        tokens.push({ kind: 'word', text: jql.slice(i, j), position: i });
        i = j;
      } else {
        fail(`The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}' instead. (line 1, character ${i + 1})`);
      }
    }
  }
  return tokens;
}

const isWord = (token: Token | undefined, word: string): boolean => token?.kind === 'word' && token.text.toUpperCase() === word;
const at = (token: Token | undefined): string => (token ? `(line 1, character ${token.position + 1})` : '(end of query)');

export function parseJql(jql: string): JqlQuery {
  const tokens = tokenize(jql);
  let pos = 0;
  const orderBy: JqlSort[] = [];

  const value = (): string => {
    const token = tokens[pos];
    if (!token || (token.kind !== 'word' && token.kind !== 'string')) fail(`Expecting a value but got '${token?.text ?? 'EOF'}'. ${at(token)}`);
    if (token.kind === 'word' && tokens[pos + 1]?.kind === '(') fail(`Functions such as '${token.text}()' are not supported by the demo Jira. ${at(token)}`);
    pos++;
    return token.text;
  };

  const clause = (): JqlClause => {
    const start = tokens[pos];
    if (isWord(start, 'NOT')) fail(`'NOT' clauses are not supported by the demo Jira. ${at(start)}`);
    if (!start || (start.kind !== 'word' && start.kind !== 'string')) fail(`Expecting a field name but got '${start?.text ?? 'EOF'}'. ${at(start)}`);
    pos++;
    const field = start.text;
    const opToken = tokens[pos];
    let operator: Operator;
    if (opToken?.kind === 'op' && opToken.text !== '~' && opToken.text !== '!~') {
      operator = opToken.text as Operator;
      pos++;
    } else if (isWord(opToken, 'IN')) {
      operator = 'in';
      pos++;
    } else if (isWord(opToken, 'NOT') && isWord(tokens[pos + 1], 'IN')) {
      operator = 'not in';
      pos += 2;
    } else {
      fail(`Expecting operator but got '${opToken?.text ?? 'EOF'}'. The demo Jira supports '=', '!=', '<', '>', '<=', '>=', 'IN' and 'NOT IN'. ${at(opToken)}`);
    }
    if (operator === 'in' || operator === 'not in') {
      if (tokens[pos]?.kind !== '(') fail(`Expecting '(' after '${operator.toUpperCase()}'. ${at(tokens[pos])}`);
      pos++;
      const values = [value()];
      while (tokens[pos]?.kind === ',') {
        pos++;
        values.push(value());
      }
      if (tokens[pos]?.kind !== ')') fail(`Expecting ')' but got '${tokens[pos]?.text ?? 'EOF'}'. ${at(tokens[pos])}`);
      pos++;
      return { field, operator, values };
    }
    return { field, operator, values: [value()] };
  };

  // term := '(' or ')' | clause;  and := term (AND term)*;  or := and (OR and)*
  const term = (): JqlExpression => {
    if (tokens[pos]?.kind !== '(') return { kind: 'clause', clause: clause() };
    pos++;
    const inner = or();
    const close = tokens[pos];
    if (close?.kind !== ')') fail(`Expecting either 'OR', 'AND' or ')' but got '${close?.text ?? 'EOF'}'. ${at(close)}`);
    pos++;
    return inner;
  };
  const joined = (kind: 'and' | 'or', word: string, operand: () => JqlExpression): JqlExpression => {
    const operands = [operand()];
    while (isWord(tokens[pos], word)) {
      pos++;
      operands.push(operand());
    }
    return operands.length === 1 ? (operands[0] as JqlExpression) : { kind, operands };
  };
  const and = (): JqlExpression => joined('and', 'AND', term);
  const or = (): JqlExpression => joined('or', 'OR', and);

  let where: JqlExpression | null = null;
  if (tokens.length > 0 && !isWord(tokens[0], 'ORDER')) {
    where = or();
    const token = tokens[pos];
    if (token !== undefined && !isWord(token, 'ORDER')) fail(`Expecting either 'OR' or 'AND' but got '${token.text}'. ${at(token)}`);
  }
  if (isWord(tokens[pos], 'ORDER')) {
    if (!isWord(tokens[pos + 1], 'BY')) fail(`Expecting 'BY' after 'ORDER'. ${at(tokens[pos + 1])}`);
    pos += 2;
    do {
      if (orderBy.length > 0) pos++;
      const field = tokens[pos];
      if (!field || (field.kind !== 'word' && field.kind !== 'string')) fail(`Expecting a field name after 'ORDER BY'. ${at(field)}`);
      pos++;
      let descending = false;
      if (isWord(tokens[pos], 'ASC') || isWord(tokens[pos], 'DESC')) {
        descending = isWord(tokens[pos], 'DESC');
        pos++;
      }
      orderBy.push({ field: field.text, descending });
    } while (tokens[pos]?.kind === ',');
    if (pos < tokens.length) fail(`Expecting ',' or the end of the query but got '${tokens[pos]?.text}'. ${at(tokens[pos])}`);
  }
  return { where, orderBy };
}

export type IssuePredicate = (issue: DemoIssue) => boolean;

export interface CompiledJql {
  readonly matches: IssuePredicate;
  readonly compare: (a: DemoIssue, b: DemoIssue) => number;
}

interface CompileContext {
  readonly index: DemoIndex;
  readonly user: DemoUser;
  readonly now: number;
}

const EQUALITY: readonly Operator[] = ['=', '!=', 'in', 'not in'];
const RANGE: readonly Operator[] = ['=', '>', '>=', '<', '<='];

/** Turns the query into a predicate and an order; throws JqlError as Jira would answer 400. */
export function compileJql(query: JqlQuery, context: CompileContext): CompiledJql {
  if (query.where === null) {
    throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  }
  const matches = compileExpression(query.where, context);
  const sorts = query.orderBy.map(compileSort);
  return {
    matches,
    compare: (a, b) => {
      for (const sort of sorts) {
        const order = sort(a, b);
        if (order !== 0) return order;
      }
      return Number(a.id) - Number(b.id);
    },
  };
}

function compileExpression(expression: JqlExpression, context: CompileContext): IssuePredicate {
  if (expression.kind === 'clause') return compileClause(expression.clause, context);
  const operands = expression.operands.map((operand) => compileExpression(operand, context));
  return expression.kind === 'and' ? (issue) => operands.every((p) => p(issue)) : (issue) => operands.some((p) => p(issue));
}

function requireOperator(clause: JqlClause, allowed: readonly Operator[], fieldName: string): void {
  if (!allowed.includes(clause.operator)) fail(`The operator '${clause.operator.toUpperCase()}' is not supported by the '${fieldName}' field.`);
}

/** Builds a membership predicate over ids resolved from the clause's values. */
function membership(clause: JqlClause, resolve: (value: string) => string, read: (issue: DemoIssue) => string): IssuePredicate {
  const ids = new Set(clause.values.map(resolve));
  const negate = clause.operator === '!=' || clause.operator === 'not in';
  return (issue) => ids.has(read(issue)) !== negate;
}

function compileClause(clause: JqlClause, { index, user, now }: CompileContext): IssuePredicate {
  const field = clause.field.toLowerCase();
  switch (field) {
    case 'project': {
      requireOperator(clause, EQUALITY, 'project');
      const visible = browsableProjects(index, user);
      return membership(
        clause,
        (value) => {
          const project = visible.find((p) => p.key.toUpperCase() === value.toUpperCase() || p.id === value || p.name.toLowerCase() === value.toLowerCase());
          if (!project) fail(`The value '${value}' does not exist for the field '${clause.field}'.`);
          return project.id;
        },
        (issue) => issue.projectId,
      );
    }
    case 'issuetype':
    case 'type': {
      requireOperator(clause, EQUALITY, clause.field);
      return membership(
        clause,
        (value) => {
          const type = index.data.issueTypes.find((t) => t.id === value || t.name.toLowerCase() === value.toLowerCase());
          if (!type) fail(`The value '${value}' does not exist for the field '${clause.field}'.`);
          return type.id;
        },
        (issue) => issue.issueTypeId,
      );
    }
    case 'status': {
      requireOperator(clause, EQUALITY, 'status');
      return membership(
        clause,
        (value) => {
          const status = index.data.statuses.find((s) => s.id === value || s.name.toLowerCase() === value.toLowerCase());
          if (!status) fail(`The value '${value}' does not exist for the field '${clause.field}'.`);
          return status.id;
        },
        (issue) => issue.statusId,
      );
    }
    case 'key':
    case 'issuekey':
    case 'id': {
      requireOperator(clause, EQUALITY, clause.field);
      return membership(
        clause,
        (value) => {
          const issue = findVisibleIssue(index, user, value);
          if (!issue) fail(`An issue with key '${value}' does not exist for field '${clause.field}'.`);
          return issue.id;
        },
        (issue) => issue.id,
      );
    }
    case 'labels': {
      requireOperator(clause, EQUALITY, 'labels');
      const wanted = new Set(clause.values);
      // Like Jira, a negative label clause does not match issues without labels.
      if (clause.operator === '!=' || clause.operator === 'not in') return (issue) => issue.labels.length > 0 && !issue.labels.some((l) => wanted.has(l));
      return (issue) => issue.labels.some((l) => wanted.has(l));
    }
    case 'created':
    case 'createddate':
    case 'updated':
    case 'updateddate': {
      requireOperator(clause, RANGE, clause.field);
      const instant = parseJqlDate(clause.values[0] ?? '', clause.field, now);
      const read = field.startsWith('created') ? (i: DemoIssue) => i.created : (i: DemoIssue) => i.updated;
      switch (clause.operator) {
        case '>':
          return (issue) => read(issue) > instant;
        case '>=':
          return (issue) => read(issue) >= instant;
        case '<':
          return (issue) => read(issue) < instant;
        case '<=':
          return (issue) => read(issue) <= instant;
        default:
          return (issue) => read(issue) === instant;
      }
    }
    default: {
      const numberPath = WSJF_NUMBER_ALIASES[field];
      if (numberPath !== undefined) return wsjfNumberClause(clause, numberPath);
      const textPath = WSJF_TEXT_ALIASES[field];
      if (textPath !== undefined) {
        requireOperator(clause, EQUALITY, clause.field);
        const wanted = new Set(clause.values.map((value) => value.toLowerCase()));
        const negate = clause.operator === '!=' || clause.operator === 'not in';
        // Like any Jira field, an issue without the value matches neither = nor !=.
        return (issue) => {
          const value = wsjfValue(issue, textPath, 'string');
          return value !== undefined && wanted.has((value as string).toLowerCase()) !== negate;
        };
      }
      fail(`Field '${clause.field}' does not exist or you do not have permission to view it.`);
    }
  }
}

function wsjfNumberClause(clause: JqlClause, path: string): IssuePredicate {
  requireOperator(clause, [...RANGE, '!='], clause.field);
  const raw = clause.values[0] ?? '';
  const bound = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(bound)) fail(`The value '${raw}' is not a valid number for the field '${clause.field}'.`);
  const test: Record<string, (value: number) => boolean> = {
    '=': (value) => value === bound,
    '!=': (value) => value !== bound,
    '>': (value) => value > bound,
    '>=': (value) => value >= bound,
    '<': (value) => value < bound,
    '<=': (value) => value <= bound,
  };
  const compare = test[clause.operator] as (value: number) => boolean;
  return (issue) => {
    const value = wsjfValue(issue, path, 'number');
    return value !== undefined && compare(value as number);
  };
}

const UNIT_MS: Readonly<Record<string, number>> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** `2025-01-31`, `2025/01/31`, either with ` HH:mm`, or a period relative to now: `-30d`, `-2w`, `-12h`, `-5m`. */
export function parseJqlDate(value: string, field: string, now: number): number {
  const relative = /^([+-]?)(\d+)([wdhm])$/i.exec(value.trim());
  if (relative) {
    const sign = relative[1] === '-' ? -1 : 1;
    return now + sign * Number(relative[2]) * (UNIT_MS[(relative[3] as string).toLowerCase()] ?? 0);
  }
  const absolute = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:\s+(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (absolute) {
    const [, y, mo, d, h, mi] = absolute;
    const millis = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
    if (!Number.isNaN(millis) && new Date(millis).getUTCDate() === Number(d)) return millis;
  }
  return fail(
    `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w'.`,
  );
}

function keyOrder(a: DemoIssue, b: DemoIssue): number {
  const [projectA = '', numberA = '0'] = a.key.split('-');
  const [projectB = '', numberB = '0'] = b.key.split('-');
  return projectA < projectB ? -1 : projectA > projectB ? 1 : Number(numberA) - Number(numberB);
}

function compileSort(sort: JqlSort): (a: DemoIssue, b: DemoIssue) => number {
  const direction = sort.descending ? -1 : 1;
  switch (sort.field.toLowerCase()) {
    case 'key':
    case 'issuekey':
    case 'rank': // the demo has no Lexorank: rank order is key order
      return (a, b) => direction * keyOrder(a, b);
    case 'id':
      return (a, b) => direction * (Number(a.id) - Number(b.id));
    case 'created':
    case 'createddate':
      return (a, b) => direction * (a.created - b.created);
    case 'updated':
    case 'updateddate':
      return (a, b) => direction * (a.updated - b.updated);
    default: {
      const path = WSJF_NUMBER_ALIASES[sort.field.toLowerCase()];
      if (path === undefined) return fail(`Not able to sort using field '${sort.field}'.`);
      // Issues without the value sort as the largest: last ascending, first descending (as Jira sorts EMPTY).
      const read = (issue: DemoIssue) => (wsjfValue(issue, path, 'number') as number | undefined) ?? Number.POSITIVE_INFINITY;
      return (a, b) => {
        const x = read(a);
        const y = read(b);
        return x === y ? 0 : direction * (x < y ? -1 : 1);
      };
    }
  }
}
