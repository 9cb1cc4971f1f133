/**
 * The campaign through the preview server over HTTP, as the bridge shim sends it: the JSON body of
 * `POST /api/invoke`, the preview's file store and demo Jira journal in a temporary folder. An
 * answer is judged like in process, plus the transport: 200 with the envelope, or 413 for a body
 * over 500 KB; never a 5xx. A refused payload must leave every file of the data folder as it was.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startPreview } from '../../preview/server';
import type { ResolverKey } from '../../src/contract/resolvers';
import { ERROR_CODES } from '../../src/contract/result';
import { INVOKE_PAYLOAD_LIMIT_BYTES } from '../../src/resolvers/payloadBounds';
import { recordingLog } from '../../src/runtime/recordingLog';
import { percentile } from './campaign';
import { jsonText } from './jsonText';
import { fuzzCases } from './payloads';
import { validPayloads } from './validPayloads';

export interface HttpCampaignSummary {
  readonly payloads: number;
  readonly calls: number;
  readonly unhandled: number;
  readonly storedChanges: number;
  /** Bodies over 500 KB the preview refused with 413 before the handler. */
  readonly refusedAsTooLarge: number;
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly findings: readonly string[];
}

/** Every file of the data folder with its size and modification time. */
function folderState(dir: string): string {
  const lines: string[] = [];
  const visit = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) visit(full);
      else {
        const stat = statSync(full);
        lines.push(`${full} ${stat.size} ${stat.mtimeMs}`);
      }
    }
  };
  visit(dir);
  return lines.sort().join('\n');
}

async function invoke(baseUrl: string, user: string, functionKey: ResolverKey, payloadJson: string): Promise<{ status: number; text: string; bodyBytes: number }> {
  const body = `{"functionKey":${JSON.stringify(functionKey)},"user":${JSON.stringify(user)},"context":{},"payload":${payloadJson}}`;
  const response = await fetch(new URL('/api/invoke', baseUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text(), bodyBytes: Buffer.byteLength(body, 'utf8') };
}

export async function fuzzPreviewOverHttp(count: number, seed: number): Promise<HttpCampaignSummary> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lpm-fuzz-'));
  const preview = await startPreview({ port: 0, dataDir, log: recordingLog() });
  try {
    const board = JSON.parse((await invoke(preview.url, 'rte', 'portfolio/board', '{}')).text) as { data: { cards: { key: string; projectKey: string }[] } };
    // The member's first read fills their part of the cache: a refused payload has no reason to write.
    await invoke(preview.url, 'member', 'portfolio/board', '{}');
    const pay = board.data.cards.filter((card) => card.projectKey === 'PAY').map((card) => card.key);
    const cases = fuzzCases(validPayloads([pay[0]!, pay[1]!]), count, seed);
    const findings: string[] = [];
    const durations: number[] = [];
    let unhandled = 0;
    let storedChanges = 0;
    let refusedAsTooLarge = 0;
    for (const fuzzCase of cases) {
      const payloadJson = jsonText(fuzzCase.payload);
      for (const user of ['rte', 'member']) {
        const finding = (detail: string) => findings.push(`${fuzzCase.key} as ${user}: ${fuzzCase.description} → ${detail}`);
        const before = folderState(dataDir);
        const started = performance.now();
        const { status, text, bodyBytes } = await invoke(preview.url, user, fuzzCase.key, payloadJson);
        durations.push(performance.now() - started);
        if (status === 413 && bodyBytes > INVOKE_PAYLOAD_LIMIT_BYTES) {
          refusedAsTooLarge++;
          continue;
        }
        const envelope = status === 200 ? (JSON.parse(text) as { ok?: unknown; error?: { code?: unknown } }) : null;
        const known = envelope?.ok === true || (envelope?.ok === false && (ERROR_CODES as readonly string[]).includes(String(envelope.error?.code)));
        if (!known) {
          unhandled++;
          finding(`HTTP ${status}: ${text.slice(0, 200)}`);
          continue;
        }
        if (envelope?.ok === false && folderState(dataDir) !== before) {
          storedChanges++;
          finding(`the data folder changed for a ${String(envelope.error?.code)} answer`);
        }
      }
    }
    const sorted = [...durations].sort((a, b) => a - b);
    return { payloads: cases.length, calls: durations.length, unhandled, storedChanges, refusedAsTooLarge, maxMs: sorted.at(-1) ?? 0, p99Ms: percentile(sorted, 99), findings };
  } finally {
    await preview.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
