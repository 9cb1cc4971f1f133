/**
 * fast-check arbitraries for the domain's property tests: changelogs as Jira could send them (any
 * order, duplicate instants, statuses mapped to nothing, a first change with no source) and
 * portfolio configs over the SAFe states with random mappings, commitment and active states.
 */
import fc from 'fast-check';
import type { EpochMillis } from '../../src/domain/calendar';
import { SAFE_STATES, type PortfolioConfig } from '../../src/domain/states';
import type { EpicHistory, FlagChange, StatusChange } from '../../src/domain/timeline';
import { at, STATUS } from './history';

/** Every instant lies in [BASE, BASE + 200 × 6 h]: about 50 days, so CFDs stay short. */
const BASE: EpochMillis = at('2025-01-06T00:00:00Z');
const STEP_MS = 6 * 3_600_000;
const STEPS = 200;

/** Coarse 6-hour steps make duplicate instants common; an odd minute now and then keeps them honest. */
export const instantArb: fc.Arbitrary<EpochMillis> = fc
  .tuple(fc.integer({ min: 0, max: STEPS }), fc.constantFrom(0, 0, 0, 60_000, 1))
  .map(([step, jitter]) => BASE + step * STEP_MS + jitter);

/** The SAFe statuses, the unmapped On Hold, and ids no config has heard of. */
export const statusIdArb: fc.Arbitrary<string> = fc.constantFrom(...Object.values(STATUS), '77', 'deleted-status', '');

export const statusChangeArb: fc.Arbitrary<StatusChange> = fc.record({
  at: instantArb,
  fromStatusId: fc.option(statusIdArb, { freq: 5 }),
  toStatusId: statusIdArb,
});

export const flagChangeArb: fc.Arbitrary<FlagChange> = fc.record({ at: instantArb, flagged: fc.boolean() });

/** A history whose changes come in any order, may predate creation and may repeat an instant. */
export const historyArb: fc.Arbitrary<EpicHistory> = fc.record({
  key: fc.integer({ min: 1, max: 999 }).map((n) => `EPIC-${n}`),
  createdAt: instantArb,
  currentStatusId: statusIdArb,
  statusChanges: fc.array(statusChangeArb, { maxLength: 12 }),
  flagChanges: fc.array(flagChangeArb, { maxLength: 6 }),
});

/**
 * Two or more of the SAFe states in their order (the last one is Done), a random commitment before
 * Done and active states; each status maps to a random state, to no state, or to a name that is not a state.
 */
export const configArb: fc.Arbitrary<PortfolioConfig> = fc
  .subarray([...SAFE_STATES], { minLength: 2 })
  .chain((states) =>
    fc.record({
      states: fc.constant(states),
      commitment: fc.constantFrom(...states.slice(0, -1)),
      active: fc.subarray(states),
      mapping: fc.dictionary(statusIdArb, fc.oneof(fc.constantFrom(...SAFE_STATES), fc.constant('Not A State')), { maxKeys: 8 }),
    }),
  );

export const timeZoneArb: fc.Arbitrary<string> = fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Auckland');
