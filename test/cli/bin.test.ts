/** The built command, run with plain `node` as a user would (npm test builds before Jest). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, SAMPLE } from './runLpm';

const BIN = 'dist/src/cli/lpm.js';

function lpm(args: string[]) {
  if (!existsSync(resolve(REPO_ROOT, BIN))) throw new Error(`${BIN} is missing: run \`npm run build:server\` first`);
  return spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
}

describe('the built lpm command', () => {
  it('should print the metrics of the sample as JSON and exit 0 when run with node', () => {
    const result = lpm(['metrics', '--input', SAMPLE]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { asOf: string; epics: { key: string; flowTimeDays: number | null }[] };
    // As of today: the sample's history ends in April 2025, so all eight epics and their flow times are settled.
    expect(report.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.epics.map((e) => e.flowTimeDays)).toEqual([35, 42, null, 56, 37, null, null, 21]);
  });

  it('should exit 2 with one line and no stack trace when the input is missing', () => {
    const result = lpm(['metrics', '--input', 'test/fixtures/cli/does-not-exist.json']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('lpm: test/fixtures/cli/does-not-exist.json: no such file\n');
  });

  it('should start with a node shebang when built', () => {
    expect(readFileSync(resolve(REPO_ROOT, BIN), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});
