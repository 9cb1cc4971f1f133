/** Drafts read back from sessionStorage are checked: anything else reads as no drafts. */
import { parseStoredDrafts } from '../../../static/global-page/wsjf/draftStorage';

const draft = { text: { userBusinessValue: '8', timeCriticality: '', riskReductionOpportunityEnablement: '4', jobSize: '2' }, baseVersion: 3 };

describe('stored scoring-session drafts', () => {
  it('should read back the drafts as typed, off-scale text included, when they were stored by the page', () => {
    expect(parseStoredDrafts(JSON.stringify([['PAY-1', draft]]))).toEqual(new Map([['PAY-1', draft]]));
  });

  it.each([
    ['nothing stored', null],
    ['text that is not JSON', '{'],
    ['another shape', JSON.stringify({ 'PAY-1': draft })],
    ['a version that is not a version', JSON.stringify([['PAY-1', { ...draft, baseVersion: 0 }]])],
    ['a missing component', JSON.stringify([['PAY-1', { ...draft, text: { userBusinessValue: '8' } }]])],
  ])('should read no drafts from %s', (_what, text) => {
    expect(parseStoredDrafts(text)).toEqual(new Map());
  });
});
