/**
 * The page lists kept outside the manifest must match it: the preview's modules (PAGES,
 * PAGE_MODULES; the browser tests build and open these; they are the entry points of the one
 * resource) and the global page's sub-pages (SUB_PAGES, which the page, the launcher and the
 * preview use). scripts/build-pages.mjs reads the manifest's resource itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PAGE_MODULES, PAGES } from '../../preview/shim/config';
import { SUB_PAGES } from '../../static/global-page/routes';

const ROOT = path.resolve(__dirname, '../..');

interface ManifestModule {
  key: string;
  resource?: string;
  title?: string;
  pages?: { title: string; route: string }[];
}

const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
  modules: Record<string, ManifestModule[]>;
  resources: { key: string; path: string; entry?: Record<string, string> }[];
};
/** The pages are the entry points of one resource (they share its chunks). */
const [resource] = manifest.resources;
const entries = Object.entries(resource?.entry ?? {});

/** Every module that shows a resource, with its kind. */
const pageModules = Object.entries(manifest.modules).flatMap(([extensionType, modules]) =>
  modules.filter((module) => module.resource !== undefined).map((module) => ({ extensionType, ...module })),
);

describe('manifest.yml pages', () => {
  it('should have one resource whose entry points are the preview pages, in order', () => {
    expect(manifest.resources).toHaveLength(1);
    expect(resource?.path).toBe('static/dist');
    expect(entries.map(([key]) => key)).toEqual([...PAGES]);
  });

  it.each([...PAGES])('should describe page %s as the manifest module that shows it', (page) => {
    const module = pageModules.find((candidate) => candidate.resource === `${resource?.key}/${page}`);
    expect(module && { moduleKey: module.key, extensionType: module.extensionType, title: module.title }).toEqual(PAGE_MODULES[page]);
  });

  it.each(entries)('should build entry %s from static/<entry>.html (its script in static/<entry>/) into %s', (key, html) => {
    expect(html).toBe(`${key}.html`);
    expect(readFileSync(path.join(ROOT, 'static', html), 'utf8')).toContain(`src="./${key}/main.tsx"`);
    expect(existsSync(path.join(ROOT, 'static', key, 'main.tsx'))).toBe(true);
  });

  it("should list the global page's sub-pages as the manifest's pages, in order", () => {
    const globalPage = manifest.modules['jira:globalPage']?.[0];
    const declared = (globalPage?.pages ?? []).map((page) => ({ route: `/${page.route}`, title: page.title }));
    expect(SUB_PAGES.map(({ route, title }) => ({ route, title }))).toEqual(declared);
  });
});
