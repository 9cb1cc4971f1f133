/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `view.createHistory()`: in Jira the global page's sidebar changes the page URL and the app reads
 * its sub-route from a history object (history v4 shape: `location`, `listen`, `push`, `replace`,
 * `go`, `goBack`, `goForward`). The preview keeps the sub-route in the frame's `route` query
 * parameter, so a reload stays on the same sub-page.
 */

export interface RouteLocation {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key: string;
}

export type HistoryAction = 'PUSH' | 'REPLACE' | 'POP';
type Listener = (location: RouteLocation, action: HistoryAction) => void;

const ROUTE_PARAM = 'route';
const listeners = new Set<Listener>();
let keyCounter = 0;

/** Splits `/wsjf?x=1#top` into the parts of a location. */
export function parseRoute(route: string, state: unknown = null): RouteLocation {
  const hashAt = route.indexOf('#');
  const withoutHash = hashAt === -1 ? route : route.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : route.slice(hashAt);
  const searchAt = withoutHash.indexOf('?');
  const pathname = searchAt === -1 ? withoutHash : withoutHash.slice(0, searchAt);
  const search = searchAt === -1 ? '' : withoutHash.slice(searchAt);
  keyCounter += 1;
  return { pathname: pathname.startsWith('/') ? pathname : `/${pathname}`, search, hash, state, key: `lpm${keyCounter}` };
}

function routeOf(location: RouteLocation): string {
  return `${location.pathname}${location.search}${location.hash}`;
}

function currentRoute(): string {
  return new URL(window.location.href).searchParams.get(ROUTE_PARAM) ?? '/';
}

function urlWithRoute(route: string): string {
  const url = new URL(window.location.href);
  url.searchParams.set(ROUTE_PARAM, route);
  return url.toString();
}

let current: RouteLocation = parseRoute('/');
let onRouteChanged: (route: string) => void = () => undefined;

function notify(action: HistoryAction): void {
  onRouteChanged(routeOf(current));
  for (const listener of [...listeners]) listener(current, action);
}

/** Moves to `route` as if the host's sidebar (or the app) asked for it. */
export function pushRoute(route: string, state: unknown = null, action: 'PUSH' | 'REPLACE' = 'PUSH'): void {
  current = parseRoute(route, state);
  if (action === 'PUSH') window.history.pushState({ lpmRoute: route, state }, '', urlWithRoute(route));
  else window.history.replaceState({ lpmRoute: route, state }, '', urlWithRoute(route));
  notify(action);
}

/** Starts following the frame's URL; `changed` hears every new route (to tell the host). */
export function startRouteHistory(changed: (route: string) => void): void {
  onRouteChanged = changed;
  current = parseRoute(currentRoute());
  window.addEventListener('popstate', (event: PopStateEvent) => {
    const saved: unknown = event.state;
    const state = typeof saved === 'object' && saved !== null && 'state' in saved ? (saved as { state: unknown }).state : null;
    current = parseRoute(currentRoute(), state);
    notify('POP');
  });
}

/** A history object in the shape @forge/bridge hands to the app. */
export function createHistoryObject(): Record<string, unknown> {
  const history = {
    get length() {
      return window.history.length;
    },
    action: 'POP' as HistoryAction,
    location: current,
    push(path: string, state?: unknown) {
      pushRoute(path, state ?? null, 'PUSH');
    },
    replace(path: string, state?: unknown) {
      pushRoute(path, state ?? null, 'REPLACE');
    },
    go(delta: number) {
      window.history.go(delta);
    },
    goBack() {
      window.history.back();
    },
    goForward() {
      window.history.forward();
    },
    back() {
      window.history.back();
    },
    forward() {
      window.history.forward();
    },
    createHref(location: { pathname?: string; search?: string; hash?: string }) {
      return `${location.pathname ?? '/'}${location.search ?? ''}${location.hash ?? ''}`;
    },
    block() {
      return () => undefined;
    },
    listen(listener: Listener) {
      const wrapped: Listener = (location, action) => {
        history.location = location;
        history.action = action;
        listener(location, action);
      };
      listeners.add(wrapped);
      return () => {
        listeners.delete(wrapped);
      };
    },
  };
  return history;
}
