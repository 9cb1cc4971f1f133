/** The global page's sub-pages (the manifest's `pages`) and how a history path picks one. */
export const SUB_PAGES = [
  { route: '/kanban', title: 'Kanban' },
  { route: '/wsjf', title: 'WSJF' },
  { route: '/strategy', title: 'Strategy' },
  { route: '/okrs', title: 'OKRs' },
  { route: '/flow', title: 'Flow' },
  { route: '/review', title: 'Review' },
] as const;

export type SubPageRoute = (typeof SUB_PAGES)[number]['route'];

/** `/wsjf`, `/wsjf/` and `/wsjf/anything` are the WSJF page; anything unknown is the Kanban. */
export function subPageOf(pathname: string): SubPageRoute {
  const first = `/${pathname.split('/').filter((part) => part !== '')[0] ?? ''}`;
  return SUB_PAGES.find((page) => page.route === first)?.route ?? '/kanban';
}
