/**
 * Child entry of one scale scenario: `{ input, controlUrl }` by IPC → `{ figures }` or `{ error }`,
 * then exit. A process per scenario gives each its own clean memory peak and a cold start like a
 * fresh Forge function's.
 */
import { remoteCallLog } from './jiraHost';
import { measureScenario } from './scenarios';
import type { ScenarioInput } from './scenarios';

async function main(): Promise<void> {
  const request = await new Promise<{ input: ScenarioInput; controlUrl: string }>((resolve) => process.once('message', resolve as (m: unknown) => void));
  try {
    const figures = await measureScenario(request.input, remoteCallLog(request.controlUrl));
    process.send?.({ figures }, () => process.exit(0));
  } catch (error) {
    process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1));
  }
}

if (require.main === module && process.send !== undefined) void main();
