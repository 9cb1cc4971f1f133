/**
 * `npm run fuzz`: a long fuzzing campaign over every resolver (default 20,000 payloads, each sent
 * as both demo users). Options: --payloads N, --seed S, --epics E (demo portfolio size, default 40),
 * --preview (send them over HTTP to a preview server on a temporary folder instead).
 * Prints `N payloads, N unhandled, N stored changes`, the answer times and a count per resolver;
 * exits 1 when any payload was unhandled or changed what is stored.
 */
import { describeCampaign, startFuzzer } from './campaign';
import { fuzzPreviewOverHttp } from './overHttp';

interface Options {
  readonly preview: boolean;
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
  const numbered = argv.filter((arg) => arg !== '--preview');
  for (let index = 0; index < numbered.length; index += 2) {
    if (!known.has(numbered[index]!)) throw new Error(`unknown option ${numbered[index]}; the options are ${[...known].join(', ')} (each with a number) and --preview`);
  }
  return { preview: argv.includes('--preview'), payloads: wholeNumber('--payloads', 20_000, 1), seed: wholeNumber('--seed', Date.now() % 1_000_000, -(2 ** 31)), epics: wholeNumber('--epics', 40, 1) };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.preview) return fuzzPreview(options);
  console.error(`fuzzing ${options.payloads} payloads, seed ${options.seed}, ${options.epics} demo epics`);
  const fuzzer = await startFuzzer({ epics: options.epics });
  try {
    const cases = fuzzer.cases(options.payloads, options.seed);
    const summary = await fuzzer.run(cases, (done) => console.error(`${done} payloads done`));
    for (const line of describeCampaign(summary)) console.log(line);
    console.log(`(seed ${options.seed}: run again with --seed ${options.seed} to repeat these payloads)`);
    return summary.unhandled > 0 || summary.storedChanges > 0 ? 1 : 0;
  } finally {
    await fuzzer.close();
  }
}

async function fuzzPreview(options: Options): Promise<number> {
  console.error(`fuzzing ${options.payloads} payloads over HTTP through a preview server, seed ${options.seed}`);
  const summary = await fuzzPreviewOverHttp(options.payloads, options.seed);
  console.log(`${summary.payloads} payloads, ${summary.unhandled} unhandled, ${summary.storedChanges} stored changes`);
  console.log(`${summary.calls} calls over HTTP; ${summary.refusedAsTooLarge} bodies over 500 KB refused with 413; answer time p99 ${summary.p99Ms.toFixed(1)} ms, max ${summary.maxMs.toFixed(1)} ms`);
  for (const finding of summary.findings.slice(0, 40)) console.log(`  ${finding}`);
  return summary.unhandled > 0 || summary.storedChanges > 0 ? 1 : 0;
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
