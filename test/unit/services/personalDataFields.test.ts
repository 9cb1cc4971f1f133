import { historyEntrySchema, okrCheckInsDocumentSchema, participatoryDocumentSchema } from '../../../src/contract/documents';
import { ANONYMOUS_ACCOUNT_ID, FORMER_USER_NAME, accountMentions, anonymiseAccounts } from '../../../src/services/personalDataFields';

const JANE = '557058:jane-0001';
const OMAR = '712020:omar-0002';

const historyEntry = (accountId: string, at: number, summary: string, changes: unknown[] = []) => ({
  schemaVersion: 1,
  at,
  accountId,
  action: 'okrs/save',
  subject: { kind: 'okrs', key: '2026-Q4' },
  version: 3,
  summary,
  changes,
});

const session = {
  schemaVersion: 1,
  period: '2026-Q4',
  total: 1000,
  valueStreamIds: ['payments'],
  epicKeys: [],
  participants: [JANE, OMAR],
  openedBy: OMAR,
  openedAt: 1_000,
  submissions: [{ accountId: JANE, displayName: 'Jane Doe', allocation: { payments: 1000 }, rationale: 'Jane Doe thinks so', at: 2_000 }],
  adopted: null,
};

describe('accountMentions', () => {
  it('should find the author of a history entry with its time when the entry names an account', () => {
    expect(accountMentions(historyEntry(JANE, 5_000, 'saved'))).toEqual([{ accountId: JANE, at: 5_000 }]);
  });

  it('should find people inside history changes with the entry time when a change holds a person', () => {
    const entry = historyEntry(OMAR, 5_000, 'owner changed', [{ field: 'owner', from: { accountId: JANE, displayName: 'Jane Doe' }, to: null }]);
    expect(accountMentions(entry)).toEqual([
      { accountId: OMAR, at: 5_000 },
      { accountId: JANE, at: 5_000, displayName: 'Jane Doe' },
    ]);
  });

  it('should find opener, participants and submitters with their own times when the document is a participatory session', () => {
    expect(accountMentions(session)).toEqual([
      { accountId: OMAR, at: 1_000 },
      { accountId: JANE, at: 1_000 },
      { accountId: OMAR, at: 1_000 },
      { accountId: JANE, at: 2_000, displayName: 'Jane Doe' },
    ]);
  });

  it('should find the WSJF author with its updatedAt when a cached epic holds the property', () => {
    const chunk = { schemaVersion: 3, epics: [{ id: '1', updatedAt: 9_000, wsjf: { version: 2, updatedAt: 7_000, updatedBy: JANE } }] };
    expect(accountMentions(chunk)).toEqual([{ accountId: JANE, at: 7_000 }]);
  });

  it.each([
    ['an empty id (entries written by triggers)', historyEntry('', 1, 'refresh')],
    ['an already anonymised id', historyEntry(ANONYMOUS_ACCOUNT_ID, 1, 'x')],
    ['an OKR owner without a time', { objectives: [{ keyResults: [{ owner: null }] }] }],
    ['a number where an id would be', { accountId: 42, at: 1 }],
  ])('should find nobody when the document holds %s', (_case, value) => {
    expect(accountMentions(value)).toEqual([]);
  });

  it('should report no time when nothing in the document says when', () => {
    expect(accountMentions({ objectives: [{ keyResults: [{ owner: { accountId: JANE, displayName: 'Jane' } }] }] })).toEqual([
      { accountId: JANE, at: null, displayName: 'Jane' },
    ]);
  });
});

describe('anonymiseAccounts', () => {
  const closedJane = new Map([[JANE, new Set(['Jane Doe'])]]);

  it('should replace the closed id, its display name and its name in free text when a session names it', () => {
    const { value, changed } = anonymiseAccounts(session, closedJane);
    expect(changed).toBe(true);
    expect(value).toEqual({
      ...session,
      participants: [ANONYMOUS_ACCOUNT_ID, OMAR],
      submissions: [{ ...session.submissions[0], accountId: ANONYMOUS_ACCOUNT_ID, displayName: FORMER_USER_NAME, rationale: `${FORMER_USER_NAME} thinks so` }],
    });
    expect(participatoryDocumentSchema.safeParse(value).success).toBe(true);
  });

  it('should keep other people as they were when only one account is closed', () => {
    const entry = historyEntry(OMAR, 5, `Allocation submitted by Omar; Jane Doe (${JANE}) agreed`);
    const { value } = anonymiseAccounts(entry, closedJane);
    expect(value).toEqual({ ...entry, summary: `Allocation submitted by Omar; ${FORMER_USER_NAME} (${FORMER_USER_NAME}) agreed` });
    expect(historyEntrySchema.safeParse(value).success).toBe(true);
  });

  it('should leave a name that is only part of a longer word when it replaces names in text', () => {
    const closedJo = new Map([[JANE, new Set(['Jo'])]]);
    const { value, changed } = anonymiseAccounts({ note: 'Jon and Joanna met Jo.' }, closedJo);
    expect(value).toEqual({ note: `Jon and Joanna met ${FORMER_USER_NAME}.` });
    expect(changed).toBe(true);
  });

  it('should report no change when the document does not name the closed account', () => {
    const entry = historyEntry(OMAR, 5, 'saved');
    expect(anonymiseAccounts(entry, closedJane)).toEqual({ value: entry, changed: false });
  });

  it('should anonymise a check-in author and keep the trail valid when a check-in names the closed account', () => {
    const trail = {
      schemaVersion: 1,
      period: '2026-Q4',
      objectiveId: 'o1',
      keyResultId: 'k1',
      checkIns: [{ at: 3, by: { accountId: JANE, displayName: 'Jane Doe' }, value: 4, confidence: 7, note: '' }],
    };
    const { value } = anonymiseAccounts(trail, closedJane);
    expect((value as typeof trail).checkIns[0]?.by).toEqual({ accountId: ANONYMOUS_ACCOUNT_ID, displayName: FORMER_USER_NAME });
    expect(okrCheckInsDocumentSchema.safeParse(value).success).toBe(true);
  });

  it('should keep a __proto__ key as a plain key when a stored document has one', () => {
    const stored = JSON.parse(`{"__proto__": {"accountId": "${JANE}"}, "at": 1}`) as unknown;
    const { value } = anonymiseAccounts(stored, closedJane);
    expect(JSON.stringify(value)).toBe(`{"__proto__":{"accountId":"${ANONYMOUS_ACCOUNT_ID}"},"at":1}`);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
