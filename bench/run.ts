/**
 * `npm run bench`: speed and memory of the large-portfolio paths, printed as tables (or JSON with
 * --json). Options: --runs N (default 5), --warmups N (default 1), --only domain,forecast,board.
 * Heap figures need global.gc, so the script re-starts itself with --expose-gc when it is missing.
 * Progress goes to stderr so that --json output on stdout stays machine-readable.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { benchBoard } from './board';
import type { BoardFigures } from './board';
import { benchDomainScale } from './domainScale';
import type { DomainScaleFigures } from './domainScale';
import { benchForecast, FORECAST_TRIALS, WINDOW_DAYS } from './forecast';
import type { ForecastFigures } from './forecast';
import { count, mib, ms, ratio, table } from './report';
import type { RunPlan } from './timing';

const SCENARIOS = ['domain', 'forecast', 'board'] as const;
type Scenario = (typeof SCENARIOS)[number];
const DOMAIN_SIZES = [5_000, 20_000];
const FORECAST_SIZES = [150, 5_000];
const BOARD_SIZES = [150, 5_000];

interface Options {
  readonly json: boolean;
  readonly plan: RunPlan;
  readonly only: ReadonlySet<Scenario>;
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
  const onlyText = valueOf('--only');
  const only = onlyText === undefined ? [...SCENARIOS] : onlyText.split(',').map((name) => name.trim());
  for (const name of only) if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only knows ${SCENARIOS.join(', ')}; got ${name}`);
  return {
    json: argv.includes('--json'),
    plan: { runs: wholeNumber('--runs', 5, 1), warmups: wholeNumber('--warmups', 1, 0) },
    only: new Set(only as Scenario[]),
  };
}

interface Machine {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly platform: string;
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

function domainTables(figures: readonly DomainScaleFigures[]): string {
  const build = table(
    ['epics', 'status changes', 'buildTimeline, all epics: ms', 'heap MiB', 'buildFlowReport: ms', 'heap MiB'],
    figures.map((f) => [count(f.epics), count(f.statusChanges), ms(f.timelines.ms), mib(f.timelines.heapGrowthBytes), ms(f.flowReport.ms), mib(f.flowReport.heapGrowthBytes)]),
  );
  const cfd = table(
    ['epics', 'CFD days', 'cumulativeFlow: ms', 'naive scan: ms', 'naive ÷ ours', 'same rows'],
    figures.map((f) => [count(f.epics), count(f.cfdDays), ms(f.cfd.oursMs), ms(f.cfd.naiveMs), ratio(f.cfd.naiveOverOurs), f.cfd.sameRows ? 'yes' : 'NO']),
  );
  return `${build}\n\n${cfd}`;
}

function forecastTable(figures: readonly ForecastFigures[]): string {
  const answer = (values: Record<string, number | null>) =>
    Object.entries(values)
      .map(([confidence, value]) => `${confidence}: ${value ?? '—'}`)
      .join(', ');
  return table(
    ['epics', 'done in window', 'forecast', 'ms per forecast', 'answer'],
    figures.flatMap((f) => [
      [count(f.epics), count(f.doneInWindow), `how many in ${f.howMany.horizonDays} days`, ms(f.howMany.ms), `${answer(f.howMany.answer)} epics`],
      [count(f.epics), count(f.doneInWindow), `when will ${f.when.items} be done`, ms(f.when.ms), `${answer(f.when.answer)} days`],
    ]),
  );
}

function boardTable(figures: readonly BoardFigures[]): string {
  const endpoints = (calls: Readonly<Record<string, number>>) =>
    Object.entries(calls)
      .map(([endpoint, n]) => `${endpoint.replace('/rest/api/3', '')} ×${n}`)
      .join(', ');
  return table(
    ['epics', 'load', 'as', 'ms', 'cards', 'REST calls', 'by endpoint'],
    figures.flatMap((f) =>
      f.loads.map((load) => [
        count(f.epics),
        load.load,
        load.actor,
        ms(load.ms),
        count(load.cards),
        `${count(load.restCalls)}${load.sameCallsEveryRun ? '' : '*'}`,
        endpoints(load.callsByEndpoint),
      ]),
    ),
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const host = machine();
  const { plan } = options;
  const domain: DomainScaleFigures[] = [];
  const forecast: ForecastFigures[] = [];
  const board: BoardFigures[] = [];

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
      board.push(await benchBoard(epics, plan));
    }

  if (options.json) {
    process.stdout.write(`${JSON.stringify({ machine: host, plan, domain, forecast, board }, null, 2)}\n`);
    return;
  }
  const sections = [
    `Lean Portfolio bench — ${host.date}\nNode ${host.node} · ${host.cpus} CPUs (${host.cpuModel}) · ${host.platform}\n` +
      `Each figure: median (min–max) of ${plan.runs} runs after ${plan.warmups} warm-up; heap = heapUsed retained after gc.`,
  ];
  if (domain.length > 0)
    sections.push(`1. Domain at scale — demo portfolio (seed 42), 18 months of history, UTC\n\n${domainTables(domain)}`);
  if (forecast.length > 0)
    sections.push(`2. Monte Carlo — ${count(FORECAST_TRIALS)} trials, daily throughput of the last ${WINDOW_DAYS} days\n\n${forecastTable(forecast)}`);
  if (board.length > 0)
    sections.push(
      `3. portfolio/board through the resolver — demo Jira on 127.0.0.1 (no added latency), HTTP adapter, memory store\n\n${boardTable(board)}` +
        (board.some((f) => f.loads.some((load) => !load.sameCallsEveryRun)) ? '\n* the calls differed between runs; the last run is shown' : ''),
    );
  process.stdout.write(`${sections.join('\n\n')}\n`);
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
