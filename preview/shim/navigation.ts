/**
 * `router.navigate` / `router.open` / `router.getUrl`: where a Jira location is in the preview.
 * Pure; the shim performs the move. Targets the preview has no page for give null.
 */
import { PAGE_MODULES, PAGES, launcherUrl, type ColorMode } from './config';

export interface NavigationRequest {
  readonly url?: string;
  readonly target?: string;
  readonly issueKey?: string;
  readonly moduleKey?: string;
  readonly path?: string;
  readonly type?: string;
}

export interface NavigationScope {
  /** The preview's own origin, e.g. `http://127.0.0.1:4100`. */
  readonly origin: string;
  /** The Jira site the preview reads. */
  readonly siteUrl: string;
  readonly user: string;
  readonly colorMode: ColorMode;
}

const BROWSE_PATH = /^\/browse\/([A-Z][A-Z0-9_]*-\d+)\/?$/;

function issueUrl(scope: NavigationScope, issueKey: string): string {
  return `${scope.origin}${launcherUrl({ module: 'issue-panel', user: scope.user, colorMode: scope.colorMode, issueKey })}`;
}

/** The absolute preview URL for a navigation request, or null when the preview cannot show it. */
export function resolveNavigation(request: NavigationRequest, scope: NavigationScope): string | null {
  if (typeof request.url === 'string') {
    const browse = BROWSE_PATH.exec(request.url);
    if (browse !== null) return issueUrl(scope, browse[1]!);
    if (/^https?:\/\//.test(request.url)) return request.url;
    if (request.url.startsWith('/')) return `${scope.siteUrl.replace(/\/+$/, '')}${request.url}`;
    return null;
  }
  if (request.target === 'issue' && typeof request.issueKey === 'string') return issueUrl(scope, request.issueKey);
  if (request.target === 'module' && typeof request.moduleKey === 'string') {
    const page = PAGES.find((name) => PAGE_MODULES[name].moduleKey === request.moduleKey);
    if (page === undefined) return null;
    const route = typeof request.path === 'string' && request.path !== '' ? (request.path.startsWith('/') ? request.path : `/${request.path}`) : undefined;
    return `${scope.origin}${launcherUrl({ module: page, user: scope.user, colorMode: scope.colorMode, ...(route === undefined ? {} : { route }) })}`;
  }
  return null;
}
