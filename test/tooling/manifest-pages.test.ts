/**
 * The page lists kept outside the manifest must match it: the preview's modules (PAGES,
 * PAGE_MODULES; the browser tests build and open these) and the global page's sub-pages
 * (SUB_PAGES, which the page, the launcher and the preview use). scripts/build-pages.mjs reads
 * the manifest's resources itself.
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
  resources: { key: string; path: string }[];
};

/** Every module that shows a resource, with its kind. */
const pageModules = Object.entries(manifest.modules).flatMap(([extensionType, modules]) =>
  modules.filter((module) => module.resource !== undefined).map((module) => ({ extensionType, ...module })),
);

describe('manifest.yml pages', () => {
  it('should list the preview pages in the order of the manifest resources', () => {
    expect([...PAGES]).toEqual(manifest.resources.map((resource) => resource.key));
  });

  it.each([...PAGES])('should describe page %s as the manifest module that shows it', (page) => {
    const module = pageModules.find((candidate) => candidate.resource === page);
    expect(module && { moduleKey: module.key, extensionType: module.extensionType, title: module.title }).toEqual(PAGE_MODULES[page]);
  });

  it.each(manifest.resources.map((resource) => [resource.key, resource.path]))(
    'should build resource %s from its own static folder into %s',
    (key, resourcePath) => {
      expect(existsSync(path.join(ROOT, 'static', key, 'index.html'))).toBe(true);
      expect(resourcePath).toBe(`static/dist/${key}`);
    },
  );

  it("should list the global page's sub-pages as the manifest's pages, in order", () => {
    const globalPage = manifest.modules['jira:globalPage']?.[0];
    const declared = (globalPage?.pages ?? []).map((page) => ({ route: `/${page.route}`, title: page.title }));
    expect(SUB_PAGES.map(({ route, title }) => ({ route, title }))).toEqual(declared);
  });
});
