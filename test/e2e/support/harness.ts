/**
 * What the preview and browser tests share: the built pages, a preview on a free port with a
 * temporary data folder and a recording log, and Chromium started the way this machine needs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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

export interface BrowserSuiteOptions {
  /** Prefix of the preview's temporary data folder. */
  readonly tempPrefix: string;
  /** Default 1440 × 1000. */
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly acceptDownloads?: boolean;
  /** Console warnings fail the test too (default: only script errors and console errors). */
  readonly failOnWarnings?: boolean;
}

export interface BrowserSuiteSession {
  readonly browser: Browser;
  readonly preview: RunningPreview;
  /** Stops the preview and starts a new one on the same data folder (a saved write must survive it). */
  readonly restartPreview: () => Promise<RunningPreview>;
}

/**
 * The hooks every browser test file needs: the pages built, a preview on a temporary data folder
 * and Chromium for the whole file (handed to `ready`), and a fresh page per test (handed to
 * `opened`) that fails the test on any script error or console error (and warning, if asked).
 * Call it at the top of the file, before the file's own hooks, so those see the preview.
 */
export function useBrowserSuite(
  options: BrowserSuiteOptions,
  ready: (session: BrowserSuiteSession) => void,
  opened: (page: Page) => void,
): void {
  let data: { dir: string; remove: () => void } | undefined;
  let browser: Browser | undefined;
  let preview: RunningPreview | undefined;
  let page: Page | undefined;
  let problems: string[] = [];
  const failing = new Set(options.failOnWarnings ? ['error', 'warning'] : ['error']);

  beforeAll(async () => {
    ensurePagesBuilt();
    data = makeTempDir(options.tempPrefix);
    preview = await startTestPreview(data.dir);
    browser = await launchChromium();
    const folder = data.dir;
    const restartPreview = async (): Promise<RunningPreview> => {
      await preview?.close();
      preview = await startTestPreview(folder);
      return preview;
    };
    ready({ browser, preview, restartPreview });
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    data?.remove();
  });
  beforeEach(async () => {
    problems = [];
    page = await (browser as Browser).newPage({ viewport: options.viewport ?? { width: 1440, height: 1000 }, acceptDownloads: options.acceptDownloads ?? false });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (failing.has(message.type())) problems.push(`console ${message.type()}: ${message.text()}`);
    });
    opened(page);
  });
  afterEach(async () => {
    await page?.close();
    expect(problems).toEqual([]);
  });
}
