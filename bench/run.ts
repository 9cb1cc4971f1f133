/**
 * `npm run bench`: speed and memory of the large-portfolio paths, printed as tables (or JSON with
 * --json). Options: --runs N (default 5; scale: 3), --warmups N (default 1), --only
 * domain,forecast,board,flow,scale, --jira-latency-ms N (delay per demo Jira answer; default 0 in
 * the board scenario, 50 in scale), --sizes 500,5000 (the scale group's portfolio sizes; default
 * 500,5000,20000), --in-process (scale scenarios in this process instead of a child each),
 * --scale-scenarios warm-board,panel-open (some of the scale group's scenarios), --function-heap-mib N
 * (each scale scenario's process gets a V8 heap of N MiB, as a Forge function's memory would cap it).
 * Heap figures need global.gc, so the script re-starts itself with --expose-gc when it is missing.
 * Progress goes to stderr so that --json output on stdout stays machine-readable.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { benchBoard } from './board';
import type { BoardFigures } from './board';
import { benchDomainScale } from './domainScale';
import type { DomainScaleFigures } from './domainScale';
import { benchFlowPage, renderFlowPage } from './flowPage';
import type { FlowPageFigures } from './flowPage';
import { benchForecast } from './forecast';
import type { ForecastFigures } from './forecast';
import { benchScale, DEFAULT_SCALE_LATENCY_MS, DEFAULT_SCALE_RUNS, DEFAULT_SCALE_SIZES } from './scale';
import type { ScaleFigures } from './scale';
import { renderScale, scaleJsonRows } from './scale/report';
import { SCALE_SCENARIOS } from './scale/scenarios';
import type { ScaleScenario } from './scale/scenarios';
import { renderReport } from './report';
import type { Machine } from './report';
import type { RunPlan } from './timing';

const SCENARIOS = ['domain', 'forecast', 'board', 'flow', 'scale'] as const;
type Scenario = (typeof SCENARIOS)[number];
const DOMAIN_SIZES = [5_000, 20_000];
const FORECAST_SIZES = [150, 5_000];
const BOARD_SIZES = [150, 5_000];
const FLOW_SIZES = [150, 5_000];

interface Options {
  readonly json: boolean;
  readonly plan: RunPlan;
  /** Undefined: each scenario's own default. */
  readonly jiraLatencyMs: number | undefined;
  readonly only: ReadonlySet<Scenario>;
  readonly scaleSizes: readonly number[];
  /** --runs as given (the scale group has its own default). */
  readonly runsGiven: number | undefined;
  readonly inProcess: boolean;
  readonly scaleScenarios: readonly ScaleScenario[] | undefined;
  readonly functionHeapMiB: number | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  const valueOf = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const wholeNumber = (name: string, fallback: number, least: number): number => {
    const text = valueOf(name);
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < least) throw new Error(`${name} needs a whole number ≥ ${least}, got ${text}`);
    return value;
  };
  const sizesText = valueOf('--sizes');
  const scaleSizes = sizesText === undefined ? DEFAULT_SCALE_SIZES : sizesText.split(',').map((size) => Number(size.trim()));
  for (const size of scaleSizes) if (!Number.isInteger(size) || size < 10) throw new Error(`--sizes takes whole numbers ≥ 10, got ${sizesText}`);
  const onlyText = valueOf('--only');
  const only = onlyText === undefined ? [...SCENARIOS] : onlyText.split(',').map((name) => name.trim());
  for (const name of only) if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only knows ${SCENARIOS.join(', ')}; got ${name}`);
  const scaleScenariosText = valueOf('--scale-scenarios');
  const scaleScenarios = scaleScenariosText?.split(',').map((name) => name.trim());
  for (const name of scaleScenarios ?? [])
    if (!(SCALE_SCENARIOS as readonly string[]).includes(name)) throw new Error(`--scale-scenarios knows ${SCALE_SCENARIOS.join(', ')}; got ${name}`);
  return {
    json: argv.includes('--json'),
    plan: { runs: wholeNumber('--runs', 5, 1), warmups: wholeNumber('--warmups', 1, 0) },
    jiraLatencyMs: valueOf('--jira-latency-ms') === undefined ? undefined : wholeNumber('--jira-latency-ms', 0, 0),
    only: new Set(only as Scenario[]),
    scaleSizes,
    runsGiven: valueOf('--runs') === undefined ? undefined : wholeNumber('--runs', 5, 1),
    inProcess: argv.includes('--in-process'),
    scaleScenarios: scaleScenarios as ScaleScenario[] | undefined,
    functionHeapMiB: valueOf('--function-heap-mib') === undefined ? undefined : wholeNumber('--function-heap-mib', 0, 64),
  };
}

function machine(): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    node: process.version,
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    platform: `${process.platform} ${process.arch}`,
  };
}

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const host = machine();
  const { plan } = options;
  const domain: DomainScaleFigures[] = [];
  const forecast: ForecastFigures[] = [];
  const board: BoardFigures[] = [];
  const flow: FlowPageFigures[] = [];

  if (options.only.has('domain'))
    for (const epics of DOMAIN_SIZES) {
      progress(`domain at scale, ${epics} epics`);
      domain.push(benchDomainScale(epics, plan));
    }
  if (options.only.has('forecast'))
    for (const epics of FORECAST_SIZES) {
      progress(`Monte Carlo on the ${epics}-epic portfolio's throughput`);
      forecast.push(benchForecast(epics, plan));
    }
  if (options.only.has('board'))
    for (const epics of BOARD_SIZES) {
      progress(`portfolio/board through the resolver, ${epics} epics`);
      board.push(await benchBoard(epics, plan, options.jiraLatencyMs ?? 0));
    }

  if (options.only.has('flow'))
    for (const epics of FLOW_SIZES) {
      progress(`flow/metrics and flow/forecast through the resolver, ${epics} epics`);
      flow.push(await benchFlowPage(epics, plan));
    }

  let scale: ScaleFigures | null = null;
  if (options.only.has('scale'))
    scale = await benchScale({
      sizes: options.scaleSizes,
      latencyMs: options.jiraLatencyMs ?? DEFAULT_SCALE_LATENCY_MS,
      runs: options.runsGiven ?? DEFAULT_SCALE_RUNS,
      warmups: plan.warmups,
      inProcess: options.inProcess,
      ...(options.scaleScenarios === undefined ? {} : { scenarios: options.scaleScenarios }),
      ...(options.functionHeapMiB === undefined ? {} : { functionHeapMiB: options.functionHeapMiB }),
      progress,
    });

  // The scale rows once, in the compared shape; beside them what describes the run (sizes, latency).
  const scaleRun = scale ? { latencyMs: scale.latencyMs, inProcess: scale.inProcess, sizes: scale.sizes } : null;
  const figures = { machine: host, plan, domain, forecast, board, flow, scale: scaleRun, rows: scale ? scaleJsonRows(scale) : [] };
  const text = `${renderReport(figures)}${flow.length > 0 ? `\n\n${renderFlowPage(flow)}` : ''}${scale ? `\n\n${renderScale(scale)}` : ''}`;
  process.stdout.write(`${options.json ? JSON.stringify(figures, null, 2) : text}\n`);
}

/** Heap figures need a full collection on demand: re-run this file under --expose-gc if needed. */
function relaunchWithGc(): number {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  return child.status ?? 1;
}

if (typeof gc === 'function')
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
else process.exitCode = relaunchWithGc();
