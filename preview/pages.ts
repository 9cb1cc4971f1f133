/**
 * Serves the production build of each page (static/dist/<page>.html, an entry point of the one
 * Custom UI resource) with the bridge shim injected: the page's config and the shim run as
 * classic scripts before the page's own (module) script, exactly where Jira's host would have
 * provided the bridge.
 *
 * A page lives at /app/<page>/ (its query names the user, theme, route), so its relative
 * `./assets/x.js` asks for /app/<page>/assets/x.js. On Forge every entry of a resource is served
 * from one base, so all pages fetch a chunk from one URL and the browser caches it once; the
 * preview does the same by redirecting those to /app/assets/x.js, served as immutable (the
 * file names carry a content hash).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { PAGE_CONFIG_GLOBAL, type PreviewPageConfig } from './shim/config';
import { CONTENT_TYPES, send, scriptJson } from './http';

const SHIM_URL = '/__preview/bridge.js';

/** The page's HTML with the config and the shim placed before its first script. */
export function injectShim(html: string, config: PreviewPageConfig): string {
  const tags = `<script>window.${PAGE_CONFIG_GLOBAL} = ${scriptJson(config)};</script>\n    <script src="${SHIM_URL}"></script>\n    `;
  const firstScript = html.search(/<script\b/i);
  if (firstScript !== -1) return `${html.slice(0, firstScript)}${tags}${html.slice(firstScript)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd === -1) throw new Error('The page has neither a <script> nor a </head> to put the bridge shim before');
  return `${html.slice(0, headEnd)}${tags}${html.slice(headEnd)}`;
}

/** `relative` inside `dir`, or null when it would leave it. */
export function safeJoin(dir: string, relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(dir, `.${path.posix.normalize(`/${decoded}`)}`);
  return file === dir || file.startsWith(`${dir}${path.sep}`) ? file : null;
}

/** Sends a file below `dir`; false when there is no such file. */
export async function sendStaticFile(res: ServerResponse, dir: string, relative: string, headers: Record<string, string> = {}): Promise<boolean> {
  const file = safeJoin(dir, relative);
  if (file === null) return false;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return false;
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    send(res, 200, await fs.readFile(file), type, headers);
    return true;
  } catch {
    return false;
  }
}

/** Where the pages' shared, content-hashed chunks are served from. */
export const SHARED_ASSETS = '/app/assets/';

/** `/assets/x.js` under a page's folder → the shared URL, when the build has that file; else null. */
export async function sharedAssetLocation(dir: string, rest: string): Promise<string | null> {
  if (!/^\/assets\/[^/]+$/.test(rest)) return null;
  const file = safeJoin(dir, rest.slice(1));
  if (file === null) return null;
  try {
    return (await fs.stat(file)).isFile() ? `${SHARED_ASSETS}${rest.slice('/assets/'.length)}` : null;
  } catch {
    return null;
  }
}

/** A shared chunk, cached by the browser for good (a new build gives new names). */
export async function sendPageAsset(res: ServerResponse, dir: string, relative: string): Promise<boolean> {
  return sendStaticFile(res, dir, relative, { 'cache-control': 'public, max-age=31536000, immutable' });
}
