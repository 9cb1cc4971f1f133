/**
 * The preview server without a browser: the invoke route in front of the real resolver handler,
 * the pages served byte for byte with the bridge shim injected, the launcher, the demo Jira mount,
 * saved data surviving a restart, and the 4xx answers.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { generatePortfolio, startDemoJira } from '../../preview/demo-jira';
import { startPreview, type RunningPreview } from '../../preview/server';
import { PAYLOAD_TOO_LARGE_MESSAGE } from '../../src/resolvers/payloadBounds';
import { recordingLog } from '../../src/runtime/recordingLog';
import { ensurePagesBuilt, invokeAs, makeTempDir, REPO_ROOT, startTestPreview } from '../e2e/support/harness';

jest.setTimeout(60_000);

const RTE_AUTH = `Basic ${Buffer.from('rte@demo.example:demo-rte').toString('base64')}`;

let preview: RunningPreview;
let temp: { dir: string; remove: () => void };

beforeAll(async () => {
  ensurePagesBuilt();
  temp = makeTempDir('lpm-preview-');
  preview = await startTestPreview(temp.dir);
});

afterAll(async () => {
  await preview?.close();
  temp?.remove();
});

async function get(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(pathAndQuery, preview.url), { redirect: 'manual', ...init });
}

async function jira(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  return get(`/jira${pathAndQuery}`, { ...init, headers: { authorization: RTE_AUTH, 'content-type': 'application/json', ...init.headers } });
}

function builtHtml(page: string): string {
  return readFileSync(path.join(REPO_ROOT, 'static', 'dist', `${page}.html`), 'utf8');
}

/** The config the server injected into a page. */
function injectedConfig(html: string): Record<string, unknown> {
  const match = /<script>window\.__LPM_PREVIEW__ = (.*?);<\/script>/.exec(html);
  if (match === null) throw new Error('no injected config');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

function withoutShim(html: string): string {
  return html.replace(/<script>window\.__LPM_PREVIEW__ = .*?;<\/script>\n\s*<script src="\/__preview\/bridge\.js"><\/script>\n\s*/, '');
}

describe('POST /api/invoke', () => {
  it('should answer with the resolver envelope when a known user calls a resolver', async () => {
    const { status, body } = await invokeAs(preview.url, 'rte', 'me/get');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, data: { accountId: '712020:rte', canAdminister: true } });
  });

  it('should run as the chosen preview user when the context names another account', async () => {
    const response = await fetch(new URL('/api/invoke', preview.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionKey: 'me/get', payload: {}, user: 'member', context: { accountId: '712020:rte' } }),
    });
    expect(await response.json()).toMatchObject({ ok: true, data: { accountId: '712020:member', canAdminister: false } });
  });

  it('should give the team member no DAT epic when the RTE sees some on the board', async () => {
    const projectsOf = (body: unknown) => new Set((body as { data: { cards: { projectKey: string }[] } }).data.cards.map((card) => card.projectKey));
    const rte = await invokeAs(preview.url, 'rte', 'portfolio/board');
    const member = await invokeAs(preview.url, 'member', 'portfolio/board');
    expect(projectsOf(rte.body).has('DAT')).toBe(true);
    expect(projectsOf(member.body).has('DAT')).toBe(false);
    expect(projectsOf(member.body).has('PAY')).toBe(true);
  });

  it('should pass the payload through when the resolver refuses it', async () => {
    const { status, body } = await invokeAs(preview.url, 'rte', 'epic/wsjf/get', { issueKey: 'not a key' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it.each(['no/such/function', 'nope/nope', '__proto__', 'valueOf', 'toString', 'constructor', 'hasOwnProperty'])(
    'should refuse the call as Forge does for an unknown function, without a crash, when the function key is %s',
    async (functionKey) => {
      const { status, body } = await invokeAs(preview.url, 'rte', functionKey);
      expect(status).toBe(404);
      expect(body).toEqual({ message: `Resolver has no definition for '${functionKey}'.` });
    },
  );

  it.each([
    ['not JSON', '{', 400, /not JSON/],
    ['no user', JSON.stringify({ functionKey: 'me/get', payload: {} }), 400, /user/],
    ['an unknown user', JSON.stringify({ functionKey: 'me/get', payload: {}, user: 'mallory' }), 400, /Unknown preview user "mallory"/],
    ['no function key', JSON.stringify({ payload: {}, user: 'rte' }), 400, /functionKey/],
    ['over 500 KB', JSON.stringify({ functionKey: 'me/get', payload: { pad: 'x'.repeat(520 * 1024) }, user: 'rte' }), 413, /^This request is larger than 500 KB, the most Forge passes to an app\./],
  ])('should refuse the request when the body has %s', async (_case, body, expectedStatus, message) => {
    const response = await fetch(new URL('/api/invoke', preview.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(expectedStatus);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });

  it.each([
    ['declares 100 MB and sends 1 KB', { 'content-length': String(100 * 1024 * 1024) }, 1024],
    ['is chunked and passes 500 KB', { 'transfer-encoding': 'chunked' }, 600 * 1024],
  ])('should refuse a body that %s with the handler\'s sentence, without waiting for the rest', async (_case, headers, sent) => {
    // The client never ends its body: only a server that stops reading can answer.
    const url = new URL('/api/invoke', preview.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(`{"functionKey":"me/get","user":"rte","payload":{"pad":"${'x'.repeat(sent)}`);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ message: PAYLOAD_TOO_LARGE_MESSAGE });
  });

  it('should answer 405 when invoke is not a POST', async () => {
    expect((await get('/api/invoke')).status).toBe(405);
  });
});

describe('pages', () => {
  it('should serve the production page byte for byte with the config and the shim before its script', async () => {
    const response = await get('/app/global-page/?user=member&theme=dark&route=/wsjf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(withoutShim(html)).toBe(builtHtml('global-page'));
    expect(html.indexOf('<script src="/__preview/bridge.js"></script>')).toBeLessThan(html.indexOf('<script type="module"'));
    expect(injectedConfig(html)).toMatchObject({
      page: 'global-page',
      user: { key: 'member', accountId: '712020:member' },
      colorMode: 'dark',
      route: '/wsjf',
      issue: null,
      siteUrl: `${preview.url}jira`,
    });
  });

  it('should start the global page on the Kanban when no route is given', async () => {
    const html = await (await get('/app/global-page/?user=rte')).text();
    expect(injectedConfig(html)).toMatchObject({ route: '/kanban', colorMode: 'light' });
  });

  it('should serve a page asset with the bytes of the build from the one URL every page shares', async () => {
    const built = builtHtml('admin-page');
    const script = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/.exec(built)?.[1];
    expect(script).toBeDefined();
    // The page asks relative to /app/admin-page/; every page's chunks live at one URL, as on Forge.
    const asked = await get(`/app/admin-page/${script}`);
    expect(asked.status).toBe(301);
    expect(asked.headers.get('location')).toBe(`/app/${script}`);
    const response = await get(`/app/${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(path.join(REPO_ROOT, 'static', 'dist', script!)))).toBe(true);
  });

  it('should load the same shared chunks for every page when the pages are built as one resource', () => {
    const sharedBy = (page: string) => new Set([...builtHtml(page).matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]));
    const [global, panel, admin] = ['global-page', 'issue-panel', 'admin-page'].map(sharedBy) as [Set<string>, Set<string>, Set<string>];
    const common = [...global].filter((file) => panel.has(file) && admin.has(file));
    expect(common.length).toBeGreaterThan(0);
  });

  it('should give the issue panel its epic when the user can see it', async () => {
    const response = await get('/app/issue-panel/?user=rte&issueKey=DAT-1');
    expect(response.status).toBe(200);
    expect(injectedConfig(await response.text())).toMatchObject({ page: 'issue-panel', issue: { key: 'DAT-1', type: 'Epic', project: { key: 'DAT' } } });
  });

  it.each([
    ['the team member cannot browse the project', '/app/issue-panel/?user=member&issueKey=DAT-1', /do not have permission/],
    ['the issue does not exist', '/app/issue-panel/?user=rte&issueKey=DAT-99999', /do not have permission/],
    ['no issue key is given', '/app/issue-panel/?user=rte', /do not have permission/],
  ])('should answer 404 for the issue panel when %s', async (_case, url, message) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(message);
  });

  it('should answer 404 for the issue panel when the issue is not an epic', async () => {
    const search = await jira('/rest/api/3/search/jql?jql=issuetype%20%3D%20Story%20ORDER%20BY%20key%20ASC&fields=summary&maxResults=1');
    const story = ((await search.json()) as { issues: { key: string }[] }).issues[0]!.key;
    const response = await get(`/app/issue-panel/?user=rte&issueKey=${story}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(`epics only; ${story} is a Story`);
  });

  it('should redirect a page path without its slash and keep the query', async () => {
    const response = await get('/app/admin-page?user=member');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/app/admin-page/?user=member');
  });

  it.each([
    ['an unknown path', '/nope'],
    ['an unknown page', '/app/other-page/'],
    ['a missing asset', '/app/global-page/assets/missing.js'],
    ['a path out of the page folder', '/app/global-page/..%2F..%2F..%2Fpackage.json'],
    ['a path out of the page folder (dots)', '/app/global-page/%2e%2e/%2e%2e/%2e%2e/package.json'],
  ])('should answer 404 for %s', async (_case, url) => {
    expect((await get(url)).status).toBe(404);
  });

  it('should answer 405 when a page is asked with POST', async () => {
    expect((await get('/app/global-page/', { method: 'POST' })).status).toBe(405);
  });
});

describe('launcher and preview assets', () => {
  it('should list both users and the epics the current user can see', async () => {
    const rte = await (await get('/?module=issue-panel&user=rte&issueKey=DAT-1')).text();
    expect(rte).toContain('<option value="rte" selected>Rae Engel (RTE)</option>');
    expect(rte).toContain('<option value="member">Mika Member</option>');
    expect(rte).toMatch(/<option value="DAT-1" selected>DAT-1 — /);
    expect(rte).toContain('src="/app/issue-panel/?user=rte&#38;theme=light&#38;issueKey=DAT-1"');
    const member = await (await get('/?module=issue-panel&user=member&issueKey=DAT-1')).text();
    expect(member).not.toContain('<option value="DAT-');
    expect(member).toContain('<option value="PAY-');
    expect(member).toContain('DAT-1: Issue does not exist or you do not have permission to see it.');
    expect(member).not.toContain('id="lpm-module"');
  });

  it('should frame the chosen module with the launcher state', async () => {
    const html = await (await get('/?module=global-page&user=member&theme=dark&route=/flow')).text();
    expect(html).toContain('data-color-mode="dark"');
    expect(html).toContain('id="lpm-module" class="frame" title="Lean Portfolio" src="/app/global-page/?user=member&#38;theme=dark&#38;route=%2Fflow"');
  });

  it('should serve the design tokens for both colour modes', async () => {
    const response = await get('/__preview/tokens.css');
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await response.text();
    expect(css).toContain('html[data-color-mode="dark"][data-theme~="dark:dark"]');
    expect(css).toContain('html[data-color-mode="light"][data-theme~="light:light"]');
    expect(css).toContain('--ds-space-100:');
  });

  it.each([['/__preview/bridge.js', '__bridge'], ['/__preview/launcher.js', 'lpm-theme']])('should serve %s', async (url, marker) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toContain(marker);
  });

  it('should mount the demo Jira under /jira with its own authentication', async () => {
    const myself = await jira('/rest/api/3/myself');
    expect(((await myself.json()) as { accountId: string }).accountId).toBe('712020:rte');
    expect((await get('/jira/rest/api/3/myself')).status).toBe(401);
  });

  it.each(['/jira/', '/jira'])('should answer a browser at %s without credentials with a page naming the demo users and a curl call', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html;charset=UTF-8');
    const html = await response.text();
    expect(html).toContain('<h1>Demo Jira</h1>');
    for (const text of ['rte@demo.example', 'demo-rte', 'member@demo.example', 'demo-member', 'browses only PLT']) expect(html).toContain(text);
    expect(html).toContain(`curl -u rte@demo.example:demo-rte &#39;${preview.url}jira/rest/api/3/search/jql?`);
  });

  it.each(['/jira/rest/api/3/search/jql?jql=project%20%3D%20PAY', '/jira/rest/api/3/field'])('should still answer the API at %s with 401 without credentials', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('Client must be authenticated to access this resource.');
  });
});

describe('restarts', () => {
  it('should keep a saved WSJF score and a transition when the preview restarts on the same data folder', async () => {
    const folder = makeTempDir('lpm-restart-');
    const log = recordingLog();
    let first: RunningPreview | undefined = await startTestPreview(folder.dir, log);
    let second: RunningPreview | undefined;
    try {
      const components = { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 2 };
      const before = (await invokeAs(first.url, 'rte', 'epic/wsjf/get', { issueKey: 'PAY-6' })).body as { data: { version: number | null } };
      const saved = await invokeAs(first.url, 'rte', 'epic/wsjf/save', { issueKey: 'PAY-6', components, version: before.data.version });
      // (8 + 5 + 3) / 2
      expect(saved.body).toMatchObject({ ok: true, data: { costOfDelay: 16, wsjfScore: 8 } });

      // Jira matches the email in any case: a write the demo Jira accepts this way is journaled too.
      const auth = { authorization: `Basic ${Buffer.from('RTE@Demo.Example:demo-rte').toString('base64')}`, 'content-type': 'application/json' };
      const transitions = (await (await fetch(new URL('/jira/rest/api/3/issue/PAY-6/transitions', first.url), { headers: auth })).json()) as {
        transitions: { id: string; to: { name: string } }[];
      };
      const move = transitions.transitions.find((transition) => transition.to.name === 'On Hold') ?? transitions.transitions[0]!;
      const moved = await fetch(new URL('/jira/rest/api/3/issue/PAY-6/transitions', first.url), {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ transition: { id: move.id } }),
      });
      expect(moved.status).toBe(204);

      await first.close();
      first = undefined;
      second = await startTestPreview(folder.dir, log);

      const after = await invokeAs(second.url, 'rte', 'epic/wsjf/get', { issueKey: 'PAY-6' });
      expect(after.body).toMatchObject({ ok: true, data: { ...components, wsjfScore: 8 } });
      const issue = (await (await fetch(new URL('/jira/rest/api/3/issue/PAY-6?fields=status', second.url), { headers: auth })).json()) as {
        fields: { status: { name: string } };
      };
      expect(issue.fields.status.name).toBe(move.to.name);
      expect(log.entries).toContainEqual(expect.objectContaining({ message: 'preview: replayed saved demo Jira writes', data: { count: 2 } }));
    } finally {
      await first?.close();
      await second?.close();
      folder.remove();
    }
  });
});

