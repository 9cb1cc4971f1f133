/**
 * One place turns errors into results: expected failures (Jira down, bad stored data, no caller)
 * travel as `{ ok: false }` with their code; anything else is logged and rethrown.
 */
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { createResolverHandler } from '../../src/resolvers/handler';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

describe('when Jira fails', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ faults: { rate: 1, kinds: ['500'], seed: 1 } });
  });
  afterAll(() => backend.close());

  it('should answer jira_unavailable and log a warning with Jira\'s answer when Jira answers 500', async () => {
    const result = await backend.call('rte', 'portfolio/board');
    expect(result).toMatchObject({ ok: false, error: { code: 'jira_unavailable', message: expect.stringContaining('Jira is having trouble (it answered 500)') } });
    expect(backend.log.entries.at(-1)).toMatchObject({
      level: 'warn',
      message: 'resolver failed',
      data: { functionKey: 'portfolio/board', code: 'jira_unavailable', message: expect.stringContaining('Jira answered 500: Internal server error') },
    });
  });
});

describe('with stored data', () => {
  let backend: TestBackend;
  const store = createMemoryStore();
  beforeAll(async () => {
    backend = await startTestBackend({ store });
  });
  afterAll(() => backend.close());
  beforeEach(async () => {
    const current = await store.get('settings', 'portfolio');
    if (current) await store.delete('settings', 'portfolio', current.version);
  });

  it('should migrate settings written before schemaVersion existed when they are read', async () => {
    await store.put('settings', 'portfolio', { scopeJql: 'project = PAY', timeZone: 'Europe/Berlin' }, null);
    expect(dataOf(await backend.call('member', 'settings/get'))).toEqual({
      settings: { ...defaultSettings(), scopeJql: 'project = PAY', timeZone: 'Europe/Berlin' },
      version: 1,
      // The default states: only Implementing counts as active time.
      stateTimeKinds: { Funnel: 'outside', Reviewing: 'outside', Analyzing: 'outside', 'Portfolio Backlog': 'outside', Implementing: 'active', Done: 'outside' },
    });
  });

  it.each([
    ['a newer schemaVersion', { ...defaultSettings(), schemaVersion: 2 }, 'settings/portfolio has schemaVersion 2, newer than this app (1)'],
    ['a field of the wrong type', { ...defaultSettings(), schemaVersion: 1, wipLimits: { Analyzing: 'five' } }, 'settings/portfolio is not valid at wipLimits.Analyzing'],
  ])('should answer invalid_data when the stored settings have %s', async (_case, stored, message) => {
    await store.put('settings', 'portfolio', stored, null);
    expect(await backend.call('rte', 'settings/get')).toMatchObject({ ok: false, error: { code: 'invalid_data', message: expect.stringContaining(message) } });
  });
});

describe('without a Jira user or with a bug', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.close());

  it('should answer forbidden and ask nothing of Jira when the invocation has no account id', async () => {
    const mark = backend.mark();
    const result = await backend.handler({ call: { functionKey: 'portfolio/board', payload: {} }, context: {} });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'Sign in to Jira to use Lean Portfolio.' } });
    expect(backend.callsSince(mark)).toEqual([]);
  });

  it('should log and rethrow when a resolver fails with an error that is not an AppError', async () => {
    const broken = { ...backend.runtime, store: { ...backend.runtime.store, get: () => Promise.reject(new TypeError('store exploded')) } };
    const handler = createResolverHandler(broken);

    await expect(handler({ call: { functionKey: 'settings/get', payload: {} }, context: {} }, { principal: { accountId: '712020:rte' } })).rejects.toThrow('store exploded');
    expect(backend.log.entries.at(-1)).toMatchObject({ level: 'error', message: 'resolver crashed', data: { functionKey: 'settings/get', message: 'store exploded' } });
  });
});
