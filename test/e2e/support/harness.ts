/**
 * What the preview and browser tests share: the built pages, a preview on a free port with a
 * temporary data folder and a recording log, and Chromium started the way this machine needs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Log } from '../../../src/ports';
import { startPreview, type RunningPreview } from '../../../preview/server';
import { PAGES } from '../../../preview/shim/config';
import { recordingLog } from '../../../src/runtime/recordingLog';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The pages and the shim are built by `npm run build:pages` (npm test builds first); build them if missing. */
export function ensurePagesBuilt(): void {
  const built = [
    ...PAGES.map((page) => path.join(REPO_ROOT, 'static', 'dist', `${page}.html`)),
    path.join(REPO_ROOT, 'dist', 'preview-shim', 'bridge.js'),
    path.join(REPO_ROOT, 'dist', 'preview-shim', 'launcher.js'),
  ];
  if (built.every((file) => existsSync(file))) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-pages.mjs')], { cwd: REPO_ROOT, stdio: 'ignore' });
}

export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function startTestPreview(dataDir: string, log: Log = recordingLog()): Promise<RunningPreview> {
  return startPreview({ port: 0, dataDir, log });
}

/** The flags testing.md asks for: no sandbox (root), no GPU, and no background calls to the closed network. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Playwright gives every launch a fresh temporary user data dir. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** POST /api/invoke as a preview user, the way the bridge shim does. */
export async function invokeAs(baseUrl: string, user: string, functionKey: string, payload: unknown = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL('/api/invoke', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey, payload, user, context: {} }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
