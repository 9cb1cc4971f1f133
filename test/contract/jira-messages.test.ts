/**
 * What an error shows the page (pageMessage) and what only the log sees (message): the Jira URL
 * asked (perhaps as the app) and Jira's raw answer stay in the message; the page gets a sentence a
 * person can act on. Jira's own messages of a refused request (a JQL error) do reach the page.
 */
import { createJiraClient } from '../../src/adapters/jira/client';
import { AppError, ForbiddenError, InvalidDataError, InvalidInputError, JiraUnavailableError, NotFoundError } from '../../src/errors';
import { fixture, instantTiming, jiraResponse, scriptedTransport, type Answer } from '../fixtures/jira/fakes';

const HTML = '<html><body>Internal proxy jira-prod-17.internal.atlassian.io failed: upstream 10.0.3.7</body></html>';

async function failureOf(call: (jira: ReturnType<typeof createJiraClient>) => Promise<unknown>, ...answers: Answer[]): Promise<AppError> {
  const { transport } = scriptedTransport(...answers);
  const jira = createJiraClient(transport, { timing: instantTiming(), retry: { maxAttempts: 2 } });
  try {
    await call(jira);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const getIssueProperty = (jira: ReturnType<typeof createJiraClient>) => jira.getIssueProperty('PAY-12', 'lean-portfolio.wsjf');
const getMyself = (jira: ReturnType<typeof createJiraClient>) => jira.getMyself();

describe('page messages', () => {
  it.each([
    [401, ForbiddenError, 'Jira did not accept the sign-in (401).'],
    [403, ForbiddenError, 'Jira does not permit this (403). Ask your Jira admin for the permission you need.'],
    [410, JiraUnavailableError, 'Jira no longer offers something this app needs (410).'],
    [429, JiraUnavailableError, 'Jira is busy and asked the app to slow down (429).'],
    [500, JiraUnavailableError, 'Jira is having trouble (it answered 500).'],
    [503, JiraUnavailableError, 'Jira is having trouble (it answered 503).'],
    [418, JiraUnavailableError, 'Jira gave an unexpected answer (418).'],
  ])('should keep the URL and Jira\'s HTML in the log and give the page a sentence when Jira answers %i', async (status, errorClass, pageStart) => {
    const error = await failureOf(getMyself, jiraResponse(status, HTML));
    expect(error).toBeInstanceOf(errorClass);
    expect(error.pageMessage.startsWith(pageStart)).toBe(true);
    expect(error.pageMessage).not.toMatch(/rest\/api|internal|10\.0\.3\.7|<html/i);
    expect(error.message).toMatch(/^GET \/rest\/api\/3\/myself: /);
    // A 429's body says nothing the retries record does not.
    if (status !== 429) expect(error.message).toContain('jira-prod-17.internal');
  });

  it('should say what Jira could not find without naming the URL when Jira answers 404', async () => {
    const error = await failureOf((jira) => jira.getTransitions('PAY-12'), jiraResponse(404, fixture('error-404-issue')));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.pageMessage).toBe('Jira could not find it (404): it may have been deleted or moved, or you may not be allowed to see it.');
  });

  it('should pass Jira\'s own messages of a refused JQL to the page, without the URL', async () => {
    const error = await failureOf((jira) => jira.searchIssueIds('sprnt = 1'), jiraResponse(400, fixture('error-400-jql')));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.pageMessage).toMatch(/^Jira refused the request: \S/);
    expect(error.pageMessage).not.toContain('/rest/api');
  });

  it('should not quote a refused request\'s HTML to the page', async () => {
    const error = await failureOf((jira) => jira.searchIssueIds('x'), jiraResponse(400, HTML));
    expect(error.pageMessage).toBe('Jira refused the request.');
  });

  it.each([
    ['cut off', jiraResponse(200, '{"accountId": "5b10a2844c20165700ede21g", "displayN'), JiraUnavailableError, 'Jira’s answer arrived cut off.'],
    ['of the wrong shape', jiraResponse(200, '{"accountId": 42, "secret": "jira-prod-17.internal"}'), InvalidDataError, 'Jira sent an answer Lean Portfolio cannot read.'],
    ['unreachable', new TypeError('fetch failed: connect ECONNREFUSED 10.0.3.7:443'), JiraUnavailableError, 'Jira could not be reached.'],
  ])('should not quote Jira\'s answer to the page when it is %s', async (_case, answer, errorClass, pageStart) => {
    const error = await failureOf(getMyself, answer);
    expect(error).toBeInstanceOf(errorClass);
    expect(error.pageMessage.startsWith(pageStart)).toBe(true);
    expect(error.pageMessage).not.toMatch(/rest\/api|accountId|10\.0\.3\.7|internal/);
  });

  it('should not read a missing property as a failure', async () => {
    await expect(getIssueProperty(createJiraClient(scriptedTransport(jiraResponse(404, fixture('error-404-property'))).transport))).resolves.toBeUndefined();
  });
});
