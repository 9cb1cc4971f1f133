/**
 * The supply-chain rules the README's "Dependencies" section states, checked offline: every
 * package that would run an install script has an `allowScripts` decision, the lockfile matches
 * package.json, and no CI step or npm script depends on `npm audit` (its endpoint is unreachable
 * here).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, unknown>;

interface LockedPackage {
  readonly version?: string;
  readonly hasInstallScript?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

const pkg = readJson('package.json') as { dependencies: Record<string, string>; devDependencies: Record<string, string>; allowScripts?: Record<string, boolean | string>; scripts: Record<string, string> };
const lock = readJson('package-lock.json') as { lockfileVersion: number; packages: Record<string, LockedPackage> };

/** `node_modules/a/node_modules/@b/c` → `@b/c`. */
const packageName = (location: string) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('supply chain', () => {
  it('should have an allowScripts decision for every locked package that has an install script', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([location, entry]) => location !== '' && entry.hasInstallScript === true)
      .map(([location, entry]) => ({ name: packageName(location), version: entry.version }));
    const decided = Object.keys(pkg.allowScripts ?? {}).map((key) => key.replace(/(?<=.)@.*$/, ''));
    const undecided = withScripts.filter(({ name }) => !decided.includes(name));
    expect(undecided).toEqual([]);
  });

  it('should lock exactly the dependencies package.json names when the lockfile is read', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(3);
    expect(lock.packages['']?.dependencies).toEqual(pkg.dependencies);
    expect(lock.packages['']?.devDependencies).toEqual(pkg.devDependencies);
  });

  it('should run no npm audit in CI or in an npm script', () => {
    const ci = readFileSync(path.join(repoRoot, '.ci/run'), 'utf8');
    const commands = [...ci.split('\n').filter((line) => !line.trim().startsWith('#')), ...Object.values(pkg.scripts)];
    const audits = commands.filter((line) => /\bnpm\s+audit\b/.test(line));
    expect(audits).toEqual([]);
    // `npm ci` would otherwise ask the audit endpoint after installing (and wait on it).
    expect(ci).toMatch(/npm ci[^\n]*--no-audit/);
  });
});
