import { jiraHistorySchema, jiraInstantSchema } from '../../src/contract/jira';

describe('Jira payload schemas', () => {
  it.each([
    ['Jira offset without a colon', '2025-01-15T09:30:00.000+0000', Date.UTC(2025, 0, 15, 9, 30)],
    ['Jira offset east of UTC', '2025-03-30T02:30:00.000+0200', Date.UTC(2025, 2, 30, 0, 30)],
    ['ISO with Z', '2025-01-15T09:30:00Z', Date.UTC(2025, 0, 15, 9, 30)],
    ['bulkfetch epoch millis', 1736933400000, 1736933400000],
  ])('should read %s as epoch millis when a timestamp is parsed', (_case, input, expected) => {
    expect(jiraInstantSchema.parse(input)).toBe(expected);
  });

  it('should refuse a timestamp when it is not a date-time', () => {
    expect(jiraInstantSchema.safeParse('last tuesday').success).toBe(false);
  });

  it('should read a missing toString/fromString as null when a history item omits them', () => {
    const history = jiraHistorySchema.parse({ created: 0, items: [{ field: 'status', from: '1', to: '3' }] });
    expect(history.items[0]).toMatchObject({ field: 'status', from: '1', to: '3', fromString: null, toString: null });
  });

  it('should keep the own toString when a history item has one', () => {
    const history = jiraHistorySchema.parse({ created: 0, items: [{ field: 'Flagged', toString: 'Impediment', fromString: '' }] });
    expect(history.items[0]).toMatchObject({ toString: 'Impediment', fromString: '' });
  });
});
