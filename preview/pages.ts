/**
 * Serves the production build of each page (static/dist/<page>) with the bridge shim injected:
 * the page's config and the shim run as classic scripts before the page's own (module) script,
 * exactly where Jira's host would have provided the bridge.
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
export async function sendStaticFile(res: ServerResponse, dir: string, relative: string): Promise<boolean> {
  const file = safeJoin(dir, relative);
  if (file === null) return false;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return false;
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    send(res, 200, await fs.readFile(file), type);
    return true;
  } catch {
    return false;
  }
}
