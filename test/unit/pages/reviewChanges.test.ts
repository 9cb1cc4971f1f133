/** How the Review page names change categories (known and added later) and writes the changes as CSV. */
import { categoryLabel, changesCsv, documentRoute } from '../../../static/global-page/review/changes';
import { shiftQuarter } from '../../../static/global-page/okrs/quarters';

describe('categoryLabel', () => {
  it.each([
    ['state', 'Moved'],
    ['okr-checkin', 'OKR check-in'],
    ['budget', 'Budget'],
    ['epic/businessCase', 'Business case'],
    ['guardrails', 'Guardrails'],
    ['epic/businessCase/decide', 'Business case decide'],
  ])('should label %s as %s', (category, label) => {
    expect(categoryLabel(category)).toBe(label);
  });
});

describe('documentRoute', () => {
  it.each([
    ['okrs', '/okrs'],
    ['budget', '/strategy'],
    ['settings', null],
  ])('should open %s on %s', (kind, route) => {
    expect(documentRoute(kind)).toBe(route);
  });
});

describe('changesCsv', () => {
  it('should quote fields with commas, quotes and line breaks, and leave empty ones empty', () => {
    const csv = changesCsv([
      {
        at: Date.UTC(2026, 10, 20, 9),
        category: 'okr-checkin',
        title: '2026-Q4',
        summary: 'Check-in on "Payout time": 48 → 26 h, confidence 7/10',
        epicKey: null,
        document: { kind: 'okrs', key: '2026-Q4' },
        fromState: null,
        toState: null,
      },
      { at: Date.UTC(2026, 10, 21), category: 'state', title: 'Wallet', summary: 'Analyzing → Implementing', epicKey: 'PAY-12', document: null, fromState: 'Analyzing', toState: 'Implementing' },
    ]);
    expect(csv).toBe(
      'date,category,epic,document,title,change\r\n' +
        '2026-11-20,OKR check-in,,okrs 2026-Q4,2026-Q4,"Check-in on ""Payout time"": 48 → 26 h, confidence 7/10"\r\n' +
        '2026-11-21,Moved,PAY-12,,Wallet,Analyzing → Implementing\r\n',
    );
  });
});

describe('shiftQuarter', () => {
  it.each([
    ['2026-Q4', 1, '2027-Q1'],
    ['2027-Q1', -1, '2026-Q4'],
    ['2026-Q2', 2, '2026-Q4'],
  ])('should step from %s by %i to %s', (period, by, expected) => {
    expect(shiftQuarter(period, by)).toBe(expected);
  });
});
