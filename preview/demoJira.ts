/**
 * The demo Jira as the preview embeds it, with its writes kept on disk. The demo Jira holds its
 * data in memory; to make a save survive a restart the preview
 *   - pins the generated portfolio: the seed and the `now` it was generated for are stored on the
 *     first start, so every start regenerates the very same portfolio, and
 *   - journals every successful write (issue property set/delete, transition) as one JSON line and
 *     replays the journal through the demo Jira's own HTTP routes at start, with the demo clock
 *     set to each write's original time (so transition histories keep their dates).
 * Layout under `<dataDir>/demo-jira/`: a file store holding the value `portfolio` {seed, generatedAt},
 * and writes.jsonl.
 */
import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { createFileStore } from '../src/adapters/local/fileStore';
import type { Log, StorePort } from '../src/ports';
import { createDemoJira, demoAuthorization, generatePortfolio, type DemoData } from './demo-jira';
import { DEMO_USER_NAMES } from './demo-jira/model';
import { authenticate } from './demo-jira/server';

export const DEMO_JIRA_MOUNT = '/jira';
const DEFAULT_SEED = 42;
export const DEFAULT_DEMO_EPICS = 150;
const MAX_DEMO_EPICS = 20_000;
const PROPERTY_PATH = /^\/rest\/api\/3\/issue\/[^/]+\/properties\/[^/]+\/?$/;
const TRANSITIONS_PATH = /^\/rest\/api\/3\/issue\/[^/]+\/transitions\/?$/;
/** An issue edit (the app changes labels this way). */
const ISSUE_PATH = /^\/rest\/api\/3\/issue\/[^/]+\/?$/;

const PORTFOLIO_KEY = 'portfolio';

/** `epics` absent: pinned before DEMO_JIRA_EPICS existed, so the default size. */
const portfolioSchema = z.object({ seed: z.number().int(), generatedAt: z.number().int(), epics: z.number().int().optional() });
const journalEntrySchema = z.object({
  at: z.number().int(),
  user: z.enum(DEMO_USER_NAMES),
  method: z.enum(['PUT', 'POST', 'DELETE']),
  path: z.string().startsWith('/rest/api/3/issue/'),
  body: z.string(),
});
type JournalEntry = z.infer<typeof journalEntrySchema>;

export interface EmbeddedDemoJira {
  readonly data: DemoData;
  /** Answers a request under DEMO_JIRA_MOUNT, journaling successful writes. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Replays the journal against the mounted demo Jira at `origin`; returns how many writes. */
  replay(origin: string): Promise<number>;
  /** Waits for pending journal appends. */
  flush(): Promise<void>;
}

/** The writes the journal keeps: issue property set/delete, issue edits (labels) and transitions. */
export function journalable(method: string, pathWithoutMount: string): boolean {
  if (method === 'PUT' && ISSUE_PATH.test(pathWithoutMount)) return true;
  if (method === 'PUT' || method === 'DELETE') return PROPERTY_PATH.test(pathWithoutMount);
  return method === 'POST' && TRANSITIONS_PATH.test(pathWithoutMount);
}

/** DEMO_JIRA_EPICS: how many epics the demo portfolio has (default 150, at most 20,000). */
export function demoEpicCount(env: NodeJS.ProcessEnv): number {
  const raw = env.DEMO_JIRA_EPICS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_DEMO_EPICS;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 6 || count > MAX_DEMO_EPICS) {
    throw new Error(`DEMO_JIRA_EPICS must be a whole number from 6 to ${MAX_DEMO_EPICS}; it is "${raw}".`);
  }
  return count;
}

/**
 * The portfolio pinned on the first start (or when the pinned value is not one). A data folder
 * keeps one portfolio: its saved writes and the app's epic cache name that portfolio's issue ids,
 * so another size needs another folder.
 */
async function pinnedPortfolio(store: StorePort, now: number, epics: number, dataDir: string): Promise<Required<z.infer<typeof portfolioSchema>>> {
  const parsed = portfolioSchema.safeParse(await store.getValue(PORTFOLIO_KEY));
  if (parsed.success) {
    const pinnedEpics = parsed.data.epics ?? DEFAULT_DEMO_EPICS;
    if (pinnedEpics !== epics) {
      throw new Error(
        `${dataDir} holds the demo portfolio of ${pinnedEpics} epics; for ${epics} (DEMO_JIRA_EPICS) start with another LPM_DATA_DIR, or delete this folder.`,
      );
    }
    return { ...parsed.data, epics: pinnedEpics };
  }
  const pinned = { seed: DEFAULT_SEED, generatedAt: now, epics };
  await store.setValue(PORTFOLIO_KEY, pinned);
  return pinned;
}

