/**
 * The resolver function the manifest names. Built on first call, so importing this module makes no
 * Forge call (tests and the preview import it freely).
 */
import { forgeRuntime } from '../runtime/forge';
import { createResolverHandler } from './handler';
import type { ResolverHandler } from './handler';

let forgeHandler: ResolverHandler | undefined;

export const handler: ResolverHandler = (payload, backendRuntimePayload) => {
  forgeHandler ??= createResolverHandler(forgeRuntime());
  return forgeHandler(payload, backendRuntimePayload);
};
