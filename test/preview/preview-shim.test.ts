/**
 * The pure parts of the preview: the Forge context the shim gives each module, where a navigation
 * request lands, routes and flags as the bridge passes them, which demo Jira writes are kept, and
 * how the shim is put into a page.
 */
import { journalable } from '../../preview/demoJira';
import { injectShim, safeJoin } from '../../preview/pages';
import { backendContext, frontendContext } from '../../preview/shim/context';
import { flagFromOptions } from '../../preview/shim/flags';
import { parseRoute } from '../../preview/shim/history';
import { resolveNavigation } from '../../preview/shim/navigation';
import { launcherUrl, pageUrl, type PreviewPageConfig } from '../../preview/shim/config';
import { demoActors, findUser, siteActors, userOrDefault } from '../../preview/users';

function pageConfig(overrides: Partial<PreviewPageConfig> = {}): PreviewPageConfig {
  return {
    page: 'global-page',
    user: { key: 'rte', accountId: '712020:rte', displayName: 'Rae Engel (RTE)' },
    colorMode: 'light',
    route: '/kanban',
    issue: null,
    siteUrl: 'http://127.0.0.1:4100/jira',
    cloudId: 'cloud-1',
    appId: 'app-1',
    environmentId: 'preview',
    invokeUrl: '/api/invoke',
    tokensCssUrl: '/__preview/tokens.css',
    ...overrides,
  };
}

const EPIC = { id: '10007', key: 'DAT-1', type: 'Epic', typeId: '10000', summary: 'Harden dashboards', project: { id: '10002', key: 'DAT' } };

describe('the module context', () => {
  it.each([
    ['global-page', 'lean-portfolio', 'jira:globalPage'],
    ['issue-panel', 'wsjf-panel', 'jira:issuePanel'],
    ['admin-page', 'lean-portfolio-settings', 'jira:adminPage'],
  ] as const)('should name the %s module as the manifest does', (page, moduleKey, type) => {
    const context = frontendContext(pageConfig({ page, issue: page === 'issue-panel' ? EPIC : null }), 'http://host/');
    expect(context).toMatchObject({ moduleKey, accountId: '712020:rte', extension: { type } });
  });

  it('should give the issue panel its epic from the page config when the panel is on an epic', () => {
    const context = frontendContext(pageConfig({ page: 'issue-panel', issue: EPIC }), 'http://host/');
    expect(context.extension).toEqual({
      type: 'jira:issuePanel',
      issue: { id: '10007', key: 'DAT-1', type: 'Epic', typeId: '10000' },
      project: { id: '10002', key: 'DAT', type: 'software' },
      isNewToIssue: false,
    });
  });

  it('should report the colour mode in the theme when the page is dark', () => {
    expect(frontendContext(pageConfig({ colorMode: 'dark' }), 'http://host/').theme).toMatchObject({ colorMode: 'dark', dark: 'dark', light: 'light' });
  });

  it('should leave the caller out of what goes to the resolver when the context is forwarded', () => {
    const context = backendContext(pageConfig(), 'http://host/?module=global-page');
    expect(context).not.toHaveProperty('accountId');
    expect(context).toMatchObject({ moduleKey: 'lean-portfolio', extension: { type: 'jira:globalPage', location: 'http://host/?module=global-page' } });
  });
});

describe('navigation', () => {
  const scope = { origin: 'http://127.0.0.1:4100', siteUrl: 'http://127.0.0.1:4100/jira', user: 'member', colorMode: 'dark' as const };

  it.each([
    [{ target: 'issue', issueKey: 'PAY-6' }, 'http://127.0.0.1:4100/?module=issue-panel&user=member&theme=dark&issueKey=PAY-6'],
    [{ url: '/browse/MOB-12' }, 'http://127.0.0.1:4100/?module=issue-panel&user=member&theme=dark&issueKey=MOB-12'],
    [{ target: 'module', moduleKey: 'lean-portfolio', path: 'wsjf' }, 'http://127.0.0.1:4100/?module=global-page&user=member&theme=dark&route=%2Fwsjf'],
    [{ target: 'module', moduleKey: 'lean-portfolio-settings' }, 'http://127.0.0.1:4100/?module=admin-page&user=member&theme=dark'],
    [{ url: 'https://example.com/docs' }, 'https://example.com/docs'],
    [{ url: '/jira/software/projects' }, 'http://127.0.0.1:4100/jira/jira/software/projects'],
    [{ target: 'module', moduleKey: 'someone-elses-module' }, null],
    [{ target: 'dashboard', dashboardId: '1' }, null],
    [{ url: 'javascript:alert(1)' }, null],
  ])('should send %j to %s', (request, expected) => {
    expect(resolveNavigation(request, scope)).toBe(expected);
  });
});

describe('routes and flags', () => {
  it.each([
    ['/wsjf', { pathname: '/wsjf', search: '', hash: '' }],
    ['/okrs?period=2026-Q3#top', { pathname: '/okrs', search: '?period=2026-Q3', hash: '#top' }],
    ['flow', { pathname: '/flow', search: '', hash: '' }],
    ['/', { pathname: '/', search: '', hash: '' }],
  ])('should split the route %s into a location', (route, expected) => {
    expect(parseRoute(route)).toMatchObject(expected);
  });

  it.each([
    [{ id: 'saved', title: 'Saved', description: 'PAY-6: WSJF 8', type: 'success', isAutoDismiss: true }, { id: 'saved', title: 'Saved', description: 'PAY-6: WSJF 8', type: 'success', autoDismiss: true }],
    [{ id: 'x', title: 'Hm', type: 'nonsense' }, { id: 'x', title: 'Hm', description: '', type: 'info', autoDismiss: false }],
    [null, { id: '', title: '', description: '', type: 'info', autoDismiss: false }],
  ])('should read the showFlag options %j', (options, expected) => {
    expect(flagFromOptions(options)).toEqual(expected);
  });
});

