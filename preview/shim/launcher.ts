/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The launcher's script: the preview's stand-in for Jira around the app's frame. It switches the
 * user and the colour mode, picks the epic for the issue panel, shows the flags the page raises,
 * follows the page's sub-route and performs its navigation requests.
 */
import { isColorMode, launcherUrl, type ColorMode, type HostMessage, type PageMessage, type PageName, isPageName } from './config';
import { renderFlag } from './flags';
import { applyColorMode } from './theme';

const frame = document.getElementById('lpm-module') as HTMLIFrameElement | null;
const params = new URL(window.location.href).searchParams;
const moduleParam = params.get('module') ?? 'global-page';
const module: PageName = isPageName(moduleParam) ? moduleParam : 'global-page';
let colorMode: ColorMode = isColorMode(params.get('theme')) ? (params.get('theme') as ColorMode) : 'light';
let currentRoute: string | undefined = params.get('route') ?? undefined;

function state(overrides: { user?: string; colorMode?: ColorMode; route?: string; issueKey?: string; module?: PageName } = {}): string {
  const issueKey = overrides.issueKey ?? params.get('issueKey') ?? undefined;
  const route = overrides.route ?? currentRoute;
  return launcherUrl({
    module: overrides.module ?? module,
    user: overrides.user ?? params.get('user') ?? 'rte',
    colorMode: overrides.colorMode ?? colorMode,
    ...(route === undefined ? {} : { route }),
    ...(issueKey === undefined ? {} : { issueKey }),
  });
}

function toPage(message: HostMessage): void {
  frame?.contentWindow?.postMessage(message, window.location.origin);
}

/** Keeps every launcher link on the current colour mode. */
function retheme(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-lpm-nav]')) {
    const url = new URL(link.href);
    url.searchParams.set('theme', colorMode);
    link.href = url.toString();
  }
  const toggle = document.getElementById('lpm-theme');
  if (toggle !== null) {
    toggle.textContent = colorMode === 'dark' ? 'Light theme' : 'Dark theme';
    toggle.setAttribute('aria-pressed', String(colorMode === 'dark'));
  }
}

function markRoute(route: string): void {
  const path = route.split(/[?#]/)[0];
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-lpm-route]')) {
    if (link.dataset.lpmRoute === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

document.getElementById('lpm-user')?.addEventListener('change', (event) => {
  window.location.assign(state({ user: (event.target as HTMLSelectElement).value }));
});

/**
 * The epic picker opens the chosen epic when it is picked with the pointer, on Enter, or with the
 * Open button. Not on `change` alone: Chromium fires `change` for every arrow key on a closed
 * select, so the first arrow key used to navigate away before the user reached their epic.
 */
const epicPicker = document.getElementById('lpm-epic') as HTMLSelectElement | null;
let pickedWithPointer = false;
function openPickedEpic(): void {
  const issueKey = epicPicker?.value ?? '';
  if (issueKey !== '') window.location.assign(state({ module: 'issue-panel', issueKey }));
}
epicPicker?.addEventListener('pointerdown', () => {
  pickedWithPointer = true;
});
epicPicker?.addEventListener('keydown', (event) => {
  pickedWithPointer = false;
  if (event.key === 'Enter') {
    event.preventDefault();
    openPickedEpic();
  }
});
epicPicker?.addEventListener('change', () => {
  if (pickedWithPointer) openPickedEpic();
});
document.getElementById('lpm-epic-open')?.addEventListener('click', openPickedEpic);

document.getElementById('lpm-theme')?.addEventListener('click', () => {
  colorMode = colorMode === 'dark' ? 'light' : 'dark';
  applyColorMode(document, colorMode);
  toPage({ type: 'lpm-theme', colorMode });
  window.history.replaceState(null, '', state());
  retheme();
});

// Like Jira's sidebar: on the global page a sub-page link changes the app's route, not the frame.
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-lpm-route]')) {
  link.addEventListener('click', (event) => {
    if (module !== 'global-page' || frame === null) return;
    event.preventDefault();
    toPage({ type: 'lpm-route', route: link.dataset.lpmRoute ?? '/' });
  });
}

window.addEventListener('message', (event: MessageEvent<PageMessage>) => {
  if (event.origin !== window.location.origin || frame === null || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (message.type === 'lpm-flag') {
    renderFlag(document, message.flag);
  } else if (message.type === 'lpm-route-changed') {
    currentRoute = message.route;
    window.history.replaceState(null, '', state());
    markRoute(message.route);
  } else if (message.type === 'lpm-navigate') {
    if (message.newTab) window.open(message.url, '_blank', 'noopener');
    else window.location.assign(message.url);
  }
});

retheme();
