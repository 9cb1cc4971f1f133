// Builds each Custom UI page into its own folder under static/dist: Forge uploads every resource
// folder separately, so a page cannot share chunks with another. Relative base: Forge serves
// resources from a path we do not control.
// Then builds the preview's browser scripts (the bridge shim and the launcher) into
// dist/preview-shim: they are not part of any page, so nothing preview-only reaches static/dist.
// The pages are the manifest's resources: resource `x` is built from static/x into its `path`.
import { build } from 'vite';
import { parse } from 'yaml';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resources = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')).resources;

// Atlaskit's feature-gate client is never initialised in a Forge frame: every gate is off. The
// stand-in answers the same and saves ~30 KiB gzip per page (see static/shared/featureGatesOff.ts).
const featureGatesOff = {
  find: /^@atlaskit\/feature-gate-js-client(\/feature-gates)?$/,
  replacement: path.join(root, 'static', 'shared', 'featureGatesOff.ts'),
};

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * What a page costs to open: the script and styles its index.html loads (raw and gzip). Chunks the
 * libraries import lazily (theme variants, iframe-resizer) are only counted, not loaded.
 */
function sizeOf(dir) {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]));
  let raw = 0;
  let gzip = 0;
  for (const file of initial) {
    const bytes = readFileSync(path.join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const lazy = readdirSync(path.join(dir, 'assets')).filter((name) => name.endsWith('.js') && !initial.has(`assets/${name}`));
  return `loads ${kib(raw)}, ${kib(gzip)} gzip; ${lazy.length} lazy chunks`;
}

for (const { key: page, path: resourcePath } of resources) {
  const outDir = path.join(root, resourcePath);
  await build({
    configFile: false,
    root: path.join(root, 'static', page),
    base: './',
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic' } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    resolve: { alias: [featureGatesOff] },
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 1024,
      reportCompressedSize: false,
    },
  });
  console.log(`built ${resourcePath} (${sizeOf(outDir)})`);
}

const shimOut = path.join(root, 'dist', 'preview-shim');
for (const [index, name] of ['bridge', 'launcher'].entries()) {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: shimOut,
      emptyOutDir: index === 0,
      minify: false,
      lib: { entry: path.join(root, 'preview', 'shim', `${name}.ts`), formats: ['iife'], name: `lpmPreview_${name}`, fileName: () => `${name}.js` },
    },
  });
}
console.log('built dist/preview-shim (bridge shim, launcher)');
