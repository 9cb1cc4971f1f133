/**
 * A bounded fuzzing campaign (1,000 payloads, a fixed seed, each as both demo users) through the
 * real handler: never an unhandled error, never a stored change for a refused payload, and a
 * malformed payload always answered `invalid_input`. `npm run fuzz` runs the long campaign. Slow
 * answers are counted and printed, never failed: timings on a shared machine are no verdict.
 */
import { RESOLVER_KEYS } from '../../src/contract/resolvers';
import { describeCampaign, startFuzzer } from '../fuzz/campaign';
import type { CampaignSummary, Fuzzer } from '../fuzz/campaign';

const PAYLOADS = 1_000;
const SEED = 20261202;

let fuzzer: Fuzzer;
let summary: CampaignSummary;

beforeAll(async () => {
  fuzzer = await startFuzzer({ epics: 20 });
  summary = await fuzzer.run(fuzzer.cases(PAYLOADS, SEED));
  console.log(describeCampaign(summary).join('\n'));
}, 180_000);
afterAll(() => fuzzer?.close());

const findingsOf = (kind: string) => summary.findings.filter((finding) => finding.kind === kind).map((finding) => `${finding.key} as ${finding.user}: ${finding.description} → ${finding.detail}`);

it('should try every resolver key with at least 1,000 payloads as both users when the campaign ran', () => {
  expect(summary.payloads).toBeGreaterThanOrEqual(1_000);
  expect(summary.calls).toBe(summary.payloads * 2);
  expect(Object.keys(summary.byKey).sort()).toEqual([...RESOLVER_KEYS].sort());
});

it('should answer every payload with the result envelope when the payload is fuzzed', () => {
  expect(findingsOf('unhandled')).toEqual([]);
  expect(summary.unhandled).toBe(0);
});

it('should store nothing, in the app or in Jira, when a fuzzed payload is refused', () => {
  expect(findingsOf('stored change')).toEqual([]);
  expect(summary.storedChanges).toBe(0);
});

it('should answer invalid_input when a fuzzed payload does not fit the contract', () => {
  expect(findingsOf('not invalid_input')).toEqual([]);
});

it('should answer data the pages can read when a fuzzed payload is accepted', () => {
  expect(findingsOf('output off contract')).toEqual([]);
});

it('should get past the schema to the services for some payloads of every kind of answer when mutations of valid payloads are sent', () => {
  const codes = new Set(Object.values(summary.byKey).flatMap((figures) => Object.keys(figures.codes)));
  const accepted = Object.values(summary.byKey).reduce((sum, figures) => sum + figures.ok, 0);
  expect(accepted).toBeGreaterThan(0);
  expect([...codes]).toEqual(expect.arrayContaining(['invalid_input', 'forbidden', 'conflict']));
});
