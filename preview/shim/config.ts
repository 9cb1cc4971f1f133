/**
 * What the preview server tells a page before its script runs (`window.__LPM_PREVIEW__`), and the
 * launcher's configuration. Shared by the server (Node) and the shim (browser): no DOM, no Node here.
 */
import { SUB_PAGES } from '../../static/global-page/routes';

export const PAGES = ['global-page', 'issue-panel', 'admin-page'] as const;
export type PageName = (typeof PAGES)[number];

export type ColorMode = 'light' | 'dark';

/** The theme ids Jira puts in `data-theme` when an app enables theming. */
export const THEME_ATTRIBUTE_VALUE = 'dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography';

/** The module each page is, as the manifest declares it. */
export const PAGE_MODULES: Readonly<Record<PageName, { moduleKey: string; extensionType: string; title: string }>> = {
  'global-page': { moduleKey: 'lean-portfolio', extensionType: 'jira:globalPage', title: 'Lean Portfolio' },
  'issue-panel': { moduleKey: 'wsjf-panel', extensionType: 'jira:issuePanel', title: 'WSJF' },
  'admin-page': { moduleKey: 'lean-portfolio-settings', extensionType: 'jira:adminPage', title: 'Lean Portfolio settings' },
};

export interface PreviewUser {
  /** Short name used in preview URLs (`?user=rte`). */
  readonly key: string;
  readonly accountId: string;
  readonly displayName: string;
}

export interface PreviewIssue {
  readonly id: string;
  readonly key: string;
  readonly type: string;
  readonly typeId: string;
  readonly summary: string;
  readonly project: { readonly id: string; readonly key: string };
}

/** Injected into every module page, read by the bridge shim. */
export interface PreviewPageConfig {
  readonly page: PageName;
  readonly user: PreviewUser;
  readonly colorMode: ColorMode;
  /** Global page sub-route (`/kanban`); `/` for the other modules. */
  readonly route: string;
  /** The epic the issue panel is shown on; null for the other modules. */
  readonly issue: PreviewIssue | null;
  /** The Jira site the preview reads (the demo Jira or a real site). */
  readonly siteUrl: string;
  readonly cloudId: string;
  readonly appId: string;
  readonly environmentId: string;
  readonly invokeUrl: string;
  readonly tokensCssUrl: string;
}

/** Injected into the launcher page. */
export interface LauncherConfig {
  readonly users: readonly PreviewUser[];
  readonly siteUrl: string;
  /** 'demo' when the embedded demo Jira answers, 'site' for a real Jira Cloud site. */
  readonly jiraKind: 'demo' | 'site';
}

/** The name the preview config is injected under. */
export const PAGE_CONFIG_GLOBAL = '__LPM_PREVIEW__';
export const LAUNCHER_CONFIG_GLOBAL = '__LPM_LAUNCHER__';

/** Messages between the launcher (host) and a module page's shim (same origin). */
export type HostMessage =
  | { readonly type: 'lpm-theme'; readonly colorMode: ColorMode }
  | { readonly type: 'lpm-route'; readonly route: string };

export type PageMessage =
  | { readonly type: 'lpm-route-changed'; readonly route: string }
  | { readonly type: 'lpm-flag'; readonly flag: PreviewFlag }
  | { readonly type: 'lpm-navigate'; readonly url: string; readonly newTab: boolean };

export interface PreviewFlag {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly type: 'info' | 'success' | 'warning' | 'error';
  readonly autoDismiss: boolean;
}

/** The preview's URL of a module page. */
export function pageUrl(page: PageName, params: { user: string; colorMode: ColorMode; route?: string; issueKey?: string }): string {
  const query = new URLSearchParams({ user: params.user, theme: params.colorMode });
  if (page === 'global-page') query.set('route', params.route ?? SUB_PAGES[0].route);
  if (page === 'issue-panel' && params.issueKey !== undefined) query.set('issueKey', params.issueKey);
  return `/app/${page}/?${query.toString()}`;
}

export function isPageName(value: string): value is PageName {
  return (PAGES as readonly string[]).includes(value);
}

export function isColorMode(value: unknown): value is ColorMode {
  return value === 'light' || value === 'dark';
}

/** What the launcher shows; kept in its URL so a reload shows the same thing. */
export interface LauncherState {
  readonly module: PageName;
  readonly user: string;
  readonly colorMode: ColorMode;
  readonly route?: string;
  readonly issueKey?: string;
}

export function launcherUrl(state: LauncherState): string {
  const query = new URLSearchParams({ module: state.module, user: state.user, theme: state.colorMode });
  if (state.module === 'global-page' && state.route !== undefined) query.set('route', state.route);
  if (state.module === 'issue-panel' && state.issueKey !== undefined) query.set('issueKey', state.issueKey);
  return `/?${query.toString()}`;
}
