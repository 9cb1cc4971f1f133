/**
 * `POST /api/invoke`: what Forge does between `invoke()` in the page and the resolver function.
 * The body names the function, its payload, the module context and the preview user; the caller
 * reaches the handler as the platform's principal, never from the payload or the context.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { UnknownFunctionError, type ResolverHandler } from '../src/resolvers/handler';
import type { Log } from '../src/ports';
import { INVOKE_PAYLOAD_LIMIT_BYTES, PAYLOAD_TOO_LARGE_MESSAGE } from '../src/resolvers/payloadBounds';
import { readBodyWithin, sendJson, sendRefusalAndClose } from './http';
import { findUser, type PreviewActors } from './users';

const invokeRequestSchema = z.object({
  functionKey: z.string().min(1).max(200),
  payload: z.unknown().optional(),
  user: z.string().min(1).max(100),
  context: z.record(z.string(), z.unknown()).default({}),
});

export async function handleInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { handler: ResolverHandler; actors: PreviewActors; log: Log },
): Promise<void> {
  // Forge refuses invoke requests over 500 KB; the preview too, with the handler's own sentence,
  // and without reading the rest of the body.
  const text = await readBodyWithin(req, INVOKE_PAYLOAD_LIMIT_BYTES);
  if (text === null) return sendRefusalAndClose(req, res, 413, { message: PAYLOAD_TOO_LARGE_MESSAGE });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return sendJson(res, 400, { message: 'The invoke request is not JSON.' });
  }
  const parsed = invokeRequestSchema.safeParse(json);
  if (!parsed.success) return sendJson(res, 400, { message: `Bad invoke request: ${z.prettifyError(parsed.error)}` });
  const { functionKey, payload, context } = parsed.data;
  const user = findUser(deps.actors, parsed.data.user);
  if (user === undefined) return sendJson(res, 400, { message: `Unknown preview user "${parsed.data.user}".` });
  // The platform owns these: a page cannot choose who it runs as.
  const { accountId: _ignored, ...moduleContext } = context;
  try {
    const result = await deps.handler({ call: { functionKey, payload: payload ?? {} }, context: moduleContext }, { principal: { accountId: user.accountId } });
    sendJson(res, 200, result ?? null);
  } catch (error) {
    // Forge rejects the page's invoke of an unknown function with this message; nothing crashed.
    if (error instanceof UnknownFunctionError) return sendJson(res, 404, { message: error.message });
    // Forge reports a failed function to the page as a rejected invoke.
    deps.log.error('invoke failed', { functionKey, error: error instanceof Error ? error.message : String(error) });
    sendJson(res, 500, { message: error instanceof Error ? error.message : 'The function failed.' });
  }
}
