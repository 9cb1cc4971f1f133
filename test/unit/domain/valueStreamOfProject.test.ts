import { themeOfEpic, valueStreamOfProject, valueStreamsByProjectKey } from '../../../src/domain/themes';
import type { StrategicTheme, ValueStreamClaim } from '../../../src/domain/themes';

const stream = (overrides: Partial<ValueStreamClaim> & Pick<ValueStreamClaim, 'id'>): ValueStreamClaim => ({
  name: overrides.id,
  projectKeys: [],
  ...overrides,
});

describe('valueStreamOfProject', () => {
  const streams = [
    stream({ id: 'vs-customer', name: 'Customer', projectKeys: ['PAY', 'MOB'] }),
    stream({ id: 'vs-platform', name: 'Platform', projectKeys: ['PLT', 'PAY'] }),
  ];
  const byProjectKey = valueStreamsByProjectKey(streams);

  it.each([
    ['a project one stream claims', { key: 'MOB', name: 'Mobile Experience' }, { id: 'vs-customer', name: 'Customer' }],
    ['a project two streams claim (the first in list order wins)', { key: 'PAY', name: 'Payments' }, { id: 'vs-customer', name: 'Customer' }],
    ['a project of the second stream', { key: 'PLT', name: 'Platform project' }, { id: 'vs-platform', name: 'Platform' }],
    ['a project no stream claims (its own stream, named after the project)', { key: 'DAT', name: 'Data & Analytics' }, { id: 'DAT', name: 'Data & Analytics' }],
    ['an unclaimed project without a name (named by its key)', { key: 'OPS', name: '' }, { id: 'OPS', name: 'OPS' }],
  ])('should give the stream id and name when the epic is in %s', (_case, project, expected) => {
    expect(valueStreamOfProject(project, byProjectKey)).toEqual(expected);
  });

  it('should make every project its own stream when no value stream is defined', () => {
    expect(valueStreamOfProject({ key: 'PAY', name: 'Payments' }, valueStreamsByProjectKey([]))).toEqual({ id: 'PAY', name: 'Payments' });
  });

  it('should map each claimed project key once when the map is built', () => {
    expect([...byProjectKey.entries()]).toEqual([
      ['PAY', { id: 'vs-customer', name: 'Customer' }],
      ['MOB', { id: 'vs-customer', name: 'Customer' }],
      ['PLT', { id: 'vs-platform', name: 'Platform' }],
    ]);
  });
});

describe('themeOfEpic with a richer theme type', () => {
  interface StoredTheme extends StrategicTheme {
    readonly colour: string;
  }
  const themes: StoredTheme[] = [{ id: 't-growth', name: 'Growth', label: 'theme-growth', targetAllocation: 0.5, colour: 'green' }];

  it('should return the caller\'s own theme object when a label matches', () => {
    const theme: StoredTheme | null = themeOfEpic(['theme-growth'], themes);
    expect(theme).toBe(themes[0]);
    expect(theme?.colour).toBe('green');
  });
});
