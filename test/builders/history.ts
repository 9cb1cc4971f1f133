/**
 * Builders for epic histories. Instants are ISO strings with an explicit offset (or 'Z') turned into
 * epoch ms, so every number in a test can be checked by hand. Shared by the timeline and flow tests.
 */
import type { EpochMillis } from '../../src/domain/calendar';
import { defaultPortfolioConfig, type PortfolioConfig } from '../../src/domain/states';
import type { EpicHistory, FlagChange, StatusChange } from '../../src/domain/timeline';

/** Jira status ids for the SAFe states, plus one status mapped to no state. */
export const STATUS = {
  funnel: '10',
  reviewing: '20',
  analyzing: '30',
  backlog: '40',
  implementing: '50',
  done: '60',
  onHold: '99',
} as const;

const SAFE_MAPPING: Readonly<Record<string, string>> = {
  [STATUS.funnel]: 'Funnel',
  [STATUS.reviewing]: 'Reviewing',
  [STATUS.analyzing]: 'Analyzing',
  [STATUS.backlog]: 'Portfolio Backlog',
  [STATUS.implementing]: 'Implementing',
  [STATUS.done]: 'Done',
};

/** The default SAFe config with `SAFE_MAPPING` (onHold stays unmapped), with overrides. */
export function safeConfig(overrides: Partial<PortfolioConfig> = {}): PortfolioConfig {
  return { ...defaultPortfolioConfig({ ...SAFE_MAPPING }), ...overrides };
}

/** Epoch ms of an ISO instant; throws on a typo so a test cannot silently use NaN. */
export function at(iso: string): EpochMillis {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) throw new RangeError(`not an ISO instant: ${iso}`);
  return millis;
}

/** A bare history: created 2025-01-06T09:00Z in Funnel, never changed, never flagged. */
export function epicHistory(overrides: Partial<EpicHistory> = {}): EpicHistory {
  return anEpic().build(overrides);
}

/**
 * Fluent history: `anEpic('E-1').created('2025-01-06T09:00Z', STATUS.funnel).movedTo(STATUS.done, '…').build()`.
 * Each move goes from the status the previous move reached; `currentStatusId` is the last one.
 */
class EpicHistoryBuilder {
  private createdAt = at('2025-01-06T09:00:00Z');
  private statusId: string = STATUS.funnel;
  private readonly statusChanges: StatusChange[] = [];
  private readonly flagChanges: FlagChange[] = [];

  constructor(private readonly key: string) {}

  created(iso: string, statusId: string = STATUS.funnel): this {
    this.createdAt = at(iso);
    this.statusId = statusId;
    return this;
  }

  movedTo(statusId: string, iso: string): this {
    this.statusChanges.push({ at: at(iso), fromStatusId: this.statusId, toStatusId: statusId });
    this.statusId = statusId;
    return this;
  }

  flagged(iso: string): this {
    this.flagChanges.push({ at: at(iso), flagged: true });
    return this;
  }

  unflagged(iso: string): this {
    this.flagChanges.push({ at: at(iso), flagged: false });
    return this;
  }

  build(overrides: Partial<EpicHistory> = {}): EpicHistory {
    return {
      key: this.key,
      createdAt: this.createdAt,
      currentStatusId: this.statusId,
      statusChanges: [...this.statusChanges],
      flagChanges: [...this.flagChanges],
      ...overrides,
    };
  }
}

export function anEpic(key = 'EPIC-1'): EpicHistoryBuilder {
  return new EpicHistoryBuilder(key);
}
