/**
 * The `lpm` command, independent of the process: arguments in, text out, an exit code back.
 * Every failure ends as one line on stderr, never a stack trace.
 */
import { forecastCommand } from './commands/forecast';
import { metricsCommand } from './commands/metrics';
import { rankCommand } from './commands/rank';
import { CliFailure, CliInputError, CliUsageError } from './errors';
import { oneLine } from './files';
import { HELP_TEXT } from './help';
import type { CliIo } from './io';

export type { CliIo } from './io';

const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => Promise<void>>> = {
  metrics: metricsCommand,
  forecast: forecastCommand,
  rank: rankCommand,
};

const wantsHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || wantsHelp(argv)) {
    if (name === undefined) {
      io.stderr(HELP_TEXT);
      return EXIT.badInput;
    }
    io.stdout(HELP_TEXT);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`lpm: unknown command ${JSON.stringify(name)} (expected metrics, forecast or rank; see lpm --help)\n`);
    return EXIT.badInput;
  }
  try {
    await command(args, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CliInputError) {
      io.stderr(`lpm: ${error.message.replace(/\s+/g, ' ')}\n`);
      return EXIT.badInput;
    }
    if (error instanceof CliUsageError) {
      io.stderr(`lpm: ${error.message} (see lpm --help)\n`);
      return EXIT.badInput;
    }
    if (error instanceof CliFailure) {
      io.stderr(`lpm: ${error.message.replace(/\s+/g, ' ')}\n`);
      return EXIT.failure;
    }
    io.stderr(`lpm: unexpected failure: ${oneLine(error)}\n`);
    return EXIT.failure;
  }
}
