/**
 * `npm run fuzz`: a long fuzzing campaign over every resolver (default 20,000 payloads, each sent
 * as both demo users). Options: --payloads N, --seed S, --epics E (demo portfolio size, default 40).
 * Prints `N payloads, N unhandled, N stored changes`, the answer times and a count per resolver;
 * exits 1 when any payload was unhandled or changed what is stored.
 */
import { describeCampaign, startFuzzer } from './campaign';

interface Options {
  readonly payloads: number;
  readonly seed: number;
  readonly epics: number;
}

function parseOptions(argv: readonly string[]): Options {
  const wholeNumber = (name: string, fallback: number, least: number): number => {
    const index = argv.indexOf(name);
    const text = index >= 0 ? argv[index + 1] : undefined;
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isSafeInteger(value) || value < least) throw new Error(`${name} needs a whole number ≥ ${least}, got ${String(text)}`);
    return value;
  };
  const known = new Set(['--payloads', '--seed', '--epics']);
  for (let index = 0; index < argv.length; index += 2) {
    if (!known.has(argv[index]!)) throw new Error(`unknown option ${argv[index]}; the options are ${[...known].join(', ')} (each with a number)`);
  }
  return { payloads: wholeNumber('--payloads', 20_000, 1), seed: wholeNumber('--seed', Date.now() % 1_000_000, -(2 ** 31)), epics: wholeNumber('--epics', 40, 1) };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  console.error(`fuzzing ${options.payloads} payloads, seed ${options.seed}, ${options.epics} demo epics`);
  const fuzzer = await startFuzzer({ epics: options.epics });
  try {
    const cases = fuzzer.cases(options.payloads, options.seed);
    const summary = await fuzzer.run(cases);
    for (const line of describeCampaign(summary)) console.log(line);
    console.log(`(seed ${options.seed}: run again with --seed ${options.seed} to repeat these payloads)`);
    return summary.unhandled > 0 || summary.storedChanges > 0 ? 1 : 0;
  } finally {
    await fuzzer.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
