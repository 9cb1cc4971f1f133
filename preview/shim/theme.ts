/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `view.theme.enable()`: Jira loads the design-token CSS into the app's frame and sets the theme
 * attributes on its <html>; from then on the frame follows the host's colour mode. Until the app
 * opts in, tokens resolve to their light fallbacks, as in Jira.
 */
import { THEME_ATTRIBUTE_VALUE, type ColorMode } from './config';

const LINK_ID = 'lpm-tokens';

export function applyColorMode(doc: Document, colorMode: ColorMode): void {
  doc.documentElement.setAttribute('data-theme', THEME_ATTRIBUTE_VALUE);
  doc.documentElement.setAttribute('data-color-mode', colorMode);
}

/** Loads the token CSS once and applies the colour mode; resolves when the CSS has loaded. */
export function enableTheming(doc: Document, tokensCssUrl: string, colorMode: ColorMode): Promise<void> {
  applyColorMode(doc, colorMode);
  if (doc.getElementById(LINK_ID) !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const link = doc.createElement('link');
    link.id = LINK_ID;
    link.rel = 'stylesheet';
    link.href = tokensCssUrl;
    // An error still resolves: the tokens' fallbacks keep the page usable (light).
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => resolve());
    doc.head.prepend(link);
  });
}
