/**
 * One issue: `GET /issue/{idOrKey}`, its entity properties (GET list, GET, PUT, DELETE) and its
 * transitions (GET, POST). Writes check Edit issues / Transition issues in the issue's project;
 * an issue the user cannot browse is "not found", as in Jira.
 */
import { statusItems, type DemoIssue, type DemoStatus } from '../model';
import { issueNotFound, jiraError, json, listParam, NO_CONTENT, type DemoRequest, type Reply } from '../reply';
import { issueJson, KNOWN_FIELDS, resolveFieldSelection, statusJson } from '../shapes';
import { beforeIssueWrite, findVisibleIssue, hasIssuePermission } from '../store';

const MAX_PROPERTY_CHARS = 32_768;
const MAX_PROPERTY_KEY_CHARS = 255;

export function getIssue(request: DemoRequest, idOrKey: string): Reply {
  const issue = findVisibleIssue(request.index, request.user, idOrKey);
  if (!issue) return issueNotFound();
  const requested = listParam(request.query, 'fields');
  const fields = resolveFieldSelection(requested ?? [...KNOWN_FIELDS]) ?? new Set<string>();
  return json(200, issueJson(request.base, issue, fields, listParam(request.query, 'properties'), request.index));
}

export function listIssueProperties(request: DemoRequest, idOrKey: string): Reply {
  const issue = findVisibleIssue(request.index, request.user, idOrKey);
  if (!issue) return issueNotFound();
  return json(200, {
    keys: Object.keys(issue.properties).map((key) => ({ self: `${request.base}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`, key })),
  });
}

export function getIssueProperty(request: DemoRequest, idOrKey: string, propertyKey: string): Reply {
  const issue = findVisibleIssue(request.index, request.user, idOrKey);
  if (!issue) return issueNotFound();
  if (!Object.prototype.hasOwnProperty.call(issue.properties, propertyKey)) {
    return jiraError(404, [`The property with key '${propertyKey}' does not exist.`]);
  }
  return json(200, { key: propertyKey, value: issue.properties[propertyKey] });
}

function editableIssue(request: DemoRequest, idOrKey: string): DemoIssue | Reply {
  const issue = findVisibleIssue(request.index, request.user, idOrKey);
  if (!issue) return issueNotFound();
  if (!hasIssuePermission(request.index, request.user, issue, 'EDIT_ISSUES')) {
    return jiraError(403, [`You do not have permission to edit issue ${issue.key}.`]);
  }
  return issue;
}

export function setIssueProperty(request: DemoRequest, idOrKey: string, propertyKey: string, rawBody: string): Reply {
  const issue = editableIssue(request, idOrKey);
  if ('status' in issue) return issue;
  if (propertyKey.length === 0 || propertyKey.length > MAX_PROPERTY_KEY_CHARS) {
    return jiraError(400, [`The property key must be between 1 and ${MAX_PROPERTY_KEY_CHARS} characters long.`]);
  }
  if (rawBody.trim() === '' || request.body === undefined) return jiraError(400, ['The property value must be a valid, non-empty JSON value.']);
  if (rawBody.length > MAX_PROPERTY_CHARS) return jiraError(400, [`The property value is too long. The limit is ${MAX_PROPERTY_CHARS} characters.`]);
  const existed = Object.prototype.hasOwnProperty.call(issue.properties, propertyKey);
  beforeIssueWrite(request.index, issue, request.now);
  issue.properties[propertyKey] = request.body;
  return { status: existed ? 200 : 201 };
}

export function deleteIssueProperty(request: DemoRequest, idOrKey: string, propertyKey: string): Reply {
  const issue = editableIssue(request, idOrKey);
  if ('status' in issue) return issue;
  if (!Object.prototype.hasOwnProperty.call(issue.properties, propertyKey)) {
    return jiraError(404, [`The property with key '${propertyKey}' does not exist.`]);
  }
  beforeIssueWrite(request.index, issue, request.now);
  delete issue.properties[propertyKey];
  return NO_CONTENT;
}

/** Every workflow has global transitions into each of its statuses: "11" → first status, "21" → second… */
function transitionIdFor(status: DemoStatus, statuses: readonly DemoStatus[]): string {
  return String((statuses.indexOf(status) + 1) * 10 + 1);
}

function availableTransitions(request: DemoRequest, issue: DemoIssue): { id: string; status: DemoStatus }[] {
  if (!hasIssuePermission(request.index, request.user, issue, 'TRANSITION_ISSUES')) return [];
  const workflow = request.index.issueTypeById.get(issue.issueTypeId)?.workflow ?? [];
  const statuses = request.index.data.statuses;
  return workflow
    .filter((statusId) => statusId !== issue.statusId)
    .map((statusId) => request.index.statusById.get(statusId))
    .filter((status): status is DemoStatus => status !== undefined)
    .map((status) => ({ id: transitionIdFor(status, statuses), status }));
}

