/** Stored strategy documents of an older schema read as the current one (migrated on read, never on disk). */
import { migrateDocument } from '../../../src/services/documents';
import { budgetKind } from '../../../src/services/budgets';
import { themesKind } from '../../../src/services/themes';

describe('themes schema 1 → 2', () => {
  it('should read a schema-1 theme as blue and active in every quarter', () => {
    const v1 = { schemaVersion: 1, themes: [{ id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: 0.5, description: 'More' }] };
    expect(migrateDocument(themesKind, 'themes', v1)).toEqual({
      schemaVersion: 2,
      themes: [{ id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: 0.5, description: 'More', colour: 'blue', activeQuarters: [] }],
    });
  });
});

describe('budgets schema 1 → 2', () => {
  it('should turn the quarter actual spend into a first-month entry and drop the epics and guardrails', () => {
    const v1 = {
      schemaVersion: 1,
      period: '2026-Q3',
      lines: [
        { valueStreamId: 'payments', budget: 300_000, actualSpend: 120_000 },
        { valueStreamId: 'mobile', budget: 100_000, actualSpend: 0 },
      ],
      epics: { 'PAY-1': { costEstimate: 10, approval: null } },
      allocationTargets: { business: 0.7 },
      allocationTolerance: 0.05,
      approvalThreshold: 50_000,
    };
    expect(migrateDocument(budgetKind, '2026-Q3', v1)).toEqual({
      schemaVersion: 2,
      period: '2026-Q3',
      lines: [
        { valueStreamId: 'payments', budget: 300_000, spend: [{ month: '2026-07', amount: 120_000, note: 'Spend recorded before monthly entries' }] },
        { valueStreamId: 'mobile', budget: 100_000, spend: [] },
      ],
    });
  });
});
