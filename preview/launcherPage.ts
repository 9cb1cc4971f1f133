/**
 * The launcher: a small stand-in for Jira around the app. A top bar (site, colour mode, user), a
 * sidebar with the three modules (the global page's sub-pages, an epic picker for the issue
 * panel, the admin page) and the chosen module in a frame, as Jira frames Custom UI.
 */
import { SUB_PAGES, subPageOf } from '../static/global-page/routes';
import {
  LAUNCHER_CONFIG_GLOBAL,
  PAGE_MODULES,
  launcherUrl,
  pageUrl,
  type LauncherConfig,
  type LauncherState,
  THEME_ATTRIBUTE_VALUE,
  type PreviewIssue,
} from './shim/config';
import { escapeHtml, scriptJson } from './http';

export interface EpicChoice {
  readonly key: string;
  readonly summary: string;
}

export interface LauncherView {
  readonly config: LauncherConfig;
  readonly state: LauncherState;
  /** Epics the current user may see, for the issue panel's picker. */
  readonly epics: readonly EpicChoice[];
  /** The issue panel's epic when the user may see it. */
  readonly issue: PreviewIssue | null;
}

const STYLE = `
  * { box-sizing: border-box; }
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; background: var(--ds-surface, #FFFFFF); color: var(--ds-text, #172B4D);
    font: var(--ds-font-body, normal 400 14px/20px ui-sans-serif, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif); }
  a { color: var(--ds-link, #0C66E4); }
  .topnav { display: flex; align-items: center; gap: var(--ds-space-150, 12px); height: 56px; padding: 0 var(--ds-space-200, 16px);
    border-bottom: var(--ds-border-width, 1px) solid var(--ds-border, #091E4224); background: var(--ds-surface, #FFFFFF); }
  .logo { display: inline-flex; align-items: center; gap: var(--ds-space-100, 8px); font-weight: 653; color: var(--ds-text, #172B4D); text-decoration: none; }
  .logo-mark { width: 24px; height: 24px; border-radius: var(--ds-border-radius-100, 4px); background: var(--ds-background-brand-bold, #0C66E4); }
  .product { color: var(--ds-text-subtle, #44546F); }
  .spacer { flex: 1; }
  .site { padding: var(--ds-space-025, 2px) var(--ds-space-050, 4px); border-radius: var(--ds-border-radius-050, 2px); font-size: 11px; font-weight: 700; text-transform: uppercase;
    background: var(--ds-background-discovery, #F3F0FF); color: var(--ds-text-discovery, #5E4DB2); }
  label { color: var(--ds-text-subtle, #44546F); font-weight: 500; }
  select, button { font: inherit; color: var(--ds-text, #172B4D); background: var(--ds-background-input, #FFFFFF);
    border: var(--ds-border-width, 1px) solid var(--ds-border-input, #8590A2); border-radius: var(--ds-border-radius-100, 4px);
    padding: var(--ds-space-050, 4px) var(--ds-space-100, 8px); }
  button { cursor: pointer; background: var(--ds-background-neutral, #091E420F); border-color: transparent; font-weight: 500; }
  button:hover { background: var(--ds-background-neutral-hovered, #091E4224); }
  select:focus-visible, button:focus-visible, a:focus-visible { outline: 2px solid var(--ds-border-focused, #388BFF); outline-offset: 2px; }
  .layout { flex: 1; display: flex; min-height: 0; }
  .sidebar { width: 264px; flex: none; padding: var(--ds-space-200, 16px) var(--ds-space-100, 8px); overflow: auto;
    border-right: var(--ds-border-width, 1px) solid var(--ds-border, #091E4224); background: var(--ds-surface, #FFFFFF); }
  .sidebar h2 { margin: var(--ds-space-200, 16px) var(--ds-space-100, 8px) var(--ds-space-050, 4px); font-size: 11px; line-height: 16px; font-weight: 653;
    text-transform: uppercase; color: var(--ds-text-subtlest, #626F86); }
  .sidebar h2:first-child { margin-top: 0; }
  .sidebar ul { list-style: none; margin: 0; padding: 0; }
  .sidebar li a { display: block; padding: var(--ds-space-075, 6px) var(--ds-space-100, 8px); border-radius: var(--ds-border-radius-100, 4px);
    color: var(--ds-text-subtle, #44546F); text-decoration: none; font-weight: 500; }
  .sidebar li a:hover { background: var(--ds-background-neutral-subtle-hovered, #091E420F); }
  .sidebar li a[aria-current="page"] { background: var(--ds-background-selected, #E9F2FF); color: var(--ds-text-selected, #0C66E4); }
  .picker { display: flex; flex-direction: column; gap: var(--ds-space-050, 4px); padding: var(--ds-space-050, 4px) var(--ds-space-100, 8px); }
  .picker-row { display: flex; gap: var(--ds-space-050, 4px); }
  .picker select { flex: 1; min-width: 0; }
  .picker .hint { font-size: 11px; color: var(--ds-text-subtlest, #626F86); }
  main { flex: 1; display: flex; flex-direction: column; min-width: 0; overflow: auto; }
  .frame { flex: 1; width: 100%; border: 0; display: block; background: transparent; }
  .issue { padding: var(--ds-space-300, 24px) var(--ds-space-400, 32px); max-width: 960px; }
  .crumbs { color: var(--ds-text-subtle, #44546F); margin-bottom: var(--ds-space-100, 8px); }
  .issue h1 { font: var(--ds-font-heading-large, normal 653 24px/28px ui-sans-serif, sans-serif); margin: 0 0 var(--ds-space-300, 24px); }
  .panel { border: var(--ds-border-width, 1px) solid var(--ds-border, #091E4224); border-radius: var(--ds-border-radius-200, 8px); overflow: hidden; }
  .panel-title { display: flex; align-items: center; gap: var(--ds-space-100, 8px); padding: var(--ds-space-100, 8px) var(--ds-space-200, 16px);
    font-weight: 653; border-bottom: var(--ds-border-width, 1px) solid var(--ds-border, #091E4224); background: var(--ds-surface-sunken, #F7F8F9); }
  .panel-title img { width: 16px; height: 16px; }
  .panel .frame { height: 760px; }
  .notice { margin: var(--ds-space-400, 32px); padding: var(--ds-space-200, 16px); border-radius: var(--ds-border-radius-100, 4px);
    background: var(--ds-background-information, #E9F2FF); color: var(--ds-text, #172B4D); max-width: 640px; }
`;

