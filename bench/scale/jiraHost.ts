/**
 * The demo Jira of one size of the scale bench: the padded portfolio (./portfolio.ts) on 127.0.0.1
 * with the bench's clock and an added latency per answer. The bench runs it in a child process of
 * its own, so the Jira's data never counts in the app's memory; a second small server on
 * 127.0.0.1 (the control port) answers how many calls the demo Jira has logged, by endpoint.
 * Tests start it in process (`startScaleJira`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startDemoJira } from '../../preview/demo-jira';
import type { DemoJiraCall, RunningDemoJira } from '../../preview/demo-jira';
import { BENCH_NOW } from '../portfolio';
import { sampleEpic, scalePortfolio, statusChangesPerEpic } from './portfolio';
import type { JiraCallLog } from './scenarios';

export interface ScaleJiraFacts {
  readonly url: string;
  readonly epic: { readonly id: string; readonly key: string };
  readonly statusChangesPerEpic: number;
  readonly generateMs: number;
}

export interface ScaleJira extends ScaleJiraFacts {
  readonly calls: JiraCallLog;
  close(): Promise<void>;
}

function endpointOf(call: DemoJiraCall): string {
  return `${call.method} ${call.path.replace(/\/issue\/[^/]+/, '/issue/{issue}')}`;
}

export function countByEndpoint(calls: readonly DemoJiraCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[endpointOf(call)] = (counts[endpointOf(call)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function callLogOf(jira: RunningDemoJira): JiraCallLog {
  return {
    count: async () => jira.calls.length,
    byEndpointSince: async (from) => countByEndpoint(jira.calls.slice(from)),
  };
}

export async function startScaleJira(epics: number, latencyMs: number): Promise<ScaleJira> {
  const started = performance.now();
  const data = scalePortfolio(epics);
  const generateMs = performance.now() - started;
  const jira = await startDemoJira({ data, latencyMs, faults: { rate: 0 }, now: () => BENCH_NOW });
  return {
    url: jira.url,
    epic: sampleEpic(data),
    statusChangesPerEpic: statusChangesPerEpic(data),
    generateMs,
    calls: callLogOf(jira),
    close: () => jira.close(),
  };
}

/** The call log of a demo Jira in another process, read over its control port. */
export function remoteCallLog(controlUrl: string): JiraCallLog {
  const get = async (path: string): Promise<unknown> => (await fetch(`${controlUrl}${path}`)).json();
  return {
    count: async () => (await get('/count')) as number,
    byEndpointSince: async (from) => (await get(`/since?from=${from}`)) as Record<string, number>,
  };
}

/** Child entry: `{ epics, latencyMs }` by IPC → `{ facts, controlUrl }`; exits when the parent disconnects. */
async function serveAsChild(): Promise<void> {
  const request = await new Promise<{ epics: number; latencyMs: number }>((resolve) => process.once('message', resolve as (m: unknown) => void));
  const jira = await startScaleJira(request.epics, request.latencyMs);
  const calls = jira.calls;
  const control = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control.invalid');
    const answer = url.pathname === '/count' ? calls.count() : calls.byEndpointSince(Number(url.searchParams.get('from') ?? 0));
    void answer.then((value) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value)));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const { port } = control.address() as AddressInfo;
  const facts: ScaleJiraFacts = { url: jira.url, epic: jira.epic, statusChangesPerEpic: jira.statusChangesPerEpic, generateMs: jira.generateMs };
  process.send?.({ facts, controlUrl: `http://127.0.0.1:${port}` });
  process.once('disconnect', () => {
    control.close();
    control.closeAllConnections();
    void jira.close().then(() => process.exit(0));
  });
}

if (require.main === module && process.send !== undefined) void serveAsChild();
