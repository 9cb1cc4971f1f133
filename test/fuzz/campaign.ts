/**
 * A fuzzing campaign: every case through the real resolver handler as both demo users, each
 * answer judged. A finding is an unhandled error (a throw, or an answer outside the envelope's
 * closed set of codes), a malformed payload answered with anything but `invalid_input`, a refused
 * payload that changed the store or Jira, or an answer slower than a second (counted, not failed:
 * the machine is shared and a timing is no verdict).
 */
import { performance } from 'node:perf_hooks';
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { resolverContract } from '../../src/contract/resolvers';
import type { ResolverKey } from '../../src/contract/resolvers';
import { ERROR_CODES } from '../../src/contract/result';
import type { StorePort } from '../../src/ports';
import { isCacheAddress } from '../builders/coldCacheStore';
import { startTestBackend } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';
import { jsonText } from './jsonText';
import { fuzzCases } from './payloads';
import type { FuzzCase } from './payloads';
import { fuzzEpicKeys, seedFuzzDocuments, validPayloads } from './validPayloads';

export const SLOW_ANSWER_MS = 1_000;
const USERS: readonly TestUser[] = ['rte', 'member'];

/** `jira refused`: Jira (the demo, which injects no faults here) answered so that the app gave up: reported, not failed. */
export type FindingKind = 'unhandled' | 'stored change' | 'not invalid_input' | 'output off contract' | 'jira refused' | 'slow';

export interface Finding {
  readonly kind: FindingKind;
  readonly key: ResolverKey;
  readonly user: TestUser;
  readonly description: string;
  readonly detail: string;
}

export interface KeyFigures {
  payloads: number;
  ok: number;
  /** Refusals by error code. */
  codes: Record<string, number>;
  maxMs: number;
}

export interface CampaignSummary {
  readonly payloads: number;
  readonly calls: number;
  readonly unhandled: number;
  readonly storedChanges: number;
  /** Payloads the contract refuses that got another answer than invalid_input. */
  readonly notInvalidInput: number;
  /** Answers whose data the page's invoke client would refuse (the contract's output schema). */
  readonly offContract: number;
  readonly slow: number;
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly medianMs: number;
  readonly byKey: Record<string, KeyFigures>;
  readonly findings: readonly Finding[];
}

/**
 * Wraps a store and counts the writes that landed (a refused write changes nothing and is not
 * counted). The epic cache's own writes are not changes: a read rebuilds the pages' cards of a
 * chunk an earlier save changed.
 */
export function landedWritesStore(inner: StorePort): StorePort & { readonly landed: () => number } {
  let landed = 0;
  const counted =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>, address: (...args: A) => string) =>
    async (...args: A): Promise<R> => {
      const result = await write(...args);
      if (!isCacheAddress(address(...args))) landed++;
      return result;
    };
  return {
    landed: () => landed,
    get: (collection, key) => inner.get(collection, key),
    getMany: (collection, keys) => inner.getMany(collection, keys),
    list: (collection, options) => inner.list(collection, options),
    getValue: (key) => inner.getValue(key),
    put: counted(
      (collection: string, key: string, value: unknown, expectedVersion: number | null) => inner.put(collection, key, value, expectedVersion),
      (collection) => collection,
    ),
    putAll: counted(
      (writes: Parameters<StorePort['putAll']>[0]) => inner.putAll(writes),
      (writes) => writes.map((write) => write.collection).join(' '),
    ),
    delete: counted(
      (collection: string, key: string, expectedVersion: Parameters<StorePort['delete']>[2]) => inner.delete(collection, key, expectedVersion),
      (collection) => collection,
    ),
    setValue: counted((key: string, value: unknown) => inner.setValue(key, value), (key) => key),
    deleteValue: counted((key: string) => inner.deleteValue(key), (key) => key),
  };
}

/** Writes the demo Jira answered 2xx: issue properties and labels (PUT), transitions, deletions. */
function jiraWritesSince(backend: TestBackend, mark: number): number {
  return backend
    .callsSince(mark)
    .filter((call) => call.status >= 200 && call.status < 300)
    .filter((call) => call.method === 'PUT' || call.method === 'DELETE' || (call.method === 'POST' && call.path.endsWith('/transitions'))).length;
}

/** What Forge hands the resolver: the payload after a JSON round trip (own `__proto__` keys, no undefined). */
export function asDelivered(payload: unknown): unknown {
  return JSON.parse(jsonText(payload)) as unknown;
}

export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export interface Fuzzer {
  readonly backend: TestBackend;
  /** `onProgress` is told the number of payloads done every 1,000. */
  run(cases: readonly FuzzCase[], onProgress?: (done: number) => void): Promise<CampaignSummary>;
  cases(count: number, seed: number): FuzzCase[];
  close(): Promise<void>;
}

export interface FuzzerOptions {
  /** Epics in the demo portfolio (fewer: a faster campaign). */
  readonly epics?: number;
}

