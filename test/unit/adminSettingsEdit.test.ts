import { addState, differingFields, mapStatus, moveState, parseScale, removeState, renameState } from '../../static/admin-page/settingsEdit';
import { defaultSettings } from '../../src/services/settings';

const base = { ...defaultSettings(), mapping: { '1': 'Funnel', '5': 'Implementing' }, active: ['Implementing'] };

describe('settings edits', () => {
  it('should rename a state everywhere it is named when it is renamed', () => {
    const renamed = renameState(base, 4, 'Building');
    expect(renamed.states[4]).toBe('Building');
    expect(renamed.commitment).toBe('Building');
    expect(renamed.active).toEqual(['Building']);
    expect(renamed.mapping).toEqual({ '1': 'Funnel', '5': 'Building' });
    expect(renamed.wipLimits).toEqual({ Reviewing: 10, Analyzing: 5, Building: 8 });
  });

  it('should unmap its statuses and drop its WIP limit when a state is removed', () => {
    const removed = removeState(base, 4);
    expect(removed.states).not.toContain('Implementing');
    expect(removed.mapping).toEqual({ '1': 'Funnel' });
    expect(removed.wipLimits).toEqual({ Reviewing: 10, Analyzing: 5 });
  });

  it('should keep Done last when states move or are added', () => {
    expect(moveState(base, 0, 1).states.slice(0, 2)).toEqual(['Reviewing', 'Funnel']);
    expect(moveState(base, 4, 1)).toBe(base);
    expect(moveState(base, 5, -1)).toBe(base);
    expect(addState(base).states.slice(-2)).toEqual(['New state 1', 'Done']);
  });

  it('should start an explicit mapping from the name mapping when the first status is mapped', () => {
    const byName = { ...base, mapping: null };
    expect(mapStatus(byName, { '1': 'Funnel', '2': 'Done' }, '9', 'Analyzing').mapping).toEqual({ '1': 'Funnel', '2': 'Done', '9': 'Analyzing' });
    expect(mapStatus(base, {}, '5', null).mapping).toEqual({ '1': 'Funnel' });
  });

  it('should read a scale and list the fields two versions differ in', () => {
    expect(parseScale('1, 2, 3,5')).toEqual([1, 2, 3, 5]);
    expect(parseScale('1, two')).toBeNull();
    expect(differingFields(base, { ...base, timeZone: 'Europe/Berlin' })).toEqual(['timeZone']);
  });
});
