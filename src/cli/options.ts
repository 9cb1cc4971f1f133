/** Command-line options: `node:util` parseArgs for the syntax, small parsers for the values. */
import { parseArgs } from 'node:util';
import { isLocalDate } from '../domain/calendar';
import type { LocalDate } from '../domain/calendar';
import { CliInputError, CliUsageError } from './errors';
import { errorMessage } from '../errors';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
export type OptionValues = Record<string, string | boolean | undefined>;

/** Parses one command's options; unknown options, stray words and missing values are usage errors. */
export function parseOptions(command: string, args: readonly string[], spec: OptionSpec): OptionValues {
  try {
    return parseArgs({ args: [...args], options: spec, strict: true, allowPositionals: false }).values as OptionValues;
  } catch (error) {
    throw new CliUsageError(`${command}: ${describeParseError(error)}`);
  }
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = errorMessage(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // "Option '-i, --input <value>' argument missing": name the long form.
      return `option ${/--[\w-]+/.exec(quoted)?.[0] ?? quoted} needs a value`;
    default:
      return message.split('\n')[0] ?? message;
  }
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(command: string, values: OptionValues, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw new CliUsageError(`${command}: --${name} is required`);
  return value;
}

export function dateOption(values: OptionValues, name: string): LocalDate | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  if (!isLocalDate(value)) throw new CliInputError(`--${name}`, '', `not a date: ${JSON.stringify(value)} (expected YYYY-MM-DD)`);
  return value;
}

/** A whole number within [min, max]. */
export function integerOption(values: OptionValues, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max)
    throw new CliInputError(`--${name}`, '', `not a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}: ${JSON.stringify(value)}`);
  return number;
}

/** "50,85,95" → [50, 85, 95]; each 0..100. */
export function percentilesOption(values: OptionValues, name: string): number[] | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  return value.split(',').map((part) => {
    const number = Number(part.trim());
    if (part.trim() === '' || !(number >= 0 && number <= 100))
      throw new CliInputError(`--${name}`, '', `not a percentile from 0 to 100: ${JSON.stringify(part.trim())}`);
    return number;
  });
}

export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly T[], fallback: T): T {
  const value = stringOption(values, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value))
    throw new CliInputError(`--${name}`, '', `expected ${choices.join(' or ')}, got ${JSON.stringify(value)}`);
  return value as T;
}
