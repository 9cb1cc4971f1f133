/**
 * The pages' own logic, without a browser: the one state → appearance mapping, the global page's
 * sub-page routing, the typed invoke client (answers parsed with the contract), the WSJF form's
 * draft and the number formats. @forge/bridge is mocked at the module boundary.
 */
import { invoke as bridgeInvoke } from '@forge/bridge';
import { stateAppearance } from '../../static/shared/appearance';
import { formatDays, formatScore, formatShare } from '../../static/shared/format';
import { invoke, parseAnswer, ResolverCallError } from '../../static/shared/invoke';
import { subPageOf } from '../../static/global-page/routes';
import { componentsOf, draftOf } from '../../static/issue-panel/draft';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn() }));
const mockedBridgeInvoke = bridgeInvoke as jest.MockedFunction<typeof bridgeInvoke>;

const SAFE = ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'];

describe('stateAppearance', () => {
  it.each([
    ['Funnel', 'Implementing', 'new'],
    ['Reviewing', 'Implementing', 'default'],
    ['Portfolio Backlog', 'Implementing', 'default'],
    ['Implementing', 'Implementing', 'inprogress'],
    ['Done', 'Implementing', 'success'],
    ['Analyzing', 'Analyzing', 'inprogress'],
    ['Portfolio Backlog', 'Analyzing', 'inprogress'],
    ['On Hold', 'Implementing', 'removed'],
    [null, 'Implementing', 'removed'],
    ['Reviewing', 'No such state', 'default'],
  ])('should show %s as %s-committed %s', (state, commitment, expected) => {
    expect(stateAppearance(state, SAFE, commitment)).toBe(expected);
  });

  it('should show the last state as done even when it is also the first after the commitment', () => {
    expect(stateAppearance('Shipped', ['Idea', 'Building', 'Shipped'], 'Building')).toBe('success');
  });
});

describe('subPageOf', () => {
  it.each([
    ['/kanban', '/kanban'],
    ['/wsjf', '/wsjf'],
    ['/wsjf/', '/wsjf'],
    ['/okrs/2026-Q3', '/okrs'],
    ['/flow', '/flow'],
    ['/strategy', '/strategy'],
    ['/', '/kanban'],
    ['', '/kanban'],
    ['/unknown', '/kanban'],
  ])('should show %s as the %s sub-page', (pathname, expected) => {
    expect(subPageOf(pathname)).toBe(expected);
  });
});

const WSJF = {
  issueKey: 'PAY-6',
  summary: 'Consolidate chargeback handling',
  theme: null,
  userBusinessValue: 8,
  timeCriticality: 5,
  riskReductionOpportunityEnablement: 3,
  jobSize: 2,
  costOfDelay: 16,
  wsjfScore: 8,
  rank: 24,
  rankedCount: 128,
  version: 3,
  canEdit: true,
  scale: [1, 2, 3, 5, 8, 13, 20],
};

describe('parseAnswer', () => {
  it('should return the data when the envelope is ok and the data fits the contract', () => {
    expect(parseAnswer('epic/wsjf/get', { ok: true, data: WSJF })).toEqual(WSJF);
  });

  it.each([
    [{ ok: false, error: { code: 'conflict', message: 'Someone else saved it.' } }, 'conflict', 'Someone else saved it.'],
    [{ ok: false, error: { code: 'forbidden', message: 'No.' } }, 'forbidden', 'No.'],
    [{ ok: false, error: { code: 'made_up', message: 'x' } }, 'invalid_data', 'epic/wsjf/get answered in an unexpected shape.'],
    [{ data: WSJF }, 'invalid_data', 'epic/wsjf/get answered in an unexpected shape.'],
    [null, 'invalid_data', 'epic/wsjf/get answered in an unexpected shape.'],
  ])('should throw when the answer is %j', (answer, code, message) => {
    let thrown: unknown;
    try {
      parseAnswer('epic/wsjf/get', answer);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ResolverCallError);
    expect(thrown).toMatchObject({ code, message });
  });

  it('should name the field when the data does not fit the contract', () => {
    expect(() => parseAnswer('epic/wsjf/get', { ok: true, data: { ...WSJF, rank: 'first' } })).toThrow(/epic\/wsjf\/get answered with data the page cannot read:[\s\S]*rank/);
  });
});

describe('invoke', () => {
  beforeEach(() => mockedBridgeInvoke.mockReset());

  it('should call the bridge with the key and payload and return the parsed data', async () => {
    mockedBridgeInvoke.mockResolvedValue({ ok: true, data: WSJF });
    await expect(invoke('epic/wsjf/get', { issueKey: 'PAY-6' })).resolves.toEqual(WSJF);
    expect(mockedBridgeInvoke).toHaveBeenCalledWith('epic/wsjf/get', { issueKey: 'PAY-6' });
  });

  it('should turn a rejected bridge call into an invoke_failed error with its message', async () => {
    mockedBridgeInvoke.mockRejectedValue(new Error('There was an error invoking the function - boom'));
    await expect(invoke('me/get', {})).rejects.toMatchObject({ code: 'invoke_failed', message: 'There was an error invoking the function - boom' });
  });
});

describe('the WSJF draft', () => {
  it('should hold unset components as empty choices and give them back as null', () => {
    const draft = draftOf({ userBusinessValue: 13, timeCriticality: null, riskReductionOpportunityEnablement: 1, jobSize: null });
    expect(draft).toEqual({ userBusinessValue: '13', timeCriticality: '', riskReductionOpportunityEnablement: '1', jobSize: '' });
    expect(componentsOf(draft)).toEqual({ userBusinessValue: 13, timeCriticality: null, riskReductionOpportunityEnablement: 1, jobSize: null });
  });
});

describe('formats', () => {
  it.each([
    [formatScore(null), '—'],
    [formatScore(8), '8'],
    [formatScore(2.6), '2.6'],
    [formatScore(17.666), '17.7'],
    [formatDays(null), '—'],
    [formatDays(1), '1 day'],
    [formatDays(91.4), '91.4 days'],
    [formatShare(0.97), '97%'],
    [formatShare(null), '—'],
    [formatDays(2.25), '2.3 days'],
  ])('should read %s as %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
