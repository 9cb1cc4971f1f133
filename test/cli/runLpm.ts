/** Runs `lpm` in-process with fake I/O: virtual files first, then the repository's files. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { run } from '../../src/cli/run';

export const REPO_ROOT = resolve(__dirname, '../..');
export const SAMPLE = 'test/fixtures/sample-export.json';

export interface LpmOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface LpmSurroundings {
  env?: Record<string, string>;
  fetch?: typeof fetch;
}

export async function runLpm(argv: string[], files: Record<string, string> = {}, today = '2025-04-30', surroundings: LpmSurroundings = {}): Promise<LpmOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => files[path] ?? readFileSync(resolve(REPO_ROOT, path), 'utf8'),
    today: () => today,
    ...surroundings,
  });
  return { code, stdout, stderr };
}

export function readFixture(path: string): string {
  return readFileSync(resolve(REPO_ROOT, path), 'utf8');
}

/** The sample export as an object, for tests that derive a variant of it. */
export function sampleExport(): { issues: { key: string; id: string; [field: string]: unknown }[]; [field: string]: unknown } {
  return JSON.parse(readFixture(SAMPLE)) as ReturnType<typeof sampleExport>;
}