describe('a real Jira site', () => {
  it('should read the site as the token owner, for the user and the app, with no demo Jira mounted', async () => {
    // A standalone demo Jira plays the Jira Cloud site: the preview only knows its URL and a token.
    const site = await startDemoJira({ data: generatePortfolio({ now: Date.UTC(2026, 10, 1) }) });
    const folder = makeTempDir('lpm-site-');
    const onSite = await startPreview({ port: 0, dataDir: folder.dir, log: recordingLog(), jira: { baseUrl: `${site.url}/`, email: 'member@demo.example', apiToken: 'demo-member' } });
    try {
      expect(onSite.jiraUrl).toBe(site.url);
      const me = await invokeAs(onSite.url, 'site', 'me/get');
      expect(me.body).toMatchObject({ ok: true, data: { accountId: '712020:member' } });
      // On a real site the preview does not wait for the first sync: pages show its progress meanwhile.
      let sync = (await invokeAs(onSite.url, 'site', 'sync/status')).body as { data: { status: string } };
      for (let polls = 0; sync.data.status !== 'done' && polls < 100; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        sync = (await invokeAs(onSite.url, 'site', 'sync/status')).body as { data: { status: string } };
      }
      expect(sync.data.status).toBe('done');
      const board = (await invokeAs(onSite.url, 'site', 'portfolio/board')).body as { data: { cards: { projectKey: string }[] } };
      expect(board.data.cards.length).toBeGreaterThan(0);
      expect(board.data.cards.filter((card) => card.projectKey === 'DAT')).toEqual([]);
      const launcherHtml = await (await fetch(onSite.url)).text();
      expect(launcherHtml).toContain('<option value="site" selected>Mika Member</option>');
      expect(launcherHtml).not.toContain('Demo Jira');
      expect((await fetch(new URL('/jira/rest/api/3/myself', onSite.url))).status).toBe(404);
      const used = new Set(site.calls.map((call) => call.user));
      expect(used).toEqual(new Set(['member']));
    } finally {
      await onSite.close();
      await site.close();
      folder.remove();
    }
  });

  it('should not start when the site refuses the token', async () => {
    const site = await startDemoJira({ data: generatePortfolio({ now: Date.UTC(2026, 10, 1) }) });
    const folder = makeTempDir('lpm-site-');
    try {
      await expect(startPreview({ port: 0, dataDir: folder.dir, log: recordingLog(), jira: { baseUrl: site.url, email: 'member@demo.example', apiToken: 'wrong' } })).rejects.toThrow(/Jira did not accept the credentials \(401\)/);
    } finally {
      await site.close();
      folder.remove();
    }
  });
});
