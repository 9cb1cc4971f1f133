/**
 * The epic panel's sections, in display order: the ONE place a section is added. A section is a
 * component that gets the epic's key and the loaded overview and renders inside a PanelSection
 * (title, summary, collapsible). Other features add one line each here, e.g.
 *   { id: 'business-case', title: 'Lean business case', Component: BusinessCaseSection },
 *   { id: 'business-case', title: 'Lean business case', Component: BusinessCaseSection, defaultOpen: false },
  { id: 'key-results', title: 'Key results', Component: KeyResultsSection },
 */
import type { ComponentType, ReactNode } from 'react';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { ChangesSection, changesSummary } from './ChangesSection';
import { FlowSection, flowSummary } from './FlowSection';
import { BusinessCaseEditor } from '../shared/BusinessCaseEditor';
import { KeyResultsSection } from './sections/KeyResultsSection';
import { WsjfSection } from './WsjfSection';

export type EpicOverview = Extract<ResolverOutput<'epic/overview'>, { kind: 'epic' }>;

export interface PanelSectionContext {
  readonly issueKey: string;
  /** The epic/overview answer the panel loaded (WSJF, flow, changes, the other visible epics). */
  readonly overview: EpicOverview;
  /**
   * Re-reads the overview in the background after a section saved something; the sections keep
   * their state (drafts, focus) and get the new overview (e.g. the score changes list).
   */
  readonly refresh: () => void;
}

export interface PanelSectionDefinition {
  readonly id: string;
  readonly title: string;
  readonly Component: ComponentType<PanelSectionContext>;
  /** The one line shown beside the title, also while closed. */
  readonly summary?: (context: PanelSectionContext) => ReactNode;
  readonly defaultOpen?: boolean;
}

function BusinessCaseSection({ issueKey }: PanelSectionContext) {
  return <BusinessCaseEditor issueKey={issueKey} withHeading={false} />;
}

export const PANEL_SECTIONS: readonly PanelSectionDefinition[] = [
  { id: 'wsjf', title: 'WSJF', Component: WsjfSection },
  { id: 'flow', title: 'Flow', Component: FlowSection, summary: flowSummary },
  { id: 'changes', title: 'Score changes', Component: ChangesSection, summary: changesSummary, defaultOpen: false },
  { id: 'business-case', title: 'Lean business case', Component: BusinessCaseSection, defaultOpen: false },
  { id: 'key-results', title: 'Key results', Component: KeyResultsSection },
];