/** A test back end with the documents the valid payloads name, the epic cache warm. */
export async function startFuzzer(options: FuzzerOptions = {}): Promise<Fuzzer> {
  const store = landedWritesStore(createMemoryStore());
  const backend = await startTestBackend({ epics: options.epics ?? 40, store });
  await seedFuzzDocuments(backend);
  // Fill the epic cache once, so a refused read has no reason to write it.
  for (const user of USERS) await backend.call(user, 'portfolio/board', {});
  const valid = validPayloads(fuzzEpicKeys(backend));

  async function run(cases: readonly FuzzCase[], onProgress?: (done: number) => void): Promise<CampaignSummary> {
    const findings: Finding[] = [];
    const durations: number[] = [];
    const byKey: Record<string, KeyFigures> = {};
    let unhandled = 0;
    let storedChanges = 0;
    let notInvalidInput = 0;
    let offContract = 0;
    let slow = 0;
    for (const [index, fuzzCase] of cases.entries()) {
      if (index > 0 && index % 1_000 === 0) onProgress?.(index);
      const figures = (byKey[fuzzCase.key] ??= { payloads: 0, ok: 0, codes: {}, maxMs: 0 });
      figures.payloads++;
      const delivered = asDelivered(fuzzCase.payload);
      // Forge's resolver passes `payload || {}`: a falsy payload reaches the handler as {}.
      const malformed = !resolverContract[fuzzCase.key].input.safeParse(delivered || {}).success;
      for (const user of USERS) {
        const finding = (kind: FindingKind, detail: string) => findings.push({ kind, key: fuzzCase.key, user, description: fuzzCase.description, detail });
        // Each call gets its own copy: a resolver must not depend on the caller keeping the payload intact.
        const payload = user === 'rte' ? delivered : asDelivered(fuzzCase.payload);
        // Background work an earlier accepted call started (`sync/start`) ends before this one is measured.
        await backend.runtime.queue.idle();
        const writesBefore = store.landed();
        const jiraMark = backend.mark();
        const started = performance.now();
        let answer: unknown;
        let thrown: unknown = undefined;
        try {
          answer = await backend.callRaw(user, fuzzCase.key, payload);
        } catch (error) {
          thrown = error ?? new Error('thrown without a value');
        }
        const ms = performance.now() - started;
        durations.push(ms);
        figures.maxMs = Math.max(figures.maxMs, ms);
        if (ms > SLOW_ANSWER_MS) {
          slow++;
          finding('slow', `${Math.round(ms)} ms`);
        }
        const envelope = answer as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
        if (thrown !== undefined) {
          unhandled++;
          finding('unhandled', `threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`.slice(0, 300));
          continue;
        }
        const refused = envelope?.ok === false;
        const code = envelope?.error?.code;
        if (envelope?.ok === true) {
          figures.ok++;
          const output = resolverContract[fuzzCase.key].output.safeParse((answer as { data: unknown }).data);
          if (!output.success) {
            offContract++;
            finding('output off contract', output.error.issues.slice(0, 2).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
          }
        }
        else if (refused && typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code) && typeof envelope?.error?.message === 'string') {
          figures.codes[code] = (figures.codes[code] ?? 0) + 1;
          if (code === 'jira_unavailable' || code === 'invalid_data') {
            // The page message hides Jira's answer; the log has it.
            const logged = backend.log.entries.findLast((entry) => entry.level === 'warn' && entry.data?.functionKey === fuzzCase.key);
            finding('jira refused', `${code}: ${String(logged?.data?.message ?? envelope.error?.message)}`.slice(0, 300));
          }
        } else {
          unhandled++;
          finding('unhandled', `answered outside the envelope: ${JSON.stringify(answer)?.slice(0, 200)}`);
          continue;
        }
        if (malformed && code !== 'invalid_input') {
          notInvalidInput++;
          finding('not invalid_input', envelope?.ok === true ? 'accepted a payload the contract refuses' : `${String(code)}: ${String(envelope?.error?.message)}`.slice(0, 300));
        }
        if (refused) {
          // Anything a refused call set going in the background counts too.
          await backend.runtime.queue.idle();
          const changed = store.landed() - writesBefore + jiraWritesSince(backend, jiraMark);
          if (changed > 0) {
            storedChanges++;
            finding('stored change', `${changed} write(s) for a ${String(code)} answer: ${String(envelope?.error?.message).slice(0, 200)}`);
          }
        }
      }
    }
    const sorted = [...durations].sort((a, b) => a - b);
    return {
      payloads: cases.length,
      calls: durations.length,
      unhandled,
      storedChanges,
      notInvalidInput,
      offContract,
      slow,
      maxMs: sorted.at(-1) ?? 0,
      p99Ms: percentile(sorted, 99),
      medianMs: percentile(sorted, 50),
      byKey,
      findings,
    };
  }

  return { backend, run, cases: (count, seed) => fuzzCases(valid, count, seed), close: () => backend.close() };
}

/** The campaign's figures as lines of text; the first is the one the issue asks for. */
export function describeCampaign(summary: CampaignSummary): string[] {
  const ms = (value: number) => value.toFixed(1);
  const lines = [
    `${summary.payloads} payloads, ${summary.unhandled} unhandled, ${summary.storedChanges} stored changes`,
    `${summary.calls} calls (each payload as rte and member); ${summary.notInvalidInput} malformed payloads answered with another code than invalid_input; ${summary.offContract} answers off the output contract; ${summary.slow} answers over ${SLOW_ANSWER_MS} ms`,
    `answer time: median ${ms(summary.medianMs)} ms, p99 ${ms(summary.p99Ms)} ms, max ${ms(summary.maxMs)} ms`,
    '',
    'resolver                   payloads     ok  refusals by code                              max ms',
  ];
  for (const [key, figures] of Object.entries(summary.byKey).sort(([a], [b]) => a.localeCompare(b))) {
    const codes = Object.entries(figures.codes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, count]) => `${code} ${count}`)
      .join(', ');
    lines.push(`${key.padEnd(26)} ${String(figures.payloads).padStart(8)} ${String(figures.ok).padStart(6)}  ${codes.padEnd(45)} ${ms(figures.maxMs).padStart(7)}`);
  }
  if (summary.findings.length > 0) {
    lines.push('', `findings (first 40 of ${summary.findings.length}):`);
    for (const finding of summary.findings.slice(0, 40)) lines.push(`  ${finding.kind}: ${finding.key} as ${finding.user}: ${finding.description} → ${finding.detail}`);
  }
  return lines;
}