function link(href: string, text: string, attributes: Record<string, string> = {}): string {
  const extra = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  return `<a href="${escapeHtml(href)}" data-lpm-nav${extra}>${escapeHtml(text)}</a>`;
}

function sidebar(view: LauncherView): string {
  const { state } = view;
  const base = { user: state.user, colorMode: state.colorMode };
  // The sub-page the global page shows for this route (an unknown one shows the first).
  const currentRoute = subPageOf((state.route ?? '').split(/[?#]/)[0] ?? '');
  const routes = SUB_PAGES.map(({ route, title }) => {
    const current: Record<string, string> = state.module === 'global-page' && currentRoute === route ? { 'aria-current': 'page' } : {};
    return `<li>${link(launcherUrl({ ...base, module: 'global-page', route }), title, { 'data-lpm-route': route, ...current })}</li>`;
  }).join('');
  const options = view.epics
    .map(({ key, summary }) => {
      const selected = state.module === 'issue-panel' && state.issueKey === key ? ' selected' : '';
      return `<option value="${escapeHtml(key)}"${selected}>${escapeHtml(`${key} — ${summary}`)}</option>`;
    })
    .join('');
  const adminCurrent: Record<string, string> = state.module === 'admin-page' ? { 'aria-current': 'page' } : {};
  return `<nav class="sidebar" aria-label="Preview modules">
      <h2>${escapeHtml(PAGE_MODULES['global-page'].title)}</h2>
      <ul>${routes}</ul>
      <h2>Issue panel: ${escapeHtml(PAGE_MODULES['issue-panel'].title)}</h2>
      <div class="picker">
        <label for="lpm-epic">Epic</label>
        <div class="picker-row">
          <select id="lpm-epic" aria-describedby="lpm-epic-hint"><option value="">Pick an epic…</option>${options}</select>
          <button type="button" id="lpm-epic-open">Open</button>
        </div>
        <span id="lpm-epic-hint" class="hint">Arrow keys choose, Enter opens.</span>
      </div>
      <h2>Jira settings</h2>
      <ul><li>${link(launcherUrl({ ...base, module: 'admin-page' }), PAGE_MODULES['admin-page'].title, adminCurrent)}</li></ul>
    </nav>`;
}

function frame(src: string, title: string): string {
  return `<iframe id="lpm-module" class="frame" title="${escapeHtml(title)}" src="${escapeHtml(src)}"></iframe>`;
}

function content(view: LauncherView): string {
  const { state } = view;
  const params = { user: state.user, colorMode: state.colorMode };
  if (state.module === 'global-page') {
    return frame(pageUrl('global-page', { ...params, ...(state.route === undefined ? {} : { route: state.route }) }), PAGE_MODULES['global-page'].title);
  }
  if (state.module === 'admin-page') return frame(pageUrl('admin-page', params), PAGE_MODULES['admin-page'].title);
  if (state.issueKey === undefined) {
    return `<div class="notice" role="status">Pick an epic in the sidebar to open its WSJF issue panel.</div>`;
  }
  if (view.issue === null) {
    return `<div class="notice" role="alert">${escapeHtml(state.issueKey)}: Issue does not exist or you do not have permission to see it.</div>`;
  }
  const issue = view.issue;
  return `<div class="issue">
      <div class="crumbs">${escapeHtml(issue.project.key)} / ${escapeHtml(issue.key)}</div>
      <h1>${escapeHtml(issue.summary)}</h1>
      <section class="panel" aria-label="${escapeHtml(PAGE_MODULES['issue-panel'].title)} panel">
        <div class="panel-title"><img src="/app/issue-panel/icon.svg" alt="" />${escapeHtml(PAGE_MODULES['issue-panel'].title)}</div>
        ${frame(pageUrl('issue-panel', { ...params, issueKey: issue.key }), PAGE_MODULES['issue-panel'].title)}
      </section>
    </div>`;
}

export function renderLauncher(view: LauncherView): string {
  const { state, config } = view;
  const userOptions = config.users
    .map((user) => `<option value="${escapeHtml(user.key)}"${user.key === state.user ? ' selected' : ''}>${escapeHtml(user.displayName)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en" data-theme="${THEME_ATTRIBUTE_VALUE}" data-color-mode="${state.colorMode}">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Lean Portfolio preview</title>
    <link rel="stylesheet" href="/__preview/tokens.css" />
    <style>${STYLE}</style>
    <script>window.${LAUNCHER_CONFIG_GLOBAL} = ${scriptJson(config)};</script>
    <script defer src="/__preview/launcher.js"></script>
  </head>
  <body>
    <header class="topnav">
      <a class="logo" href="/" data-lpm-nav><span class="logo-mark" aria-hidden="true"></span>Jira</a>
      <span class="product">Lean Portfolio preview</span>
      <span class="site" title="${escapeHtml(config.siteUrl)}">${config.jiraKind === 'demo' ? 'Demo Jira' : escapeHtml(new URL(config.siteUrl).host)}</span>
      <span class="spacer"></span>
      <button type="button" id="lpm-theme" aria-pressed="${state.colorMode === 'dark'}">${state.colorMode === 'dark' ? 'Light theme' : 'Dark theme'}</button>
      <label for="lpm-user">Viewing as</label>
      <select id="lpm-user">${userOptions}</select>
    </header>
    <div class="layout">
      ${sidebar(view)}
      <main>${content(view)}</main>
    </div>
  </body>
</html>
`;
}
