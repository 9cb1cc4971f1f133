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

/**
 * What Forge's resolver throws for a function key it has no definition for, with its words. The
 * handler throws it for every key that is not the contract's own (`__proto__`, `valueOf`,
 * `constructor` are found by `in` on the resolver's plain object and would run or crash otherwise).
 */
export class UnknownFunctionError extends Error {
  override name = 'UnknownFunctionError';
  constructor(readonly functionKey: unknown) {
    super(`Resolver has no definition for '${String(functionKey)}'.`);
  }
}

const RESOLVER_KEY_SET: ReadonlySet<string> = new Set(RESOLVER_KEYS);
const isResolverKey = (key: unknown): key is ResolverKey => typeof key === 'string' && RESOLVER_KEY_SET.has(key);

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
        queue: runtime.queue,
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
  const definitions = resolver.getDefinitions();
  return async (request, backendRuntimePayload) => {
    const functionKey: unknown = (request as { call?: { functionKey?: unknown } } | undefined)?.call?.functionKey;
    if (!isResolverKey(functionKey)) throw new UnknownFunctionError(functionKey);
    return definitions(request, backendRuntimePayload);
  };
}
