/**
 * Where a command's epics come from. Each source is one small loader returning the same records;
 * adding a source means one more variant, its options, and one more case in `loadEpicRecords`.
 */
import { CliUsageError } from './errors';
import { readJsonFile } from './files';
import type { CliIo } from './io';
import { parseJiraExport } from './jiraExport';
import type { EpicRecord } from './jiraExport';
import { stringOption } from './options';
import type { OptionSpec, OptionValues } from './options';

export type EpicSource = { readonly kind: 'file'; readonly path: string };

export const EPIC_SOURCE_OPTIONS: OptionSpec = { input: { type: 'string', short: 'i' } };

export function epicSourceFrom(command: string, values: OptionValues): EpicSource {
  const path = stringOption(values, 'input');
  if (path === undefined || path === '') throw new CliUsageError(`${command}: --input FILE is required`);
  return { kind: 'file', path };
}

export async function loadEpicRecords(source: EpicSource, io: CliIo): Promise<EpicRecord[]> {
  switch (source.kind) {
    case 'file':
      return parseJiraExport(source.path, readJsonFile(io, source.path));
  }
}