describe('URLs of the preview', () => {
  it.each([
    [pageUrl('global-page', { user: 'rte', colorMode: 'light' }), '/app/global-page/?user=rte&theme=light&route=%2Fkanban'],
    [pageUrl('issue-panel', { user: 'member', colorMode: 'dark', issueKey: 'PAY-6' }), '/app/issue-panel/?user=member&theme=dark&issueKey=PAY-6'],
    [pageUrl('admin-page', { user: 'rte', colorMode: 'light', route: '/ignored' }), '/app/admin-page/?user=rte&theme=light'],
    [launcherUrl({ module: 'global-page', user: 'rte', colorMode: 'light', route: '/flow', issueKey: 'X-1' }), '/?module=global-page&user=rte&theme=light&route=%2Fflow'],
  ])('should build %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('the demo Jira journal', () => {
  it.each([
    ['PUT', '/rest/api/3/issue/PAY-6/properties/lean-portfolio.wsjf', true],
    ['DELETE', '/rest/api/3/issue/10007/properties/lean-portfolio.wsjf', true],
    ['POST', '/rest/api/3/issue/PAY-6/transitions', true],
    ['POST', '/rest/api/3/issue/PAY-6/transitions/', true],
    ['PUT', '/rest/api/3/issue/PAY-6', true],
    ['DELETE', '/rest/api/3/issue/PAY-6', false],
    ['GET', '/rest/api/3/issue/PAY-6/transitions', false],
    ['POST', '/rest/api/3/issue/PAY-6/properties/lean-portfolio.wsjf', false],
    ['PUT', '/rest/api/3/issue/PAY-6/transitions', false],
    ['POST', '/rest/api/3/search/jql', false],
    ['POST', '/rest/api/3/changelog/bulkfetch', false],
  ])('should keep %s %s: %s', (method, path, kept) => {
    expect(journalable(method, path)).toBe(kept);
  });
});

describe('the page shell', () => {
  const config = pageConfig();

  it('should place the config and the shim before the first script when the page has one', () => {
    const html = '<html><head><title>t</title><script type="module" src="./a.js"></script></head><body></body></html>';
    const injected = injectShim(html, config);
    expect(injected.indexOf('<script src="/__preview/bridge.js"></script>')).toBeLessThan(injected.indexOf('<script type="module"'));
    expect(injected.startsWith('<html><head><title>t</title><script>window.__LPM_PREVIEW__ = ')).toBe(true);
  });

  it('should place them at the end of the head when the page has no script', () => {
    const injected = injectShim('<html><head><title>t</title></head><body></body></html>', config);
    expect(injected).toMatch(/<script src="\/__preview\/bridge\.js"><\/script>\n\s*<\/head>/);
  });

  it('should refuse a page with neither a script nor a head', () => {
    expect(() => injectShim('<p>hi</p>', config)).toThrow(/neither a <script> nor a <\/head>/);
  });

  it('should keep a summary with </script> from closing the config script', () => {
    const injected = injectShim('<head></head>', pageConfig({ page: 'issue-panel', issue: { ...EPIC, summary: '</script><script>alert(1)</script>' } }));
    expect(injected.match(/<\/script>/g)).toHaveLength(2);
    expect(injected).toContain('\\u003c/script>');
  });

  it.each([
    ['assets/index.js', '/srv/page/assets/index.js'],
    ['a%20b.js', '/srv/page/a b.js'],
    ['../secret', '/srv/page/secret'],
    ['..%2F..%2Fetc%2Fpasswd', '/srv/page/etc/passwd'],
    ['%E0%A4%A', null],
    ['a%00b', null],
    // The folder itself: sendStaticFile then refuses it as not a file.
    ['', '/srv/page'],
  ])('should resolve %s inside the page folder as %s', (relative, expected) => {
    expect(safeJoin('/srv/page', relative)).toBe(expected);
  });
});

describe('preview users', () => {
  it('should offer the RTE first and the team member on the demo Jira, with the app kept apart', () => {
    const actors = demoActors();
    expect(actors.users.map((user) => [user.key, user.accountId])).toEqual([
      ['rte', '712020:rte'],
      ['member', '712020:member'],
    ]);
    expect(actors.app.email).toBe('app@demo.example');
  });

  it('should act as the token owner for both the user and the app when a real site is read', () => {
    const actors = siteActors({ baseUrl: 'https://x.atlassian.net', email: 'me@x.com', apiToken: 't' }, { accountId: '5b10a', displayName: 'Me' });
    expect(actors.users).toEqual([{ key: 'site', accountId: '5b10a', displayName: 'Me', email: 'me@x.com', apiToken: 't' }]);
    expect(actors.app).toEqual({ email: 'me@x.com', apiToken: 't' });
  });

  it.each([
    ['member', 'member', 'member'],
    ['nobody', undefined, 'rte'],
    [null, undefined, 'rte'],
  ])('should find %s as %s and show %s', (key, found, shown) => {
    const actors = demoActors();
    expect(findUser(actors, key)?.key).toBe(found);
    expect(userOrDefault(actors, key).key).toBe(shown);
  });
});
