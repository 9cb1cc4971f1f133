/** `lpm rank`: WSJF, cost of delay and rank for rows of WSJF components. */
import { COMPONENT_NAMES, rankByWsjf } from '../../domain/wsjf';
import { toCsv } from '../csv';
import { readTextFile } from '../files';
import type { CliIo } from '../io';
import { choiceOption, parseOptions, requiredString } from '../options';
import { toJsonText } from '../print';
import { parseRankRows } from '../rankInput';

export async function rankCommand(args: readonly string[], io: CliIo): Promise<void> {
  const values = parseOptions('rank', args, { input: { type: 'string', short: 'i' }, format: { type: 'string', short: 'f' } });
  const path = requiredString('rank', values, 'input');
  const format = choiceOption(values, 'format', ['json', 'csv'], 'json');
  const rows = parseRankRows(path, readTextFile(io, path));
  // Ranked first (rank 1..n), then the unscored ones by key.
  const ranked = rankByWsjf(rows, (row) => row).map(({ item, costOfDelay, wsjf, rank }) => ({ ...item, costOfDelay, wsjf, rank }));
  if (format === 'json') {
    io.stdout(toJsonText(ranked));
    return;
  }
  const fields = ['key', ...COMPONENT_NAMES, 'costOfDelay', 'wsjf', 'rank'] as const;
  io.stdout(toCsv(fields, ranked.map((row) => fields.map((field) => row[field]))));
}
