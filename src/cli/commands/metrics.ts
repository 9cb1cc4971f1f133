/** `lpm metrics`: the flow metrics report as JSON, or the epics table as CSV. */
import type { FlowReport } from '../../contract/flowReport';
import { DEFAULT_FLOW_TIME_PERCENTILES } from '../../domain/flow';
import { buildFlowReport } from '../../services/flowReport';
import { toCsv } from '../csv';
import type { CliIo } from '../io';
import { choiceOption, parseOptions, percentilesOption } from '../options';
import { PORTFOLIO_OPTIONS, loadPortfolio } from '../portfolio';
import { toJsonText } from '../print';

export async function metricsCommand(args: readonly string[], io: CliIo): Promise<void> {
  const values = parseOptions('metrics', args, {
    ...PORTFOLIO_OPTIONS,
    percentiles: { type: 'string' },
    format: { type: 'string', short: 'f' },
  });
  const format = choiceOption(values, 'format', ['json', 'csv'], 'json');
  const percentiles = percentilesOption(values, 'percentiles') ?? DEFAULT_FLOW_TIME_PERCENTILES;
  const { histories, settings, asOf } = await loadPortfolio('metrics', values, io);
  const report = buildFlowReport(histories, { ...settings, percentiles }, asOf);
  io.stdout(format === 'csv' ? epicsCsv(report, settings.config.states) : toJsonText(report));
}

/** One row per epic: key, current state, the date of each state, then the per-epic numbers. */
function epicsCsv(report: FlowReport, states: readonly string[]): string {
  const fields = ['key', 'state', ...states, 'flowTimeDays', 'ageDays', 'efficiency', 'unmappedStatuses'];
  const rows = report.epics.map((epic) => [
    epic.key,
    epic.state,
    ...states.map((state) => epic.stateDates[state] ?? null),
    epic.flowTimeDays,
    epic.ageDays,
    epic.efficiency,
    epic.unmappedStatuses.join(' '),
  ]);
  return toCsv(fields, rows);
}
