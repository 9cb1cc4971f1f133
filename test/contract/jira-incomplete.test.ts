/**
 * Answers cut off on the way (a 200 whose body is not the JSON asked for, or a body that fails while
 * being read) are trouble in transit, not Jira's verdict: they are tried again like a 5xx, within
 * the same tries and time budget, and a final failure is jira_unavailable, not invalid_data.
 */
import { createJiraClient } from '../../src/adapters/jira/client';
import { describeAttempts, withRetries, RETRYABLE_STATUSES, DEFAULT_RETRY_POLICY } from '../../src/adapters/jira/retry';
import type { JiraResponse } from '../../src/adapters/jira/transport';
import { InvalidDataError, JiraUnavailableError } from '../../src/errors';
import { fixture, instantTiming, jiraResponse, ok, scriptedTransport, type Answer } from '../fixtures/jira/fakes';

function clientWith(...answers: Answer[]) {
  const { transport, requests } = scriptedTransport(...answers);
  const timing = instantTiming({ random: 0.5 });
  return { jira: createJiraClient(transport, { timing }), requests, sleeps: timing.sleeps };
}

/** The first half of a saved page: what a connection cut mid-answer leaves. */
const truncated = (name: string) => {
  const text = fixture(name);
  return jiraResponse(200, text.slice(0, Math.floor(text.length / 2)));
};

/** A 200 whose body fails while it is read (the connection dropped after the headers). */
const bodyFails: JiraResponse = { status: 200, headers: { get: () => null }, text: () => Promise.reject(new TypeError('terminated')) };

describe('a cut-off answer', () => {
  it('should try again and read the page when the first answer was cut off', async () => {
    const { jira, requests, sleeps } = clientWith(truncated('search-jql-page-2'), ok('search-jql-page-2'));
    const issues = await jira.searchIssues({ jql: 'x', fields: ['status'] });
    expect(issues.map((issue) => issue.key)).toEqual(['LOY-3']);
    expect(requests).toHaveLength(2);
    // Backoff as after a 5xx: half (random 0.5) of the first 500 ms window.
    expect(sleeps).toEqual([250]);
  });

  it.each([
    ['a search page', (jira: ReturnType<typeof createJiraClient>) => jira.searchIssueIds('x'), 'search-jql-ids-page-2'],
    ['a changelog page', (jira: ReturnType<typeof createJiraClient>) => jira.fetchChangelogs(['10068'], ['status']), 'bulkfetch-page-2'],
    ['the caller', (jira: ReturnType<typeof createJiraClient>) => jira.getMyself(), 'myself'],
  ])('should try again when %s was cut off twice', async (_case, call, name) => {
    const { jira, requests } = clientWith(truncated(name), truncated(name), ok(name));
    await expect(call(jira)).resolves.toBeDefined();
    expect(requests).toHaveLength(3);
  });

  it('should try again when the body failed while being read', async () => {
    const { jira, requests } = clientWith(bodyFails, ok('myself'));
    await expect(jira.getMyself()).resolves.toMatchObject({ accountId: expect.any(String) });
    expect(requests).toHaveLength(2);
  });

  it('should give up after the policy\'s tries with jira_unavailable saying what was tried when every answer is cut off', async () => {
    const { jira, requests } = clientWith(truncated('myself'));
    const failure = jira.getMyself();
    await expect(failure).rejects.toThrow(JiraUnavailableError);
    await expect(failure).rejects.toThrow(
      /^GET \/rest\/api\/3\/myself: the response is not JSON \(cut off or malformed, \d+ characters\) \(tried: 200 with an incomplete body, waited 250 ms \(backoff\); .*; gave up after 4 attempts\)$/,
    );
    expect(requests).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('should not try again when the answer is whole JSON of the wrong shape', async () => {
    const { jira, requests } = clientWith(ok('search-jql-malformed'));
    await expect(jira.searchIssues({ jql: 'x', fields: ['status'] })).rejects.toThrow(InvalidDataError);
    expect(requests).toHaveLength(1);
  });

  it('should not read a body when Jira answers a write with no content', async () => {
    const { jira, requests } = clientWith(jiraResponse(204, ''));
    await expect(jira.transitionIssue('PAY-15', '31')).resolves.toBeUndefined();
    expect(requests).toHaveLength(1);
  });
});

describe('withRetries with an incomplete rule', () => {
  it('should record the incomplete tries and stop at the first whole answer', async () => {
    const answers = [jiraResponse(200, '{"is'), jiraResponse(200, '{"isLast": true}')];
    let calls = 0;
    const outcome = await withRetries(async () => answers[calls++] as JiraResponse, {
      policy: DEFAULT_RETRY_POLICY,
      timing: instantTiming({ random: 0 }),
      retryStatus: (status) => RETRYABLE_STATUSES.has(status),
      retryNetworkErrors: true,
      incomplete: (response) => response === answers[0],
    });
    expect(outcome.kind).toBe('response');
    expect(describeAttempts(outcome.attempts)).toBe('200 with an incomplete body, waited 0 ms (backoff); 200');
  });
});
