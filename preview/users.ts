/**
 * Who can use the preview, and with which Jira credentials each acts. On the demo Jira: the RTE
 * and the team member (the switcher's choices) plus the app actor. On a real site: the token's
 * owner, as both the user and the app (a site token cannot act as an app).
 */
import { demoUser, type DemoUserName } from './demo-jira/model';
import type { PreviewUser } from './shim/config';

export interface JiraSite {
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
}

export interface PreviewActor extends PreviewUser {
  readonly email: string;
  readonly apiToken: string;
}

export interface PreviewActors {
  /** The users the switcher offers, the first being the default. */
  readonly users: readonly PreviewActor[];
  /** Credentials `asApp()` uses. */
  readonly app: { readonly email: string; readonly apiToken: string };
}

function previewActorOf(name: DemoUserName): PreviewActor {
  const user = demoUser(name);
  return { key: user.name, accountId: user.accountId, displayName: user.displayName, email: user.email, apiToken: user.apiToken };
}

export function demoActors(): PreviewActors {
  const app = demoUser('app');
  return { users: [previewActorOf('rte'), previewActorOf('member')], app: { email: app.email, apiToken: app.apiToken } };
}

export function siteActors(site: JiraSite, myself: { accountId: string; displayName?: string }): PreviewActors {
  const user: PreviewActor = {
    key: 'site',
    accountId: myself.accountId,
    displayName: myself.displayName ?? site.email,
    email: site.email,
    apiToken: site.apiToken,
  };
  return { users: [user], app: { email: site.email, apiToken: site.apiToken } };
}

export function findUser(actors: PreviewActors, key: string | null | undefined): PreviewActor | undefined {
  return actors.users.find((user) => user.key === key);
}

/** The user a page or the launcher shows: the one asked for, else the first. */
export function userOrDefault(actors: PreviewActors, key: string | null | undefined): PreviewActor {
  return findUser(actors, key) ?? actors.users[0]!;
}
