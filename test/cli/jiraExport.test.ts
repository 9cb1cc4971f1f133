/** Which statuses an export mentions, and under which name: what the default mapping by name sees. */
import { parseJiraExport, statusesSeen } from '../../src/cli/jiraExport';

const move = (created: string, from: [string, string], to: [string, string]) => ({
  id: created,
  created,
  items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: from[0], fromString: from[1], to: to[0], toString: to[1] }],
});
const issue = (key: string, status: [string, string], histories: unknown[]) => ({
  id: key,
  key,
  fields: { created: '2025-01-06T09:00:00.000+0000', status: { id: status[0], name: status[1] } },
  changelog: { startAt: 0, maxResults: histories.length, total: histories.length, histories },
});

describe('statusesSeen', () => {
  it('should list a renamed status once under its current name when its history still shows the old one', () => {
    const records = parseJiraExport('x.json', {
      issues: [issue('X-1', ['50', 'Build'], [move('2025-02-03T10:00:00.000+0000', ['1', 'Funnel'], ['50', 'Implementing'])])],
    });
    expect(statusesSeen(records)).toEqual([
      { id: '1', name: 'Funnel' },
      { id: '50', name: 'Build' },
    ]);
  });

  it('should name a status no epic is in now by its latest mention when histories come in any order', () => {
    const records = parseJiraExport('x.json', {
      issues: [
        issue('X-1', ['1', 'Funnel'], [move('2025-03-01T10:00:00.000+0000', ['70', 'Closed'], ['1', 'Funnel']), move('2025-02-01T10:00:00.000+0000', ['1', 'Funnel'], ['70', 'Done'])]),
        issue('X-2', ['1', 'Funnel'], [move('2025-01-20T10:00:00.000+0000', ['1', 'Funnel'], ['70', 'Done'])]),
      ],
    });
    expect(statusesSeen(records)).toEqual([
      { id: '70', name: 'Closed' },
      { id: '1', name: 'Funnel' },
    ]);
  });
});
