import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DOC_ENTITY } from '../../src/adapters/forge/store';

const manifest = parse(readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8'));

describe('manifest.yml storage entities', () => {
  it('should declare the document entity exactly as the Forge store adapter uses it', () => {
    const declared = manifest.app.storage.entities.find((e: { name: string }) => e.name === DOC_ENTITY.name);
    expect(declared).toEqual(DOC_ENTITY);
  });

  it('should export a function from src/index.ts for every handler the manifest names', async () => {
    const index: Record<string, unknown> = await import('../../src/index');
    const handlers = (manifest.modules.function as { handler: string }[]).map((fn) => fn.handler.replace(/^index\./, ''));
    expect(handlers.filter((name) => typeof index[name] !== 'function')).toEqual([]);
  });
});
