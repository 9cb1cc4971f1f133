// Builds the Custom UI pages as ONE Forge resource with an entry point per module (manifest
// `resources[].entry`, modules refer to `resource: <key>/<entry>`): one Vite multi-page build, so
// React, Atlaskit and our shared code land in chunks every page loads from the same URLs, and a
// second page opens from the browser's cache. Each entry `x` is built from static/x.html (whose
// script is static/x/main.tsx) into <resource path>/x.html. Relative base: Forge serves a
// resource from a path we do not control.
// Then builds the preview's browser scripts (the bridge shim and the launcher) into
// dist/preview-shim: they are not part of any page, so nothing preview-only reaches static/dist.
import { build } from 'vite';
import { parse } from 'yaml';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resources = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')).resources;
if (resources.length !== 1 || resources[0].entry === undefined) {
  throw new Error('manifest.yml: expected one resource with an `entry` map (one entry point per page)');
}
const [{ path: resourcePath, entry }] = resources;

// Atlaskit's feature-gate client is never initialised in a Forge frame: every gate is off. The
// stand-in answers the same and saves ~30 KiB gzip per page (see static/shared/featureGatesOff.ts).
const featureGatesOff = {
  find: /^@atlaskit\/feature-gate-js-client(\/feature-gates)?$/,
  replacement: path.join(root, 'static', 'shared', 'featureGatesOff.ts'),
};

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The scripts and styles an entry's HTML loads before anything is lazy (the entry, its imports, its CSS). */
function initialFiles(dir, html) {
  return new Set([...readFileSync(path.join(dir, html), 'utf8').matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]));
}

function gzipSize(dir, file) {
  return gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;
}

/**
 * What each page costs to open: first visit (nothing cached) and after another page was opened
 * (its chunks cached). Chunks the pages import lazily (sub-pages, theme variants) are only counted.
 */
function report(dir, entries) {
  const initial = Object.fromEntries(entries.map(([name, html]) => [name, initialFiles(dir, html)]));
  const lines = [];
  for (const [name] of entries) {
    const files = [...initial[name]];
    const gzip = files.reduce((sum, file) => sum + gzipSize(dir, file), 0);
    const raw = files.reduce((sum, file) => sum + readFileSync(path.join(dir, file)).length, 0);
    // After each other page was opened alone: what this one still has to download.
    const after = entries
      .filter(([other]) => other !== name)
      .map(([other]) => `${kib(files.filter((file) => !initial[other].has(file)).reduce((sum, file) => sum + gzipSize(dir, file), 0))} after ${other}`);
    lines.push(`  ${name}.html: loads ${kib(raw)}, ${kib(gzip)} gzip on a first visit; ${after.join(', ')}`);
  }
  const all = new Set(Object.values(initial).flatMap((files) => [...files]));
  const lazy = readdirSync(path.join(dir, 'assets')).filter((file) => file.endsWith('.js') && !all.has(`assets/${file}`));
  lines.push(`  every page once: ${kib([...all].reduce((sum, file) => sum + gzipSize(dir, file), 0))} gzip; ${lazy.length} lazy chunks`);
  return lines.join('\n');
}

const outDir = path.join(root, resourcePath);
const entries = Object.entries(entry).map(([name, html]) => [name, html]);
await build({
  configFile: false,
  root: path.join(root, 'static'),
  base: './',
  publicDir: path.join(root, 'static', 'public'),
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { alias: [featureGatesOff] },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    reportCompressedSize: false,
    rollupOptions: { input: Object.fromEntries(entries.map(([name, html]) => [name, path.join(root, 'static', html)])) },
  },
});
console.log(`built ${resourcePath} (${entries.map(([name]) => name).join(', ')})\n${report(outDir, entries)}`);

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
