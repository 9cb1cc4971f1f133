/**
 * What the Flow page needs of the demo's epic histories, applied to each random walk after it was
 * drawn: pauses "On Hold" while Implementing (the preview's seeded settings map On Hold into
 * Implementing as a waiting status), no On Hold detours out of other states, and no-gos closed
 * without implementation (Reviewing, Analyzing or Portfolio Backlog straight to Done).
 *
 * It draws from its own generator, so the portfolio's main sequence (and with it every issue key,
 * label, score and story) stays as it was. That generator is seeded by the portfolio's seed and the
 * epic's place in it, never by a date: seeded by the creation instant, the portfolio changed with
 * the minute it was generated at (an epic in Portfolio Backlog at 11:14 was a no-go at 11:07).
 */
import type { EpochMillis } from '../../src/domain/calendar';
import { seededRandom } from '../../src/domain/stats';
import { STATUS_IDS } from './model';

export interface FlowMove {
  readonly at: EpochMillis;
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 86_400_000;
/** Share of walks cut short by a no-go, and of Implementing stays with a pause On Hold. */
const NO_GO_SHARE = 0.04;
const PAUSE_SHARE = 0.3;
const NO_GO_FROM: readonly string[] = [STATUS_IDS.reviewing, STATUS_IDS.analyzing, STATUS_IDS.portfolioBacklog];

/** `flowSeed`: the same for the same epic of the same portfolio, whenever it is generated. */
export function reshapeForFlow(moves: readonly FlowMove[], flowSeed: number, now: EpochMillis): FlowMove[] {
  const rng = seededRandom(flowSeed ^ 0x5eed);
  let shaped = withoutDetoursOutsideImplementing(moves);
  if (rng() < NO_GO_SHARE) shaped = cutByNoGo(shaped, rng);
  if (rng() < PAUSE_SHARE) shaped = withPauseOnHold(shaped, now, rng);
  return shaped;
}

/** X → On Hold → Y with X not Implementing becomes X → Y at the return (or nothing when Y is X). */
function withoutDetoursOutsideImplementing(moves: readonly FlowMove[]): FlowMove[] {
  const result: FlowMove[] = [];
  for (let i = 0; i < moves.length; i++) {
    const move = moves[i] as FlowMove;
    if (move.to === STATUS_IDS.onHold && move.from !== STATUS_IDS.implementing) {
      const back = moves[i + 1];
      if (back === undefined) return result; // still on hold at the end: the epic just stays in `from`
      if (back.to !== move.from) result.push({ at: back.at, from: move.from, to: back.to });
      i++;
      continue;
    }
    result.push(move);
  }
  return result;
}

/** The first move out of Reviewing, Analyzing or Portfolio Backlog goes to Done instead; the walk ends there. */
function cutByNoGo(moves: readonly FlowMove[], rng: () => number): FlowMove[] {
  const candidates = moves.map((move, index) => ({ move, index })).filter(({ move }) => NO_GO_FROM.includes(move.from));
  if (candidates.length === 0) return [...moves];
  const { move, index } = candidates[Math.floor(rng() * candidates.length)] as { move: FlowMove; index: number };
  return [...moves.slice(0, index), { at: move.at, from: move.from, to: STATUS_IDS.done }];
}

/** A pause On Hold inside the first Implementing stay (or on hold still, when the stay runs to now). */
function withPauseOnHold(moves: readonly FlowMove[], now: EpochMillis, rng: () => number): FlowMove[] {
  if (moves.some((move) => move.to === STATUS_IDS.onHold)) return [...moves];
  const enter = moves.findIndex((move) => move.to === STATUS_IDS.implementing);
  if (enter < 0) return [...moves];
  const start = (moves[enter] as FlowMove).at;
  const leave = moves[enter + 1];
  const end = leave?.at ?? now;
  if (end - start < 6 * DAY_MS) return [...moves];
  const pauseAt = Math.floor(start + (end - start) * (0.2 + 0.3 * rng()));
  const resumeAt = Math.floor(pauseAt + (end - pauseAt) * (0.3 + 0.4 * rng()));
  const pause: FlowMove[] = [{ at: pauseAt, from: STATUS_IDS.implementing, to: STATUS_IDS.onHold }];
  // A stay that runs to now may still be on hold; otherwise the epic resumes before it moves on.
  if (leave !== undefined || rng() < 0.7) pause.push({ at: resumeAt, from: STATUS_IDS.onHold, to: STATUS_IDS.implementing });
  return [...moves.slice(0, enter + 1), ...pause, ...moves.slice(enter + 1)];
}
