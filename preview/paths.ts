/**
 * Where the preview finds the built pages and its browser scripts. It runs both from source
 * (tests, through ts-jest) and compiled (`dist/preview`), so paths start at the repository root,
 * found by walking up to our package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PageName } from './shim/config';

const PACKAGE_NAME = 'lean-portfolio';

function isRepoRoot(dir: string): boolean {
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function findRepoRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    if (isRepoRoot(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No ${PACKAGE_NAME} package.json above ${start}`);
    dir = parent;
  }
}

export interface PreviewPaths {
  readonly root: string;
  /** static/dist: the one Custom UI resource every page is an entry point of (its assets are shared). */
  readonly pages: string;
  /** static/dist/<page>.html: a page's entry point in that resource. */
  pageHtml(page: PageName): string;
  /** dist/preview-shim/<name>.js: the bridge shim and the launcher script. */
  shimScript(name: 'bridge' | 'launcher'): string;
}

export function previewPaths(root: string = findRepoRoot()): PreviewPaths {
  return {
    root,
    pages: path.join(root, 'static', 'dist'),
    pageHtml: (page) => path.join(root, 'static', 'dist', `${page}.html`),
    shimScript: (name) => path.join(root, 'dist', 'preview-shim', `${name}.js`),
  };
}
