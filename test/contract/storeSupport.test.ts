import { escapeBytes } from '../../src/adapters/storeSupport';

describe('escapeBytes', () => {
  it.each([
    ['settings', /[a-z]/, 'settings'],
    ['Key 1', /[a-z0-9]/, '_4bey_201'],
    ['a_b', /[a-z]/, 'a_5fb'],
    ['é', /[a-z]/, '_c3_a9'],
    ['€', /[A-Za-z]/, '_e2_82_ac'],
    ['', /[a-z]/, ''],
  ])('should write %j as %j when keeping %s', (text, keep, expected) => {
    expect(escapeBytes(text, keep)).toBe(expected);
  });
});
