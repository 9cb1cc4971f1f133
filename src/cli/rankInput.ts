/**
 * The rows `lpm rank` reads: JSON (an array of objects) or CSV with a header row, each with `key`
 * and the four WSJF components. A missing or empty component is null (the epic stays unscored).
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { COMPONENT_NAMES } from '../domain/wsjf';
import type { WsjfComponents } from '../domain/wsjf';
import { CliInputError, fromZodError } from './errors';
import { parseJsonText } from './files';

export type WsjfRow = WsjfComponents & { readonly key: string };

const componentSchema = z.number().nullable().optional().transform((value) => value ?? null);
/** Other fields in a row are ignored (z.object leaves them out). */
const jsonRowsSchema = z.array(
  z.object({
    key: z.string().trim().min(1, 'an epic needs a key'),
    userBusinessValue: componentSchema,
    timeCriticality: componentSchema,
    riskReductionOpportunityEnablement: componentSchema,
    jobSize: componentSchema,
  }),
);

/** CSV when the file is named `.csv` or does not start like JSON. */
export function parseRankRows(source: string, text: string): WsjfRow[] {
  const looksLikeJson = /^\s*[[{]/.test(text);
  return source.toLowerCase().endsWith('.csv') || !looksLikeJson ? parseCsvRows(source, text) : parseJsonRows(source, text);
}

function parseJsonRows(source: string, text: string): WsjfRow[] {
  const parsed = jsonRowsSchema.safeParse(parseJsonText(source, text));
  if (!parsed.success) throw fromZodError(source, parsed.error);
  return parsed.data;
}

function parseCsvRows(source: string, text: string): WsjfRow[] {
  const parsed = Papa.parse<Record<string, string | undefined>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
  });
  const fields = parsed.meta.fields ?? [];
  for (const required of ['key', ...COMPONENT_NAMES])
    if (!fields.includes(required)) throw new CliInputError(source, 'line 1', `missing column "${required}"`);
  const error = parsed.errors[0];
  // Papa counts data rows from 0; the header is line 1.
  if (error) throw new CliInputError(source, `line ${(error.row ?? 0) + 2}`, error.message);

  return parsed.data.map((row, index) => {
    const line = `line ${index + 2}`;
    const key = (row.key ?? '').trim();
    if (key === '') throw new CliInputError(source, `${line}, key`, 'an epic needs a key');
    const component = (field: (typeof COMPONENT_NAMES)[number]): number | null => {
      const cell = (row[field] ?? '').trim();
      if (cell === '') return null;
      const value = Number(cell);
      if (!Number.isFinite(value)) throw new CliInputError(source, `${line}, ${field}`, `not a number: ${JSON.stringify(cell)}`);
      return value;
    };
    return {
      key,
      userBusinessValue: component('userBusinessValue'),
      timeCriticality: component('timeCriticality'),
      riskReductionOpportunityEnablement: component('riskReductionOpportunityEnablement'),
      jobSize: component('jobSize'),
    };
  });
}
