/** How the review names and links a change line, and the changes list as CSV. */
import type { ResolverOutput } from '../../../src/contract/resolvers';
import { toCsv } from '../../shared/csv';

export type Review = ResolverOutput<'review/get'>;
export type ChangeLine = Review['changes'][number];

const LABELS: Record<string, string> = {
  'new-epic': 'New epic',
  state: 'Moved',
  dropped: 'Dropped',
  wsjf: 'WSJF',
  rank: 'Re-ranked',
  'okr-checkin': 'OKR check-in',
  'okr-link': 'OKR link',
  okrs: 'OKRs',
  budget: 'Budget',
  themes: 'Strategic themes',
  valueStreams: 'Value streams',
  settings: 'Settings',
};

/** Known categories by name; any other (a kind added later) from its words: `epic/businessCase` → "Business case". */
export function categoryLabel(category: string): string {
  const known = LABELS[category];
  if (known !== undefined) return known;
  const words = category
    .split('/')
    .filter((part) => part !== 'epic')
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The sub-page a document lives on; null when none shows it. */
export function documentRoute(kind: string): string | null {
  if (kind === 'okrs') return '/okrs';
  if (kind === 'budget' || kind === 'themes' || kind === 'valueStreams') return '/strategy';
  return null;
}

export const formatDate = (at: number) => new Date(at).toISOString().slice(0, 10);

export function changesCsv(changes: readonly ChangeLine[]): string {
  return toCsv(
    ['date', 'category', 'epic', 'document', 'title', 'change'],
    changes.map((line) => [
      formatDate(line.at),
      categoryLabel(line.category),
      line.epicKey,
      line.document === null ? null : `${line.document.kind} ${line.document.key}`,
      line.title,
      line.summary,
    ]),
  );
}
