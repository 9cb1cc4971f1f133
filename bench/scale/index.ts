/**
 * The scale scenario group of `npm run bench` (--only scale): per size, a demo Jira with the padded
 * portfolio (its own process), a fresh file store folder, then each scenario in order: the cold sync
 * fills the folder, the warm scenarios read it, the issue-updated event writes one epic; and, for
 * the smaller sizes, the naive way against the same Jira. Each scenario runs in a child process of
 * its own (`inProcess` runs them here instead: tests, tiny sizes).
 */
import { fork } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { remoteCallLog, startScaleJira } from './jiraHost';
import type { ScaleJiraFacts } from './jiraHost';
import { measureScenario, SCALE_SCENARIOS } from './scenarios';
import type { JiraCallLog, ScaleScenario, ScenarioFigures, ScenarioInput } from './scenarios';

export const DEFAULT_SCALE_SIZES = [500, 5_000, 20_000];
/** The naive way reads a changelog per epic: measured up to this size (the issue asks 500 and 5,000). */
export const NAIVE_MAX_EPICS = 5_000;
export const DEFAULT_SCALE_LATENCY_MS = 50;
/** Measured runs of the repeatable scenarios (median wall time); the cold sync runs once. */
export const DEFAULT_SCALE_RUNS = 3;

export interface ScaleOptions {
  readonly sizes: readonly number[];
  readonly latencyMs: number;
  readonly runs: number;
  readonly warmups: number;
  readonly inProcess: boolean;
  /** A V8 heap cap for each scenario's process (`--max-old-space-size`), as a function's memory caps it. */
  readonly functionHeapMiB?: number;
  /** Default: every scenario (naive-board only up to NAIVE_MAX_EPICS). */
  readonly scenarios?: readonly ScaleScenario[];
  readonly progress?: (message: string) => void;
}

export interface ScaleRow extends ScenarioFigures {
  readonly scenario: ScaleScenario;
  readonly epics: number;
  readonly jiraLatencyMs: number;
}

export interface ScaleSize {
  readonly epics: number;
  readonly statusChangesPerEpic: number;
  readonly generateMs: number;
  /** Wall time of the whole size: generating, every scenario, the child processes. */
  readonly totalMs: number;
}

export interface ScaleFigures {
  readonly latencyMs: number;
  readonly inProcess: boolean;
  readonly sizes: readonly ScaleSize[];
  readonly rows: readonly ScaleRow[];
}

interface JiraHandle {
  readonly facts: ScaleJiraFacts;
  readonly calls: JiraCallLog;
  /** Set for a Jira in a child process: its control port. */
  readonly controlUrl?: string;
  close(): Promise<void>;
}

function ask<T>(child: ReturnType<typeof fork>, message: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`a bench child exited with ${code} before it answered`));
    child.once('exit', onExit);
    child.once('message', (answer) => {
      child.off('exit', onExit);
      resolve(answer as T);
    });
    child.send(message as never);
  });
}

const childOptions = { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] as ('ignore' | 'inherit' | 'ipc')[] };

async function startJira(epics: number, options: ScaleOptions): Promise<JiraHandle> {
  if (options.inProcess) {
    const jira = await startScaleJira(epics, options.latencyMs);
    return { facts: jira, calls: jira.calls, close: () => jira.close() };
  }
  const child = fork(path.join(__dirname, 'jiraHost.js'), [], childOptions);
  const { facts, controlUrl } = await ask<{ facts: ScaleJiraFacts; controlUrl: string }>(child, { epics, latencyMs: options.latencyMs });
  return {
    facts,
    calls: remoteCallLog(controlUrl),
    controlUrl,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

async function runScenario(input: ScenarioInput, jira: JiraHandle, options: ScaleOptions): Promise<ScenarioFigures> {
  if (options.inProcess || jira.controlUrl === undefined) return measureScenario(input, jira.calls);
  const heap = options.functionHeapMiB === undefined ? [] : [`--max-old-space-size=${options.functionHeapMiB}`];
  const child = fork(path.join(__dirname, 'scenarioChild.js'), [], { ...childOptions, execArgv: [...process.execArgv, ...heap] });
  const answer = await ask<{ figures?: ScenarioFigures; error?: string }>(child, { input, controlUrl: jira.controlUrl });
  if (answer.figures === undefined) throw new Error(`scenario ${input.scenario} at ${input.dataDir}: ${answer.error ?? 'no answer'}`);
  return answer.figures;
}

function scenariosFor(epics: number, options: ScaleOptions): ScaleScenario[] {
  const wanted = new Set(options.scenarios ?? SCALE_SCENARIOS);
  // Every app scenario reads what the cold sync wrote: without it, the first would rebuild inline.
  if ([...wanted].some((scenario) => scenario !== 'naive-board')) wanted.add('cold-sync');
  return SCALE_SCENARIOS.filter((scenario) => wanted.has(scenario) && (scenario !== 'naive-board' || epics <= NAIVE_MAX_EPICS));
}

export async function benchScale(options: ScaleOptions): Promise<ScaleFigures> {
  const progress = options.progress ?? (() => undefined);
  const rows: ScaleRow[] = [];
  const sizes: ScaleSize[] = [];
  for (const epics of options.sizes) {
    const sizeStarted = Date.now();
    progress(`scale: generating ${epics} epics and starting the demo Jira (${options.latencyMs} ms a call)`);
    const jira = await startJira(epics, options);
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `lp-bench-scale-${epics}-`));
    try {
      for (const scenario of scenariosFor(epics, options)) {
        progress(`scale: ${scenario}, ${epics} epics`);
        const input: ScenarioInput = {
          scenario,
          jiraUrl: jira.facts.url,
          dataDir,
          epic: jira.facts.epic,
          warmups: options.warmups,
          runs: options.runs,
          peak: options.inProcess ? 'sampled' : 'process',
        };
        rows.push({ scenario, epics, jiraLatencyMs: options.latencyMs, ...(await runScenario(input, jira, options)) });
      }
    } finally {
      await jira.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
    sizes.push({ epics, statusChangesPerEpic: jira.facts.statusChangesPerEpic, generateMs: jira.facts.generateMs, totalMs: Date.now() - sizeStarted });
  }
  return { latencyMs: options.latencyMs, inProcess: options.inProcess, sizes, rows };
}
