/**
 * What a black-box probe found through the handler: function keys that are not resolver keys,
 * dates and work a request may name, reserved names in keyed data, and what error messages show.
 */
import { UnknownFunctionError } from '../../src/resolvers/handler';
import { startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ epics: 40 });
});
afterAll(() => backend.close());

describe('function keys', () => {
  it.each(['nope/nope', '__proto__', 'valueOf', 'toString', 'constructor', 'hasOwnProperty', 'isPrototypeOf'])(
    'should reject as Forge does for an unknown function, running nothing, when the function key is %s',
    async (functionKey) => {
      const mark = backend.mark();
      const call = backend.callRaw('rte', functionKey, {});
      await expect(call).rejects.toThrow(UnknownFunctionError);
      await expect(call).rejects.toThrow(`Resolver has no definition for '${functionKey}'.`);
      expect(backend.callsSince(mark)).toEqual([]);
    },
  );
});
