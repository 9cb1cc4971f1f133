/**
 * The Forge context of a module, as `view.getContext()` returns it in Jira Cloud, and the subset
 * the platform forwards to the resolver with every `invoke`. Pure: built from the page config.
 */
import { PAGE_MODULES, type PreviewPageConfig } from './config';

/** The theme part of the context: the host's colour mode and the theme ids it applies. */
function themeContext(config: Pick<PreviewPageConfig, 'colorMode'>): Record<string, string> {
  return { colorMode: config.colorMode, dark: 'dark', light: 'light', spacing: 'spacing', typography: 'typography', shape: 'shape' };
}

function extensionOf(config: PreviewPageConfig, location: string): Record<string, unknown> {
  const module = PAGE_MODULES[config.page];
  if (config.page === 'issue-panel' && config.issue !== null) {
    const issue = config.issue;
    return {
      type: module.extensionType,
      issue: { id: issue.id, key: issue.key, type: issue.type, typeId: issue.typeId },
      project: { id: issue.project.id, key: issue.project.key, type: 'software' },
      isNewToIssue: false,
    };
  }
  return { type: module.extensionType, location };
}

/** `view.getContext()` for the page; `location` is the page's address in the host. */
export function frontendContext(config: PreviewPageConfig, location: string): Record<string, unknown> {
  const module = PAGE_MODULES[config.page];
  return {
    accountId: config.user.accountId,
    cloudId: config.cloudId,
    siteUrl: config.siteUrl,
    moduleKey: module.moduleKey,
    localId: `ari:cloud:ecosystem::extension/${config.appId}/${config.environmentId}/static/${module.moduleKey}`,
    environmentId: config.environmentId,
    environmentType: 'DEVELOPMENT',
    locale: 'en-US',
    timezone: 'UTC',
    theme: themeContext(config),
    extension: extensionOf(config, location),
  };
}

/** What the platform passes to the resolver as `context` (the caller arrives separately). */
export function backendContext(config: PreviewPageConfig, location: string): Record<string, unknown> {
  const full = frontendContext(config, location);
  return {
    cloudId: full.cloudId,
    siteUrl: full.siteUrl,
    moduleKey: full.moduleKey,
    localId: full.localId,
    environmentId: full.environmentId,
    environmentType: full.environmentType,
    extension: full.extension,
  };
}
