/**
 * The board's filters and Done window, kept in the page URL (the global page's history) so a
 * view can be shared: `/kanban?theme=Growth&stream=Payments&type=enabler&q=wallet&done=90`.
 */
import type { ResolverOutput } from '../../../src/contract/resolvers';

export type BoardCard = ResolverOutput<'portfolio/board'>['cards'][number];

export interface BoardFilters {
  readonly theme: string | null;
  readonly valueStream: string | null;
  readonly workType: 'business' | 'enabler' | null;
  readonly text: string;
}

/** Done shows the epics finished within this many days; null: all of them. */
export type DoneWindow = 30 | 90 | 365 | null;
export const DONE_WINDOWS: readonly DoneWindow[] = [30, 90, 365, null];
export const DEFAULT_DONE_WINDOW: DoneWindow = 30;

/** The theme filter's value for cards without a theme. */
export const NO_THEME = '(no theme)';

export const NO_FILTERS: BoardFilters = { theme: null, valueStream: null, workType: null, text: '' };

export interface BoardView {
  readonly filters: BoardFilters;
  readonly done: DoneWindow;
}

const MAX_TEXT = 200;

export function parseBoardView(search: string): BoardView {
  const params = new URLSearchParams(search);
  const type = params.get('type');
  const done = params.get('done');
  return {
    filters: {
      theme: params.get('theme') || null,
      valueStream: params.get('stream') || null,
      workType: type === 'business' || type === 'enabler' ? type : null,
      text: (params.get('q') ?? '').slice(0, MAX_TEXT),
    },
    done: done === 'all' ? null : (DONE_WINDOWS.find((days) => days !== null && String(days) === done) ?? DEFAULT_DONE_WINDOW),
  };
}

/** The search part of the URL for a view (empty when everything is the default). */
export function boardViewSearch(view: BoardView): string {
  const params = new URLSearchParams();
  if (view.filters.theme !== null) params.set('theme', view.filters.theme);
  if (view.filters.valueStream !== null) params.set('stream', view.filters.valueStream);
  if (view.filters.workType !== null) params.set('type', view.filters.workType);
  if (view.filters.text.trim() !== '') params.set('q', view.filters.text);
  if (view.done !== DEFAULT_DONE_WINDOW) params.set('done', view.done === null ? 'all' : String(view.done));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function isFiltered(filters: BoardFilters): boolean {
  return filters.theme !== null || filters.valueStream !== null || filters.workType !== null || filters.text.trim() !== '';
}

export function matchesFilters(card: BoardCard, filters: BoardFilters): boolean {
  if (filters.theme !== null && (card.theme ?? NO_THEME) !== filters.theme) return false;
  if (filters.valueStream !== null && card.valueStream !== filters.valueStream) return false;
  if (filters.workType !== null && card.workType !== filters.workType) return false;
  const text = filters.text.trim().toLowerCase();
  if (text !== '' && !`${card.key} ${card.summary}`.toLowerCase().includes(text)) return false;
  return true;
}

/** What a filter can choose from: the values on the cards, sorted. */
export function filterChoices(cards: readonly BoardCard[]): { themes: string[]; valueStreams: string[] } {
  const themes = new Set(cards.map((card) => card.theme ?? NO_THEME));
  return {
    themes: [...themes].sort((a, b) => (a === NO_THEME ? 1 : b === NO_THEME ? -1 : a.localeCompare(b))),
    valueStreams: [...new Set(cards.map((card) => card.valueStream))].sort((a, b) => a.localeCompare(b)),
  };
}

/** A sentence for the active filters, e.g. `theme Growth, enablers, "wallet"`. */
export function describeFilters(filters: BoardFilters): string {
  const parts: string[] = [];
  if (filters.theme !== null) parts.push(`theme ${filters.theme}`);
  if (filters.valueStream !== null) parts.push(`value stream ${filters.valueStream}`);
  if (filters.workType !== null) parts.push(filters.workType === 'enabler' ? 'enablers' : 'business epics');
  if (filters.text.trim() !== '') parts.push(`"${filters.text.trim()}"`);
  return parts.join(', ');
}
