/**
 * The preview server (`npm start`): one port on 127.0.0.1 serving
 *   /                 the launcher (Jira stand-in: user switcher, colour mode, module picker)
 *   /app/<page>/      the production build of each page, with the bridge shim injected
 *   /__preview/*      the shim, the launcher script and the design-token CSS
 *   POST /api/invoke  the real resolver handler on the preview runtime
 *   /jira/*           the embedded demo Jira (absent when a real Jira Cloud site is configured)
 */
import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { httpJira } from '../src/adapters/http/jira';
import type { Log } from '../src/ports';
import { createResolverHandler, type ResolverHandler } from '../src/resolvers/handler';
import { consoleLog } from '../src/runtime/runtime';
import { SUB_PAGES } from '../static/global-page/routes';
import { createEmbeddedDemoJira, DEMO_JIRA_MOUNT, type EmbeddedDemoJira } from './demoJira';
import { escapeHtml, send, sendJson, sendText } from './http';
import { handleInvoke } from './invoke';
import { renderLauncher, type EpicChoice } from './launcherPage';
import { injectShim, SHARED_ASSETS, sendPageAsset, sendStaticFile, sharedAssetLocation } from './pages';
import { previewPaths } from './paths';
import { seedDemoDocuments } from './seed';
import { createScheduledRefresh } from '../src/triggers/scheduledRefresh';
import { createPreviewRuntime } from './runtime';
import type { PreviewRuntime } from './runtime';
import {
  isColorMode,
  isPageName,
  type ColorMode,
  type LauncherConfig,
  type LauncherState,
  type PageName,
  type PreviewIssue,
  type PreviewPageConfig,
} from './shim/config';
import { tokensCss } from './tokens';
import { demoActors, siteActors, userOrDefault, type JiraSite, type PreviewActor, type PreviewActors } from './users';

export interface PreviewOptions {
  /** 0 picks a free port. Default: PORT, else 4100. */
  readonly port?: number;
  /** Folder for the store and the demo Jira's saved writes. Default `.lpm-data`. */
  readonly dataDir?: string;
  /** A real Jira Cloud site instead of the demo Jira. */
  readonly jira?: JiraSite;
  readonly log?: Log;
}

export interface RunningPreview {
  /** The launcher, e.g. `http://127.0.0.1:4100/`. */
  readonly url: string;
  /** The Jira the preview reads (the demo Jira's mount or the real site). */
  readonly jiraUrl: string;
  close(): Promise<void>;
}

const DEFAULT_PORT = 4100;
const PREVIEW_CLOUD_ID = '0b3f2a55-7c1e-4d2a-9c55-000000000001';
const PREVIEW_APP_ID = '00000000-0000-4000-8000-000000000000';
const PREVIEW_ENVIRONMENT_ID = 'preview';
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;
const EPIC_PICKER_LIMIT = 500;

interface Backend {
  readonly actors: PreviewActors;
  readonly runtime: PreviewRuntime;
  readonly handler: ResolverHandler;
  readonly siteUrl: string;
}

function notFoundPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Not found</title></head><body><p role="alert">${escapeHtml(message)}</p></body></html>`;
}

/** The epic a page is about, as the user sees it; null when they cannot see it (or it is none). */
async function findIssue(backend: Backend, user: PreviewActor, issueKey: string, log: Log): Promise<PreviewIssue | null> {
  if (!ISSUE_KEY.test(issueKey)) return null;
  try {
    const [issue] = await backend.runtime
      .jira({ accountId: user.accountId })
      .user.searchIssues({ jql: `key in (${issueKey})`, fields: ['summary', 'issuetype', 'project'], pageSize: 1 });
    const fields = issue?.fields;
    if (issue === undefined || fields?.issuetype === undefined || fields.project === undefined) return null;
    return {
      id: issue.id,
      key: issue.key,
      type: fields.issuetype.name,
      typeId: fields.issuetype.id,
      summary: fields.summary ?? '',
      project: { id: fields.project.id, key: fields.project.key },
    };
  } catch (error) {
    // Jira answers a key that does not exist with 400: the same "cannot see it" for the page.
    log.warn('preview: issue lookup failed', { issueKey, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

async function visibleEpics(backend: Backend, user: PreviewActor, log: Log): Promise<EpicChoice[]> {
  try {
    const epics = await backend.runtime
      .jira({ accountId: user.accountId })
      .user.searchIssues({ jql: 'issuetype = Epic ORDER BY key ASC', fields: ['summary'], maxIssues: EPIC_PICKER_LIMIT });
    return epics.map((epic) => ({ key: epic.key, summary: epic.fields?.summary ?? '' }));
  } catch (error) {
    log.warn('preview: epic list failed', { error: error instanceof Error ? error.message : String(error) });
    return [];
  }
}

function colorModeOf(query: URLSearchParams): ColorMode {
  const theme = query.get('theme');
  return isColorMode(theme) ? theme : 'light';
}

function launcherState(query: URLSearchParams, actors: PreviewActors): LauncherState {
  const module = query.get('module') ?? 'global-page';
  const route = query.get('route');
  const issueKey = query.get('issueKey');
  return {
    module: isPageName(module) ? module : 'global-page',
    user: userOrDefault(actors, query.get('user')).key,
    colorMode: colorModeOf(query),
    ...(route === null || route === '' ? {} : { route }),
    ...(issueKey === null || issueKey === '' ? {} : { issueKey }),
  };
}

export async function startPreview(options: PreviewOptions = {}): Promise<RunningPreview> {
  const paths = previewPaths();
  const log = options.log ?? consoleLog();
  const dataDir = path.resolve(options.dataDir ?? '.lpm-data');
  await fs.mkdir(dataDir, { recursive: true });
  const demo: EmbeddedDemoJira | null = options.jira === undefined ? await createEmbeddedDemoJira({ dataDir, log }) : null;
  let backend: Backend | undefined;
  let tokens: string | undefined;

  async function servePage(res: ServerResponse, page: PageName, query: URLSearchParams, ready: Backend): Promise<void> {
    const user = userOrDefault(ready.actors, query.get('user'));
    let issue: PreviewIssue | null = null;
    if (page === 'issue-panel') {
      issue = await findIssue(ready, user, query.get('issueKey') ?? '', log);
      if (issue === null) return send(res, 404, notFoundPage('Issue does not exist or you do not have permission to see it.'), 'text/html; charset=utf-8');
      if (issue.type !== 'Epic') return send(res, 404, notFoundPage(`The WSJF panel is shown on epics only; ${issue.key} is a ${issue.type}.`), 'text/html; charset=utf-8');
    }
    const config: PreviewPageConfig = {
      page,
      user: { key: user.key, accountId: user.accountId, displayName: user.displayName },
      colorMode: colorModeOf(query),
      route: page === 'global-page' ? (query.get('route') || SUB_PAGES[0].route) : '/',
      issue,
      siteUrl: ready.siteUrl,
      cloudId: PREVIEW_CLOUD_ID,
      appId: PREVIEW_APP_ID,
      environmentId: PREVIEW_ENVIRONMENT_ID,
      invokeUrl: '/api/invoke',
      tokensCssUrl: '/__preview/tokens.css',
    };
    let html: string;
    try {
      html = await fs.readFile(paths.pageHtml(page), 'utf8');
    } catch {
      return sendText(res, 503, `static/dist/${page}.html is not built: run \`npm run build:pages\`.`);
    }
    send(res, 200, injectShim(html, config), 'text/html; charset=utf-8');
  }

  async function serveLauncher(res: ServerResponse, query: URLSearchParams, ready: Backend): Promise<void> {
    const state = launcherState(query, ready.actors);
    const user = userOrDefault(ready.actors, state.user);
    const config: LauncherConfig = {
      users: ready.actors.users.map(({ key, accountId, displayName }) => ({ key, accountId, displayName })),
      siteUrl: ready.siteUrl,
      jiraKind: demo === null ? 'site' : 'demo',
    };
    const [epics, issue] = await Promise.all([
      visibleEpics(ready, user, log),
      state.module === 'issue-panel' && state.issueKey !== undefined ? findIssue(ready, user, state.issueKey, log) : Promise.resolve(null),
    ]);
    send(res, 200, renderLauncher({ config, state, epics, issue }), 'text/html; charset=utf-8');
  }

  async function serveShimScript(res: ServerResponse, name: 'bridge' | 'launcher'): Promise<void> {
    if (!(await sendStaticFile(res, path.dirname(paths.shimScript(name)), path.basename(paths.shimScript(name))))) {
      sendText(res, 503, `The preview's ${name} script is not built: run \`npm run build:pages\`.`);
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const pathname = url.pathname;

    if (pathname === DEMO_JIRA_MOUNT || pathname.startsWith(`${DEMO_JIRA_MOUNT}/`)) {
      if (demo === null) return sendText(res, 404, 'No demo Jira: the preview reads a real Jira Cloud site.');
      return demo.handle(req, res);
    }
    const ready = backend;
    if (ready === undefined) return sendText(res, 503, 'The preview is starting.');

    if (pathname === '/api/invoke') {
      if (method !== 'POST') return sendJson(res, 405, { message: 'Use POST.' });
      return handleInvoke(req, res, { handler: ready.handler, actors: ready.actors, log });
    }
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    if (pathname === '/') return serveLauncher(res, url.searchParams, ready);
    if (pathname === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
    if (pathname === '/__preview/bridge.js') return serveShimScript(res, 'bridge');
    if (pathname === '/__preview/launcher.js') return serveShimScript(res, 'launcher');
    if (pathname === '/__preview/tokens.css') return send(res, 200, (tokens ??= tokensCss(paths.root)), 'text/css; charset=utf-8');

    if (pathname.startsWith(SHARED_ASSETS)) {
      if (await sendPageAsset(res, paths.pages, pathname.slice('/app/'.length))) return;
    }
    const pageMatch = /^\/app\/([a-z-]+)(\/.*)?$/.exec(pathname);
    if (pageMatch !== null && isPageName(pageMatch[1]!)) {
      const page = pageMatch[1];
      const rest = pageMatch[2];
      if (rest === undefined) return send(res, 301, '', 'text/plain', { location: `/app/${page}/${url.search}` });
      if (rest === '/' || rest === '/index.html') return servePage(res, page, url.searchParams, ready);
      const shared = await sharedAssetLocation(paths.pages, rest);
      if (shared !== null) return send(res, 301, '', 'text/plain', { location: shared, 'cache-control': 'max-age=31536000' });
      if (await sendStaticFile(res, paths.pages, rest.slice(1))) return;
    }
    sendText(res, 404, `Not found: ${pathname}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log.error('preview: request failed', { url: req.url, error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendText(res, 500, 'The preview failed to answer this request.');
      else res.end();
    });
  });
  const requestedPort = options.port ?? (Number(process.env.PORT) || DEFAULT_PORT);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const close = async (): Promise<void> => {
    // Background sync steps still running would meet a closed server: let them finish (briefly).
    if (backend) await Promise.race([backend.runtime.queue.idle(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await demo?.flush();
  };

  try {
    const site = options.jira;
    const siteUrl = site === undefined ? `${origin}${DEMO_JIRA_MOUNT}` : site.baseUrl.replace(/\/+$/, '');
    const actors = site === undefined ? demoActors() : siteActors(site, await httpJira(site).getMyself());
    const runtime = createPreviewRuntime({ jiraBaseUrl: siteUrl, actors, dataDir: path.join(dataDir, 'store'), log });
    if (demo !== null) {
      await seedDemoDocuments({ store: runtime.store, data: demo.data });
      const replayed = await demo.replay(origin);
      if (replayed > 0) log.info('preview: replayed saved demo Jira writes', { count: replayed });
    }
    backend = { actors, runtime, handler: createResolverHandler(runtime), siteUrl };
    // As on Forge after install (and every day): the first sync starts at once, in the background.
    // On the demo Jira (150 epics, well under a second) the URL is printed once it is done, so the
    // first page shows the portfolio; on a real site pages show the sync's progress meanwhile.
    await createScheduledRefresh(runtime)();
    if (demo !== null) await runtime.queue.idle();
    return { url: `${origin}/`, jiraUrl: siteUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
