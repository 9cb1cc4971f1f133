/**
 * The demo portfolio's app documents (themes, value streams, budgets, business cases, OKRs, …),
 * seeded into the preview's store on a start against the demo Jira. Each seeder writes only the
 * documents that do not exist yet, so a restart keeps what a user changed.
 *
 * Demo themes tag epics with the demo Jira's labels `theme-growth`, `theme-platform` and
 * `theme-compliance` (theme ids `growth`, `platform`, `compliance`); value streams are one per demo
 * project (ids `payments`, `mobile`, `data`, `platform`; projects PAY, MOB, DAT, PLT).
 */
import type { StorePort } from '../../src/ports';
import type { DemoData } from '../demo-jira';
import { seedFlowSettings } from './flowSettings';
import { seedOkrs } from './okrs';
import { seedStrategy } from './strategy';

export interface DemoSeedContext {
  readonly store: StorePort;
  /** The demo Jira's portfolio: its epics, labels, projects and `generatedAt` (seeded dates are relative to it). */
  readonly data: DemoData;
}

type Seeder = (context: DemoSeedContext) => Promise<void>;

/** In order: later seeders may read what earlier ones wrote (OKRs name themes). */
const SEEDERS: readonly Seeder[] = [seedStrategy, seedFlowSettings, seedOkrs];

export async function seedDemoDocuments(context: DemoSeedContext): Promise<void> {
  for (const seed of SEEDERS) await seed(context);
}
