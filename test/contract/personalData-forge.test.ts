import api, { route } from '@forge/api';
import { forgePersonalData } from '../../src/adapters/forge/personalData';
import { reportAccountsRequestSchema } from '../../src/contract/personalData';
import { InvalidDataError, InvalidInputError, JiraUnavailableError, RateLimitedError } from '../../src/errors';

// Forge is mocked once, at the module boundary: the app actor's requestAtlassian is a fake, `route`
// the real one from @forge/api (its path guard runs) wrapped in a spy.
jest.mock('@forge/api', () => {
  const { route: realRoute } = jest.requireActual<typeof import('@forge/api/out/safeUrl')>('@forge/api/out/safeUrl');
  const appRequestAtlassian = jest.fn();
  const forgeApi = { asApp: jest.fn(() => ({ requestAtlassian: appRequestAtlassian })), asUser: jest.fn(() => ({ requestAtlassian: jest.fn() })) };
  return { __esModule: true, default: forgeApi, route: jest.fn(realRoute) };
});

const mockedApi = jest.mocked(api);
const requestAtlassian = jest.mocked(mockedApi.asApp().requestAtlassian);

function apiResponse(status: number, bodyText: string, headers: Record<string, string> = {}) {
  return { status, ok: status >= 200 && status < 300, statusText: '', headers: new Headers(headers), text: async () => bodyText, json: async () => JSON.parse(bodyText) as unknown };
}

// Atlassian's documented test accounts: one active, one closed.
const ACTIVE = '5be24ad8b1653240376955d2';
const CLOSED = '5be24ba3f91c106033269289';
const accounts = [
  { accountId: ACTIVE, updatedAt: '2026-11-10T09:00:00.000Z' },
  { accountId: CLOSED, updatedAt: '2026-11-12T09:00:00.000Z' },
];

beforeEach(() => {
  requestAtlassian.mockReset();
  mockedApi.asApp.mockClear();
  mockedApi.asUser.mockClear();
  jest.mocked(route).mockClear();
});

describe('forgePersonalData', () => {
  it('should POST the accounts as the app to /app/report-accounts when it reports', async () => {
    requestAtlassian.mockResolvedValue(apiResponse(204, '') as never);
    await forgePersonalData().reportAccounts(accounts);

    expect(mockedApi.asApp).toHaveBeenCalled();
    expect(mockedApi.asUser).not.toHaveBeenCalled();
    const [url, init] = requestAtlassian.mock.calls[0] ?? [];
    expect(url?.value).toBe('/app/report-accounts');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json' });
    const body = reportAccountsRequestSchema.parse(JSON.parse(String(init?.body)));
    expect(body).toEqual({ accounts });
  });

  it('should answer the closed and updated accounts when Atlassian answers 200', async () => {
    const answer = { accounts: [{ accountId: CLOSED, status: 'closed' }, { accountId: ACTIVE, status: 'updated', extra: true }] };
    requestAtlassian.mockResolvedValue(apiResponse(200, JSON.stringify(answer)) as never);
    expect(await forgePersonalData().reportAccounts(accounts)).toEqual([
      { accountId: CLOSED, status: 'closed' },
      { accountId: ACTIVE, status: 'updated' },
    ]);
  });

  it('should answer nothing to do when Atlassian answers 204', async () => {
    requestAtlassian.mockResolvedValue(apiResponse(204, '') as never);
    expect(await forgePersonalData().reportAccounts(accounts)).toEqual([]);
  });

  it('should ignore an answer about an account the request did not name', async () => {
    const answer = { accounts: [{ accountId: 'someone-else', status: 'closed' }] };
    requestAtlassian.mockResolvedValue(apiResponse(200, JSON.stringify(answer)) as never);
    expect(await forgePersonalData().reportAccounts(accounts)).toEqual([]);
  });

  it('should throw RateLimitedError with the wait when Atlassian answers 429 with Retry-After', async () => {
    requestAtlassian.mockResolvedValue(apiResponse(429, '', { 'Retry-After': '30' }) as never);
    const error: unknown = await forgePersonalData().reportAccounts(accounts).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 30_000, status: 429 });
  });

  it.each([
    ['a 500', apiResponse(500, 'oops'), JiraUnavailableError],
    ['a 403 (scope report:personal-data missing)', apiResponse(403, '{"message":"Unauthorized"}'), JiraUnavailableError],
    ['a 200 that is not JSON', apiResponse(200, '<html>'), InvalidDataError],
    ['a 200 with an unknown status', apiResponse(200, JSON.stringify({ accounts: [{ accountId: CLOSED, status: 'deleted' }] })), InvalidDataError],
    ['a 200 without accounts', apiResponse(200, '{}'), InvalidDataError],
  ])('should throw a typed error when Atlassian answers %s', async (_case, response, errorClass) => {
    requestAtlassian.mockResolvedValue(response as never);
    await expect(forgePersonalData().reportAccounts(accounts)).rejects.toBeInstanceOf(errorClass);
  });

  it.each([
    ['no accounts', []],
    ['91 accounts', Array.from({ length: 91 }, (_, index) => ({ accountId: `a${index}`, updatedAt: '2026-11-10T09:00:00Z' }))],
    ['a time without an offset', [{ accountId: ACTIVE, updatedAt: '2026-11-10 09:00' }]],
    ['an empty account id', [{ accountId: '', updatedAt: '2026-11-10T09:00:00Z' }]],
  ])('should refuse %s before sending anything', async (_case, refused) => {
    await expect(forgePersonalData().reportAccounts(refused)).rejects.toBeInstanceOf(InvalidInputError);
    expect(requestAtlassian).not.toHaveBeenCalled();
  });
});
