/** What `metrics` and `forecast` share: epics from a source, settings from the config, histories. */
import type { LocalDate } from '../domain/calendar';
import type { EpicHistory } from '../domain/timeline';
import { toEpicHistory } from '../services/epicHistory';
import { asOfProblem } from '../services/requestBounds';
import { loadSettings } from './config';
import { CliInputError } from './errors';
import type { CliSettings } from './config';
import type { CliIo } from './io';
import { statusesSeen } from './jiraExport';
import { dateOption, stringOption } from './options';
import type { OptionSpec, OptionValues } from './options';
import { EPIC_SOURCE_OPTIONS, epicSourceFrom, loadEpicRecords } from './sources';

export const PORTFOLIO_OPTIONS: OptionSpec = {
  ...EPIC_SOURCE_OPTIONS,
  config: { type: 'string', short: 'c' },
  'as-of': { type: 'string' },
};

export interface Portfolio {
  readonly histories: EpicHistory[];
  readonly settings: CliSettings;
  /** `--as-of`, else today in the portfolio's time zone. */
  readonly asOf: LocalDate;
}

export async function loadPortfolio(command: string, values: OptionValues, io: CliIo): Promise<Portfolio> {
  // Options first: a bad date should not wait for a large file to be read.
  const asOfOption = dateOption(values, 'as-of');
  const source = epicSourceFrom(command, values);
  const records = await loadEpicRecords(source, io);
  const settings = loadSettings(io, stringOption(values, 'config'), statusesSeen(records));
  const histories = records.map((record) => toEpicHistory(record.issue, record.histories));
  const today = io.today(settings.timeZone);
  const problem = asOfOption === undefined ? null : asOfProblem(asOfOption, today);
  if (problem !== null) throw new CliInputError('--as-of', '', problem);
  return { histories, settings, asOf: asOfOption ?? today };
}
