/**
 * The preview's Runtime: the same resolvers as on Forge, with Jira over HTTP (the demo Jira or a
 * real site) as the calling user or as the app, and the store in a local folder.
 */
import { httpJira } from '../src/adapters/http/jira';
import { createFileStore } from '../src/adapters/local/fileStore';
import { ForbiddenError } from '../src/errors';
import type { JiraActors, JiraPort } from '../src/ports';
import { consoleLog, systemClock, type ResolverContext, type Runtime } from '../src/runtime/runtime';
import type { PreviewActors } from './users';

export interface PreviewRuntimeOptions {
  /** Jira's base URL: the demo Jira's mount or a real site. */
  readonly jiraBaseUrl: string;
  readonly actors: PreviewActors;
  /** Folder of the file store. */
  readonly dataDir: string;
  readonly log?: Runtime['log'];
}

export function createPreviewRuntime(options: PreviewRuntimeOptions): Runtime {
  const ports = new Map<string, JiraPort>();
  const portFor = (email: string, apiToken: string): JiraPort => {
    let port = ports.get(email);
    if (port === undefined) {
      port = httpJira({ baseUrl: options.jiraBaseUrl, email, apiToken });
      ports.set(email, port);
    }
    return port;
  };
  const app = portFor(options.actors.app.email, options.actors.app.apiToken);

  return {
    jira(context: ResolverContext): JiraActors {
      const caller = options.actors.users.find((user) => user.accountId === context.accountId);
      // Forge never runs a resolver for an unknown caller; neither does the preview.
      if (caller === undefined) throw new ForbiddenError(`Unknown preview user ${String(context.accountId)}`);
      return { user: portFor(caller.email, caller.apiToken), app };
    },
    store: createFileStore(options.dataDir),
    clock: systemClock,
    log: options.log ?? consoleLog(),
  };
}
