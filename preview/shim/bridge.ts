/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The bridge shim: in Jira, @forge/bridge talks to the host page through
 * `globalThis.__bridge.callBridge(command, payload)`. The preview server injects this script
 * (and the page's config) before the page's own script, so the unchanged production build runs
 * here: `invoke` goes to the preview's resolver endpoint, `getContext` answers with the module's
 * context, flags and navigation go to the launcher (the host) when the page is framed by it.
 */
import { PAGE_CONFIG_GLOBAL, isColorMode, type ColorMode, type HostMessage, type PageMessage, type PreviewPageConfig } from './config';
import { backendContext, frontendContext } from './context';
import { flagFromOptions, closeFlag, renderFlag } from './flags';
import { createHistoryObject, pushRoute, startRouteHistory } from './history';
import { resolveNavigation, type NavigationRequest } from './navigation';
import { applyColorMode, enableTheming } from './theme';

type Command = (payload: unknown) => Promise<unknown>;

const config = (window as unknown as Record<string, PreviewPageConfig>)[PAGE_CONFIG_GLOBAL];
if (config === undefined) throw new Error('The preview did not inject the page configuration.');

let colorMode: ColorMode = config.colorMode;
let themingEnabled = false;
const framed = window.parent !== window;

function toHost(message: PageMessage): void {
  if (framed) window.parent.postMessage(message, window.location.origin);
}

/** The page's address as the host shows it (the launcher's URL when framed). */
function hostLocation(): string {
  try {
    return (framed ? window.parent.location : window.location).href;
  } catch {
    return window.location.href;
  }
}

function currentConfig(): PreviewPageConfig {
  return { ...config!, colorMode };
}

function record(payload: unknown): Record<string, unknown> {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
}

async function invoke(payload: unknown): Promise<unknown> {
  const { functionKey, payload: body, metadata } = record(payload);
  const response = await fetch(config!.invokeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey, payload: body ?? {}, user: config!.user.key, context: backendContext(currentConfig(), hostLocation()) }),
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      const parsed = record(JSON.parse(text));
      if (typeof parsed.message === 'string') message = parsed.message;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`There was an error invoking the function - ${message}`);
  }
  const result: unknown = text === '' ? undefined : JSON.parse(text);
  return metadata === undefined ? result : { body: result, metadata: {} };
}

async function navigate(payload: unknown): Promise<void> {
  const request = record(payload) as NavigationRequest;
  const scope = { origin: window.location.origin, siteUrl: config!.siteUrl, user: config!.user.key, colorMode };
  const url = resolveNavigation(request, scope);
  if (url === null) throw new Error(`The preview cannot open ${JSON.stringify(request)}.`);
  const newTab = request.type === 'new-tab';
  if (framed) toHost({ type: 'lpm-navigate', url, newTab });
  else if (newTab) window.open(url, '_blank', 'noopener');
  else window.location.assign(url);
}

const commands: Record<string, Command> = {
  invoke,
  getContext: async () => frontendContext(currentConfig(), hostLocation()),
  enableTheming: async () => {
    themingEnabled = true;
    await enableTheming(document, config.tokensCssUrl, colorMode);
  },
  showFlag: async (payload) => {
    const flag = flagFromOptions(payload);
    if (framed) toHost({ type: 'lpm-flag', flag });
    else renderFlag(document, flag);
  },
  closeFlag: async (payload) => {
    closeFlag(framed ? window.parent.document : document, String(record(payload).id ?? ''));
  },
  navigate,
  getUrl: async (payload) =>
    resolveNavigation(record(payload) as NavigationRequest, { origin: window.location.origin, siteUrl: config.siteUrl, user: config.user.key, colorMode }),
  reload: async () => window.location.reload(),
  refresh: async () => window.location.reload(),
  createHistory: async () => createHistoryObject(),
  changeWindowTitle: async (payload) => {
    document.title = String(record(payload).title ?? document.title);
  },
  emitReadyEvent: async () => undefined,
  emitFrontendCustomMetric: async () => undefined,
};

startRouteHistory((route) => toHost({ type: 'lpm-route-changed', route }));

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  if (event.origin !== window.location.origin || event.source !== window.parent) return;
  const message = event.data;
  if (message.type === 'lpm-theme' && isColorMode(message.colorMode)) {
    colorMode = message.colorMode;
    if (themingEnabled) applyColorMode(document, colorMode);
  } else if (message.type === 'lpm-route' && typeof message.route === 'string') {
    pushRoute(message.route);
  }
});

(globalThis as unknown as { __bridge: unknown }).__bridge = {
  callBridge: (command: string, payload?: unknown): Promise<unknown> => {
    const run = commands[command];
    if (run === undefined) return Promise.reject(new Error(`The Lean Portfolio preview does not support the bridge command "${command}".`));
    return run(payload);
  },
};

