/**
 * The one @forge/resolver handler: every key of the contract, each parse → authorize → delegate,
 * its outcome in the result envelope. The runtime decides where Jira and storage are (Forge,
 * the preview, tests).
 */
import Resolver from '@forge/resolver';
import { RESOLVER_KEYS } from '../contract/resolvers';
import type { ResolverKey } from '../contract/resolvers';
import type { Result } from '../contract/result';
import { ForbiddenError } from '../errors';
import { DEFAULT_CACHE_FRESH_MS } from '../runtime/runtime';
import type { ResolverContext, Runtime } from '../runtime/runtime';
import { createServiceContext } from '../services/context';
import { parseInput } from './parseInput';
import { routes } from './routes';
import type { Route } from './routes';
import { toResult } from './toResult';

export type ResolverHandler = ReturnType<Resolver['getDefinitions']>;

async function answer(runtime: Runtime, key: ResolverKey, payload: unknown, context: ResolverContext): Promise<Result<unknown>> {
  return toResult(
    async () => {
      const input = parseInput(key, payload);
      const accountId = context.accountId;
      // Everything reads Jira as the caller: without one there is nobody to read as.
      if (typeof accountId !== 'string' || accountId === '') throw new ForbiddenError('Sign in to Jira to use Lean Portfolio.');
      const ctx = createServiceContext({
        jira: runtime.jira(context),
        store: runtime.store,
        clock: runtime.clock,
        log: runtime.log,
        accountId,
        cacheFreshMs: runtime.cacheFreshMs ?? DEFAULT_CACHE_FRESH_MS,
      });
      const route = routes[key] as Route<ResolverKey>;
      await route.authorize?.(ctx, input);
      return route.run(ctx, input);
    },
    runtime.log,
    key,
  );
}

export function createResolverHandler(runtime: Runtime): ResolverHandler {
  const resolver = new Resolver();
  for (const key of RESOLVER_KEYS) {
    resolver.define(key, ({ payload, context }) => answer(runtime, key, payload, context as ResolverContext));
  }
  return resolver.getDefinitions();
}
