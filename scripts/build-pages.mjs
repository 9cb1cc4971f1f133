// Builds each Custom UI page into its own folder under static/dist: Forge uploads every resource
// folder separately, so a page cannot share chunks with another. Relative base: Forge serves
// resources from a path we do not control.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pages = ['global-page', 'issue-panel', 'admin-page'];

for (const page of pages) {
  await build({
    configFile: false,
    root: path.join(root, 'static', page),
    base: './',
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir: path.join(root, 'static', 'dist', page),
      emptyOutDir: true,
      chunkSizeWarningLimit: 1024,
      reportCompressedSize: false,
    },
  });
  console.log(`built static/dist/${page}`);
}
