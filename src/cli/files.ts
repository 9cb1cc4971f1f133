/** Reading the user's files, with every failure turned into a one-line input error. */
import { CliInputError } from './errors';
import type { CliIo } from './io';
import { errorMessage } from '../errors';

const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
};

export function readTextFile(io: CliIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const problem = typeof code === 'string' ? READ_PROBLEMS[code] : undefined;
    throw new CliInputError(path, '', problem ?? `cannot read the file (${oneLine(error)})`);
  }
}

export function parseJsonText(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliInputError(path, '', `not valid JSON (${oneLine(error)})`);
  }
}

export function readJsonFile(io: CliIo, path: string): unknown {
  return parseJsonText(path, readTextFile(io, path));
}

/** An error's message on one short line (JSON.parse quotes the input, which may be long). */
export function oneLine(error: unknown): string {
  const message = errorMessage(error);
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
