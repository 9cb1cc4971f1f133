/// <reference lib="dom" />
/**
 * First render of the portfolio Kanban in Chromium, on the real preview (demo Jira, resolvers,
 * built pages): from navigating to the launcher until the first epic card is on screen, and within
 * the page's own frame (its navigation start → the first card; the launcher is the preview's). Per
 * portfolio size, one cold load (fresh data folder: the epic cache is built) and the median of N
 * warm loads. Needs `npm run build` first; run `node dist/bench/kanbanRender.js [--runs 5]
 * [--sizes 150,2000]`. Machines are shared: read the medians, and compare sizes within one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startPreview } from '../preview/server';
import { recordingLog } from '../src/runtime/recordingLog';
import { spreadOf } from './timing';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

interface Load {
  readonly totalMs: number;
  readonly frameMs: number;
}

async function measure(epics: number, runs: number) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `lpm-bench-kanban-${epics}-`));
  process.env.DEMO_JIRA_EPICS = String(epics);
  const preview = await startPreview({ port: 0, dataDir, log: recordingLog() });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const load = async (): Promise<Load> => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      // In every frame: note (on the frame's own clock) when the first card enters the DOM.
      await page.addInitScript(() => {
        const win = window as unknown as { lpmFirstCardAt?: number };
        new MutationObserver((_records, observer) => {
          if (document.querySelector('[data-testid="epic-card"]') === null) return;
          win.lpmFirstCardAt = performance.now();
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      const started = performance.now();
      await page.goto(new URL('/?module=global-page&user=rte', preview.url).toString());
      const card = page.frameLocator('#lpm-module').getByTestId('epic-card').first();
      await card.waitFor({ timeout: 120_000 });
      const totalMs = performance.now() - started;
      const frameMs = await card.evaluate(() => (window as unknown as { lpmFirstCardAt?: number }).lpmFirstCardAt ?? Number.NaN);
      await page.close();
      return { totalMs, frameMs };
    };
    const cold = await load();
    const warm: Load[] = [];
    for (let run = 0; run < runs; run++) warm.push(await load());
    return { epics, cold, total: spreadOf(warm.map((entry) => entry.totalMs)), frame: spreadOf(warm.map((entry) => entry.frameMs)) };
  } finally {
    await browser.close();
    await preview.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = Number(option('--runs', '5'));
  const sizes = option('--sizes', '150,2000').split(',').map(Number);
  for (const epics of sizes) {
    const result = await measure(epics, runs);
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    console.log(
      `${epics} epics: cold ${ms(result.cold.totalMs)} (in frame ${ms(result.cold.frameMs)}); warm median ${ms(result.total.median)} ` +
        `(min ${ms(result.total.min)}, max ${ms(result.total.max)}), in frame median ${ms(result.frame.median)} ` +
        `(min ${ms(result.frame.min)}, max ${ms(result.frame.max)}), ${result.total.runs} runs; load average ${os.loadavg()[0]?.toFixed(1)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
