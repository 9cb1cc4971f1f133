import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const script = path.join(repoRoot, 'scripts/validate-manifest.mjs');

function validate(manifestPath: string) {
  const run = spawnSync(process.execPath, [script, manifestPath], { cwd: repoRoot, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function brokenCopy(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lp-manifest-'));
  const file = path.join(dir, 'manifest.yml');
  writeFileSync(file, edit(readFileSync(path.join(repoRoot, 'manifest.yml'), 'utf8')));
  return file;
}

describe('scripts/validate-manifest.mjs', () => {
  it('should accept the project manifest when it is valid', () => {
    const result = validate('manifest.yml');
    expect(result.output).toContain('valid');
    expect(result.status).toBe(0);
  });

  it.each([
    ['an unknown trigger interval', (y: string) => y.replace('interval: day', 'interval: fortnight'), "allowed values are 'fiveMinute'"],
    ['a handler that names no file', (y: string) => y.replace('handler: index.handler', 'handler: missing.handler'), "cannot find associated file with name 'missing"],
    ['the UI Kit 1 era runtime', (y: string) => y.replace('name: nodejs22.x', 'name: nodejs18.x'), 'nodejs22.x'],
  ])('should fail with the validator message when the manifest has %s', (_case, edit, message) => {
    const result = validate(brokenCopy(edit));
    expect(result.status).toBe(1);
    expect(result.output).toContain(message);
  });

  it('should fail the product-trigger scope check when the issue trigger lacks read:jira-work', () => {
    const result = validate(brokenCopy((y) => y.replace('    - read:jira-work\n', '')));
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/product-trigger scopes: .*read:jira-work/);
  });
});
