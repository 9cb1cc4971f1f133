/**
 * The ONE place the scale scenarios compose the app: the preview's runtime (the real services and
 * resolver handler, Jira over HTTP as the RTE or the app) on the demo Jira, with the FILE store on
 * the size's folder wrapped by the KVS meter, and the bench's fixed clock (the demo Jira runs on
 * the same one, so the cache a sync wrote is fresh for every later scenario).
 * Its queue is the preview's in-process one: the cold sync runs through it, step by step, as on Forge.
 */
import { createFileStore } from '../../src/adapters/local/fileStore';
import { createMeteredStore } from '../../src/adapters/local/meteredStore';
import type { KvsMeter } from '../../src/adapters/local/meteredStore';
import { recordingLog } from '../../src/runtime/recordingLog';
import type { LogEntry } from '../../src/runtime/recordingLog';
import { createPreviewRuntime } from '../../preview/runtime';
import type { PreviewRuntime } from '../../preview/runtime';
import { demoActors } from '../../preview/users';
import { BENCH_NOW } from '../portfolio';

export interface ScaleRuntime {
  readonly runtime: PreviewRuntime;
  readonly meter: KvsMeter;
  /** What the app logged: a warning means a scenario took a path its figures do not describe. */
  readonly logEntries: readonly LogEntry[];
}

export function createScaleRuntime(parts: { readonly jiraUrl: string; readonly dataDir: string }): ScaleRuntime {
  const { store, meter } = createMeteredStore(createFileStore(parts.dataDir));
  const log = recordingLog();
  const runtime = createPreviewRuntime({ jiraBaseUrl: parts.jiraUrl, actors: demoActors(), store, clock: { now: () => BENCH_NOW }, log });
  return { runtime, meter, logEntries: log.entries };
}
