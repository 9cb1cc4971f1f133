/**
 * The issue-updated trigger's filter: sub-tasks and types below the Epic level never invoke the
 * app, and whatever the filter cannot tell (a payload without the hierarchy level, the other
 * spelling of the issue type field, no fields) still does. Forge evaluates the expression on its
 * side; here it runs as JavaScript, whose `?.`, `==`, `!=`, `&&`, `||` and `!` it is written in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface TriggerModule {
  key: string;
  events: string[];
  filter?: { ignoreSelf?: boolean; expression?: string; onError?: string };
}

const manifest = parse(readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8')) as { modules: { trigger: TriggerModule[] } };
const trigger = manifest.modules.trigger.find((module) => module.events.includes('avi:jira:updated:issue'));
const expression = trigger?.filter?.expression ?? 'true';
// The manifest's own expression, evaluated as Forge would.
const receives = new Function('event', `return (${expression});`) as (event: unknown) => boolean;

/** An avi:jira:updated:issue payload whose issue has these `fields` (Jira's example shape). */
const eventWith = (fields: Record<string, unknown> | undefined) => ({
  eventType: 'avi:jira:updated:issue',
  issue: { id: '10073', key: 'SP-10', ...(fields === undefined ? {} : { fields }) },
  atlassianId: '4ad9aa0c52dc1b420a791d12',
});

describe('the issue-updated trigger filter in manifest.yml', () => {
  it('should keep ignoreSelf, an expression, and let the event through when the expression fails', () => {
    expect(trigger?.filter).toMatchObject({ ignoreSelf: true, expression: expect.any(String), onError: 'RECEIVE_AND_LOG' });
  });

  it.each([
    ['an epic (level 1)', { issuetype: { id: '10000', name: 'Epic', subtask: false, hierarchyLevel: 1 } }, true],
    ['an initiative (level 2)', { issuetype: { id: '10200', name: 'Initiative', subtask: false, hierarchyLevel: 2 } }, true],
    ['a story (level 0)', { issuetype: { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 } }, false],
    ['a sub-task', { issuetype: { id: '10003', name: 'Sub-task', subtask: true, hierarchyLevel: -1 } }, false],
    ["a sub-task in Jira's payload example (no hierarchy level)", { issuetype: { id: '10003', name: 'Sub-task', subtask: true } }, false],
    ["a story in Jira's payload example (no hierarchy level)", { issuetype: { id: '10001', name: 'Story', subtask: false } }, true],
    ['a story spelt issueType as in the trigger docs', { issueType: { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 } }, false],
    ['an epic spelt issueType', { issueType: { id: '10000', name: 'Epic', subtask: false, hierarchyLevel: 1 } }, true],
    ['an issue without its type', { summary: 'A descriptive title' }, true],
    ['an issue without fields', undefined, true],
  ])('should decide for %s: receive = %s', (_case, fields, expected) => {
    expect(receives(eventWith(fields))).toBe(expected);
  });
});