async function readJournal(file: string, log: Log): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return [];
  }
  const entries: JournalEntry[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      const parsed = journalEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else log.warn('demo-jira journal: skipped a line that is not a write', { line: index + 1 });
    } catch {
      // A process killed mid-append leaves a torn last line: skip it.
      log.warn('demo-jira journal: skipped an unreadable line', { line: index + 1 });
    }
  }
  return entries;
}

export async function createEmbeddedDemoJira(options: { dataDir: string; log: Log; now?: () => number; epics?: number }): Promise<EmbeddedDemoJira> {
  const folder = path.join(options.dataDir, 'demo-jira');
  await fs.mkdir(folder, { recursive: true });
  const journalFile = path.join(folder, 'writes.jsonl');
  const wallClock = options.now ?? Date.now;
  const pinned = await pinnedPortfolio(createFileStore(folder), wallClock(), options.epics ?? demoEpicCount(process.env), options.dataDir);
  let replayAt: number | null = null;
  const replayToken = `replay-${process.pid}-${wallClock()}-${Math.random().toString(36).slice(2)}`;
  // Faults stand for the network between the app and Jira; what Jira once accepted it keeps, so the
  // replay that restores it gets none (with faults on, a replay through them dropped saved writes).
  const jira = createDemoJira({
    data: generatePortfolio({ seed: pinned.seed, epics: pinned.epics, now: pinned.generatedAt }),
    now: () => replayAt ?? wallClock(),
    skipFaults: (req) => req.headers['x-lpm-replay'] === replayToken,
  });
  let appends: Promise<void> = Promise.resolve();

  function journal(entry: JournalEntry): void {
    appends = appends
      .then(() => fs.appendFile(journalFile, `${JSON.stringify(entry)}\n`))
      .catch((error: unknown) => options.log.error('demo-jira journal: append failed', { error: String(error) }));
  }

  return {
    data: jira.data,
    handle(req, res) {
      const method = (req.method ?? 'GET').toUpperCase();
      const pathname = new URL(req.url ?? '/', 'http://preview.invalid').pathname;
      const relative = pathname.startsWith(DEMO_JIRA_MOUNT) ? pathname.slice(DEMO_JIRA_MOUNT.length) || '/' : pathname;
      // The demo Jira's own check: a write it accepts is a write the journal keeps.
      const user = authenticate(jira.data.users, req.headers.authorization)?.name;
      if (journalable(method, relative) && user !== undefined && req.headers['x-lpm-replay'] !== replayToken) {
        const at = wallClock();
        const chunks: Buffer[] = [];
        // A second listener sees the same chunks the demo Jira reads.
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('finish', () => {
          if (res.statusCode >= 200 && res.statusCode < 300) {
            journal({ at, user, method: method as JournalEntry['method'], path: relative, body: Buffer.concat(chunks).toString('utf8') });
          }
        });
      }
      jira.handle(req, res, DEMO_JIRA_MOUNT);
    },
    async replay(origin) {
      const entries = await readJournal(journalFile, options.log);
      let replayed = 0;
      for (const entry of entries) {
        if (!journalable(entry.method, entry.path)) continue;
        const authorization = demoAuthorization(entry.user);
        replayAt = entry.at;
        try {
          const response = await fetch(`${origin}${DEMO_JIRA_MOUNT}${entry.path}`, {
            method: entry.method,
            headers: { authorization, 'content-type': 'application/json', 'x-lpm-replay': replayToken },
            ...(entry.body === '' ? {} : { body: entry.body }),
          });
          await response.arrayBuffer();
          if (response.ok) replayed += 1;
          else options.log.warn('demo-jira journal: a saved write was refused on replay', { path: entry.path, status: response.status });
        } finally {
          replayAt = null;
        }
      }
      return replayed;
    },
    flush: () => appends,
  };
}
