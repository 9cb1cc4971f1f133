/**
 * Forge's limits, refused by the app itself with a sentence a person can act on: an invoke payload
 * over 500 KB, nesting no request has, more values than any request holds, and a document that
 * would pass 240 KiB once stored. Each is refused before anything is read from Jira or stored.
 */
import { MAX_THEMES } from '../../src/contract/documents';
import { PAYLOAD_TOO_LARGE_MESSAGE } from '../../src/resolvers/payloadBounds';
import { nested, withOwnKey } from '../fuzz/nastyValues';
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ epics: 20 });
});
afterAll(() => backend.close());

/** Calls `key` as the RTE; expects a refusal that read no Jira and wrote nothing. */
async function refusal(key: string, payload: unknown): Promise<{ code: string; message: string }> {
  const jiraMark = backend.mark();
  const writesBefore = backend.store.writes.length;
  const result = await backend.callRaw('rte', key, payload);
  expect(backend.callsSince(jiraMark)).toEqual([]);
  expect(backend.store.writes.length).toBe(writesBefore);
  if (result.ok) throw new Error(`${key} accepted the payload`);
  return result.error;
}

describe('invoke payloads over 500 KB', () => {
  it.each([
    ['a 600 KB string in a field', 'admin/jql/check', { jql: 'x'.repeat(600_000) }],
    ['a 1 MB string as an unknown field', 'me/get', { pad: 'x'.repeat(1_000_000) }],
    ['200,000 euro signs (600 KB as UTF-8)', 'epic/case/decide', { issueKey: 'PAY-1', decision: 'go', note: '€'.repeat(200_000), version: null }],
    ['100,000 control characters (600 KB as JSON)', 'okrs/checkin', { period: '2026-Q4', objectiveId: 'o', keyResultId: 'k', value: 1, confidence: 5, note: '\u0001'.repeat(100_000), version: null }],
  ])('should refuse %s with invalid_input saying so, before the schema', async (_case, key, payload) => {
    expect(await refusal(key, payload)).toEqual({ code: 'invalid_input', message: PAYLOAD_TOO_LARGE_MESSAGE });
  });

  it('should still parse a payload just under the limit with the schema when it is under 500 KB', async () => {
    expect(await refusal('admin/jql/check', { jql: 'x'.repeat(400_000) })).toEqual({ code: 'invalid_input', message: expect.stringMatching(/^admin\/jql\/check: jql: Too big/) });
  });
});

describe('shapes no request has', () => {
  it.each([
    ['nested 10,000 levels deep', 'settings/save', JSON.parse(`{"settings":${'['.repeat(10_000)}${']'.repeat(10_000)},"version":null}`), 'settings/save: payload: nested more than 32 levels deep; no request of this app nests that deep'],
    ['nested 33 levels in a field', 'flow/metrics', { filters: nested(33) }, 'flow/metrics: payload: nested more than 32 levels deep'],
    ['an array of 100,000 zeros', 'themes/assign', { themeId: 'growth', issueKeys: new Array<number>(100_000).fill(0) }, 'themes/assign: payload: more than 20,000 values; no request of this app holds that many'],
    ['100,000 empty objects beside an own __proto__ key', 'budgets/save', withOwnKey('__proto__', Array.from({ length: 100_000 }, () => ({}))), 'budgets/save: payload: more than 20,000 values'],
  ])('should refuse a payload %s with invalid_input naming the bound', async (_case, key, payload, message) => {
    expect(await refusal(key, payload)).toEqual({ code: 'invalid_input', message: expect.stringContaining(message) });
  });
});

describe('documents over 240 KiB', () => {
  // 2,000 euro signs are 6,000 bytes of UTF-8: 60 such descriptions pass 240 KiB, though the
  // schema's limits (set for ASCII text) let them through, and the payload is under 500 KB.
  const themes = Array.from({ length: 60 }, (_unused, index) => ({
    id: `theme-${index}`,
    name: `Theme ${index}`,
    label: `theme-${index}`,
    targetAllocation: null,
    description: '€'.repeat(2_000),
  }));

  it('should refuse themes that would be over 240 KiB once stored with invalid_input a person understands, storing nothing', async () => {
    expect(themes.length).toBeLessThanOrEqual(MAX_THEMES);
    const result = await backend.callRaw('rte', 'themes/save', { themes, version: null });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/^This is too large to save: it would take 3\d\d\.\d KiB, and one saved document holds at most 240 KiB\. Shorten some texts or remove some items, then save again\.$/),
      },
    });
    // The document and its history entry are one transaction, refused as a whole.
    expect(dataOf(await backend.call('rte', 'themes/list'))).toEqual({ themes: [], version: null });
    expect(dataOf(await backend.call('rte', 'history/list', {})).entries).toEqual([]);
  });
});