export function getTransitions(request: DemoRequest, idOrKey: string): Reply {
  const issue = findVisibleIssue(request.index, request.user, idOrKey);
  if (!issue) return issueNotFound();
  return json(200, {
    expand: 'transitions',
    transitions: availableTransitions(request, issue).map(({ id, status }) => ({
      id,
      name: status.name,
      to: statusJson(request.base, status),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    })),
  });
}

function transitionIdFromBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const transition = (body as { transition?: unknown }).transition;
  if (typeof transition !== 'object' || transition === null) return undefined;
  const id = (transition as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** Moves the issue and writes the history entry Jira would write (status, and resolution at Done). */
export function doTransition(request: DemoRequest, idOrKey: string): Reply {
  const issue = findVisibleIssue(request.index, request.user, idOrKey);
  if (!issue) return issueNotFound();
  const transitionId = transitionIdFromBody(request.body);
  if (transitionId === undefined) return jiraError(400, ["Missing 'transition' identifier"]);
  const chosen = availableTransitions(request, issue).find((t) => t.id === transitionId);
  if (!chosen) return jiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);

  const to = chosen.status;
  const items = statusItems(issue.statusId, to.id);
  const last = issue.histories[issue.histories.length - 1];
  // History times must grow even if two transitions land in the same millisecond.
  const created = Math.max(request.now, (last?.created ?? 0) + 1);
  beforeIssueWrite(request.index, issue, request.now);
  issue.histories.push({ id: String(request.index.nextHistoryId++), authorAccountId: request.user.accountId, created, items });
  issue.statusId = to.id;
  issue.updated = created;
  request.index.version++;
  return NO_CONTENT;
}

/** `update.labels` operations as Jira takes them: `[{ add: "x" }, { remove: "y" }, { set: [...] }]`. */
function labelOperations(body: unknown): { add: string[]; remove: string[]; set: string[] | null } | string {
  if (typeof body !== 'object' || body === null) return 'The request body must be a JSON object.';
  const { update, fields } = body as { update?: unknown; fields?: unknown };
  const result = { add: [] as string[], remove: [] as string[], set: null as string[] | null };
  if (typeof fields === 'object' && fields !== null && 'labels' in fields) {
    const labels = (fields as { labels: unknown }).labels;
    if (!Array.isArray(labels) || labels.some((label) => typeof label !== 'string')) return 'Field labels must be an array of strings.';
    result.set = labels as string[];
  }
  if (typeof update === 'object' && update !== null && 'labels' in update) {
    const operations = (update as { labels: unknown }).labels;
    if (!Array.isArray(operations)) return 'update.labels must be an array of operations.';
    for (const operation of operations) {
      if (typeof operation !== 'object' || operation === null) return 'update.labels must be an array of operations.';
      const { add, remove, set } = operation as { add?: unknown; remove?: unknown; set?: unknown };
      if (typeof add === 'string') result.add.push(add);
      else if (typeof remove === 'string') result.remove.push(remove);
      else if (Array.isArray(set) && set.every((label) => typeof label === 'string')) result.set = set as string[];
      else return 'Each label operation is { add }, { remove } or { set } with label strings.';
    }
  }
  const all = [...result.add, ...result.remove, ...(result.set ?? [])];
  // Jira refuses labels with spaces and longer than 255 characters.
  if (all.some((label) => label === '' || /\s/.test(label) || label.length > 255)) return 'Labels cannot contain spaces and are at most 255 characters.';
  return result;
}

/**
 * `PUT /issue/{idOrKey}`: the demo edits labels only (`fields.labels` or `update.labels`), answers
 * 204 and writes the history entry Jira writes for a label change.
 */
export function editIssue(request: DemoRequest, idOrKey: string): Reply {
  const issue = editableIssue(request, idOrKey);
  if ('status' in issue) return issue;
  const operations = labelOperations(request.body);
  if (typeof operations === 'string') return jiraError(400, [], { labels: operations });
  const before = [...issue.labels];
  let labels = operations.set ?? [...before];
  for (const label of operations.add) if (!labels.includes(label)) labels = [...labels, label];
  labels = labels.filter((label) => !operations.remove.includes(label));
  if (labels.join(' ') !== before.join(' ')) {
    const last = issue.histories[issue.histories.length - 1];
    const created = Math.max(request.now, (last?.created ?? 0) + 1);
    beforeIssueWrite(request.index, issue, request.now);
    issue.histories.push({
      id: String(request.index.nextHistoryId++),
      authorAccountId: request.user.accountId,
      created,
      items: [{ field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: before.join(' '), to: null, toString: labels.join(' ') }],
    });
    issue.labels = labels;
    issue.updated = created;
    request.index.version++;
  }
  return NO_CONTENT;
}
