/** The bench's figures as plain-text tables: medians first, the spread (min–max) beside them. */
import type { BoardFigures } from './board';
import type { DomainScaleFigures } from './domainScale';
import { FORECAST_TRIALS, WINDOW_DAYS } from './forecast';
import type { ForecastFigures } from './forecast';
import type { RunPlan, Spread } from './timing';

export interface Machine {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly platform: string;
}

export interface BenchFigures {
  readonly machine: Machine;
  readonly plan: RunPlan;
  readonly domain: readonly DomainScaleFigures[];
  readonly forecast: readonly ForecastFigures[];
  readonly board: readonly BoardFigures[];
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function fixed(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** "123 (118–131)": median with min–max. */
function ms(spread: Spread): string {
  return `${fixed(spread.median)} (${fixed(spread.min)}–${fixed(spread.max)})`;
}

/** Heap bytes as MiB, median with min–max. */
function mib(spread: Spread): string {
  const toMib = (bytes: number) => bytes / 1_048_576;
  return `${fixed(toMib(spread.median))} (${fixed(toMib(spread.min))}–${fixed(toMib(spread.max))})`;
}

function ratio(spread: Spread): string {
  return `${fixed(spread.median)}× (${fixed(spread.min)}–${fixed(spread.max)})`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function domainTables(figures: readonly DomainScaleFigures[]): string {
  const build = table(
    ['epics', 'status changes', 'buildTimeline ×all: ms', 'timelines heap MiB', 'buildFlowReport: ms', 'report heap MiB'],
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
    ['epics', 'load', 'as', 'ms', 'cards', 'response KiB', 'REST calls', 'by endpoint'],
    figures.flatMap((f) =>
      f.loads.map((load) => [
        count(f.epics),
        load.load,
        load.actor,
        ms(load.ms),
        count(load.cards),
        count(Math.round(load.responseBytes / 1024)),
        `${count(load.restCalls)}${load.sameCallsEveryRun ? '' : '*'}`,
        endpoints(load.callsByEndpoint),
      ]),
    ),
  );
}

export function renderReport(figures: BenchFigures): string {
  const { machine, plan } = figures;
  const sections = [
    [
      `Lean Portfolio bench — ${machine.date}`,
      `Node ${machine.node} · ${machine.cpus} CPUs (${machine.cpuModel}) · ${machine.platform}`,
      ...(figures.domain.length + figures.forecast.length + figures.board.length > 0
        ? [`Each figure: median (min–max) of ${plan.runs} runs after ${plan.warmups} warm-up; heap = heapUsed retained after gc.`]
        : []),
    ].join('\n'),
  ];
  if (figures.domain.length > 0)
    sections.push(`1. Domain at scale — demo portfolio (seed 42), 18 months of history, UTC\n\n${domainTables(figures.domain)}`);
  if (figures.forecast.length > 0)
    sections.push(`2. Monte Carlo — ${count(FORECAST_TRIALS)} trials, daily throughput of the last ${WINDOW_DAYS} days\n\n${forecastTable(figures.forecast)}`);
  const [firstBoard] = figures.board;
  if (firstBoard) {
    const latency = firstBoard.jiraLatencyMs === 0 ? 'no added latency' : `${firstBoard.jiraLatencyMs} ms added per answer`;
    const varied = figures.board.some((f) => f.loads.some((load) => !load.sameCallsEveryRun));
    sections.push(
      `3. portfolio/board through the resolver — demo Jira on 127.0.0.1 (${latency}), HTTP adapter, memory store\n\n${boardTable(figures.board)}` +
        (varied ? '\n* the calls differed between runs; the last run is shown' : ''),
    );
  }
  return sections.join('\n\n');
}
