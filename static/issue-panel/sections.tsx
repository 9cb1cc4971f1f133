/**
 * The epic panel's sections, in display order: the ONE place a section is added. A section is a
 * component that gets the epic's key and the loaded overview and renders inside a PanelSection
 * (title, summary, collapsible). Other features add one line each here, e.g.
 *   { id: 'business-case', title: 'Lean business case', Component: BusinessCaseSection },
 *   { id: 'business-case', title: 'Lean business case', Component: BusinessCaseSection, defaultOpen: false },
  { id: 'key-results', title: 'Key results', Component: KeyResultsSection },
 */
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { ChangesSection, changesSummary } from './ChangesSection';
import { FlowSection, flowSummary } from './FlowSection';
import { BusinessCaseView } from '../shared/BusinessCaseEditor';
import { KeyResultsSection } from './sections/KeyResultsSection';
import { WsjfSection } from './WsjfSection';

export type EpicOverview = Extract<ResolverOutput<'epic/panel'>, { kind: 'epic' }>;

export interface PanelSectionContext {
  readonly issueKey: string;
  /** The epic/panel answer the panel loaded (WSJF, flow, changes, the other visible epics, business case, key results). */
  readonly overview: EpicOverview;
  /**
   * Re-reads epic/panel in the background after a section saved something; the sections keep
   * their state (drafts, focus) and get the new answer (e.g. the score changes list). Settles
   * once the new answer is shown (a failed refresh leaves what is shown).
   */
  readonly refresh: () => Promise<void>;
}

export interface PanelSectionDefinition {
  readonly id: string;
  readonly title: string;
  readonly Component: ComponentType<PanelSectionContext>;
  /** The one line shown beside the title, also while closed. */
  readonly summary?: (context: PanelSectionContext) => ReactNode;
  readonly defaultOpen?: boolean;
}

/** The case from the panel's answer; a save or decision answers the new case, shown until the panel's next answer. */
function BusinessCaseSection({ overview, refresh }: PanelSectionContext) {
  const [view, setView] = useState(overview.businessCase);
  useEffect(() => setView(overview.businessCase), [overview.businessCase]);
  return <BusinessCaseView view={view} onChange={setView} onReload={() => void refresh()} />;
}

export const PANEL_SECTIONS: readonly PanelSectionDefinition[] = [
  { id: 'wsjf', title: 'WSJF', Component: WsjfSection },
  { id: 'flow', title: 'Flow', Component: FlowSection, summary: flowSummary },
  { id: 'changes', title: 'Score changes', Component: ChangesSection, summary: changesSummary, defaultOpen: false },
  { id: 'business-case', title: 'Lean business case', Component: BusinessCaseSection, defaultOpen: false },
  { id: 'key-results', title: 'Key results', Component: KeyResultsSection },
];
