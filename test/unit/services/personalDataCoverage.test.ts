/**
 * Every store collection the code writes is either read by the personal data job or listed as
 * naming no one: a new collection (from any branch) fails here until someone decides which.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { COLLECTIONS_WITHOUT_PEOPLE, PERSONAL_DATA_COLLECTIONS } from '../../../src/services/personalData';

const srcRoot = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Collection names as the code spells them: `collection: 'x'` in a DocumentKind, or `X_COLLECTION = 'x'`. */
function collectionsInCode(): string[] {
  const names = new Set<string>();
  for (const file of sourceFiles(srcRoot)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:\bcollection: |_COLLECTION = )'([^']+)'/g)) names.add(match[1] as string);
  }
  return [...names].sort();
}

it('should classify every collection the code writes when the personal data job lists what it reads', () => {
  const classified = new Set([...PERSONAL_DATA_COLLECTIONS.map((entry) => entry.collection), ...COLLECTIONS_WITHOUT_PEOPLE]);
  const found = collectionsInCode();
  expect(found.length).toBeGreaterThanOrEqual(15);
  expect(found.filter((name) => !classified.has(name))).toEqual([]);
});
