/** The permissions matrix's leak scan must find what it looks for wherever it hides, and only that. */
import { leaksIn } from '../builders/leakScan';

const SECRETS = { keys: new Set(['DAT-12']), ids: new Set(['10042']), texts: ['Customer churn model', 'secret marker'] };

describe('leaksIn', () => {
  it.each([
    ['a key inside a sentence', { summary: 'Moved DAT-12 to Done' }, 'key'],
    ['a key as an object key', { byKey: { 'DAT-12': 3 } }, 'key'],
    ['an id as a whole string deep in an array', { rows: [[{ id: '10042' }]] }, 'id'],
    ['a summary inside a longer text', { lines: ['Re-ranked: Customer churn model (WSJF 4)'] }, 'text'],
    ['a marker in an error message', { ok: false, error: { code: 'conflict', message: 'secret marker' } }, 'text'],
  ])('should find %s', (_name, value, what) => {
    expect(leaksIn(value, SECRETS).map((leak) => leak.what)).toEqual([what]);
  });

  it.each([
    ['a longer key that starts alike', { key: 'DAT-123' }],
    ['an id inside a number-like text', { amount: '100420' }],
    ['the same digits as a number', { count: 10042 }],
    ['other projects', { key: 'PAY-12', summary: 'Checkout conversion' }],
  ])('should not flag %s', (_name, value) => {
    expect(leaksIn(value, SECRETS)).toEqual([]);
  });

  it('should allow a key the reader named themselves', () => {
    expect(leaksIn({ results: [{ issueKey: 'DAT-12', status: 'not_found' }] }, SECRETS, new Set(['DAT-12']))).toEqual([]);
  });

  it('should say where the leak is', () => {
    expect(leaksIn({ cards: [{ key: 'PAY-1' }, { key: 'DAT-12' }] }, SECRETS)).toEqual([{ path: '$.cards[1].key', what: 'key', found: 'DAT-12' }]);
  });
});
