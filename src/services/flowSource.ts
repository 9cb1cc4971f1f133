/**
 * Where Flow's epics come from. From Flow's cards (portfolio/flowCards.ts) when the cache needs no
 * work, as for the board's view: only the epics the caller's own ids search names, in its order,
 * each with its history (the timelines are built per request, up to the as-of date). Else, and
 * whenever totals include hidden epics, from the whole snapshot (which also repairs the cache).
 * Both paths give identical answers (test/resolvers/flowCards.test.ts).
 */
import type { Theme } from '../contract/documents';
import type { PortfolioSettings } from '../contract/settings';
import type { FlowEpic } from '../domain/flow';
import { themeOfEpic, valueStreamOfProject, workTypeOfEpic } from '../domain/themes';
import type { ValueStreamRef } from '../domain/themes';
import type { EpicHistory, Timeline } from '../domain/timeline';
import type { WsjfComponents } from '../domain/wsjf';
import type { ServiceContext } from './context';
import { flowScope } from './flowScope';
import type { FlowScope } from './flowScope';
import { FLOW_CARDS_PROJECTION } from './portfolio/flowCards';
import type { FlowCard } from './portfolio/flowCards';
import { portfolioSnapshot } from './portfolio/snapshot';
import type { Categories, PortfolioOf } from './portfolio/snapshot';
import { portfolioFromProjection, projectionRequest } from './portfolio/view';

/** What Flow reads of an epic (a snapshot's epic is one, with its timeline already built). */
export interface FlowSourceEpic {
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  readonly theme: Theme | null;
  readonly workType: 'business' | 'enabler';
  readonly valueStream: ValueStreamRef;
  readonly wsjf: { readonly components: WsjfComponents };
  /** Read once per request by epicFlowsAsOf (from Flow's cards it is decoded on each read). */
  readonly history: EpicHistory;
  /** Built from the whole history with the portfolio's settings, when the source has them already. */
  readonly timeline?: Timeline;
  readonly flow?: FlowEpic;
}

export type FlowPortfolio = PortfolioOf<FlowSourceEpic>;

export interface FlowSource {
  readonly portfolio: FlowPortfolio;
  readonly scope: FlowScope;
}

const MEMO = 'flow-source';

/** Once per request. */
export function flowSource(ctx: ServiceContext): Promise<FlowSource> {
  return ctx.memo(MEMO, async () => {
    const fromCards = await flowFromCards(ctx);
    if (fromCards !== null) return { portfolio: fromCards, scope: { epics: fromCards.epics, includesHidden: false, isHidden: () => false } };
    return fromSnapshot(ctx);
  });
}

/** Makes the request's Flow read the whole snapshot, whatever the cache (for tests comparing both paths). */
export function flowSourceFromSnapshot(ctx: ServiceContext): Promise<FlowSource> {
  return ctx.memo(MEMO, () => fromSnapshot(ctx));
}

async function fromSnapshot(ctx: ServiceContext): Promise<FlowSource> {
  const snapshot = await portfolioSnapshot(ctx);
  return { portfolio: snapshot, scope: await flowScope(ctx, snapshot) };
}

async function flowFromCards(ctx: ServiceContext): Promise<FlowPortfolio | null> {
  const request = await projectionRequest(ctx, () => FLOW_CARDS_PROJECTION);
  return request === null ? null : (portfolioFromProjection(request, toFlowSourceEpic)?.portfolio ?? null);
}

/** A card with the request's categories, as toPortfolioEpic (snapshot.ts) gives them. */
function toFlowSourceEpic(card: FlowCard, settings: PortfolioSettings, categories: Categories): FlowSourceEpic {
  return {
    id: card.id,
    key: card.key,
    summary: card.summary,
    theme: themeOfEpic(card.labels, categories.themes),
    workType: workTypeOfEpic(card.labels, settings.enablerLabels),
    valueStream: valueStreamOfProject({ key: card.projectKey, name: card.projectName }, categories.streamByProjectKey),
    wsjf: card.wsjf,
    // Read through, never copied: the card decodes it on each read (flowCards.ts).
    get history() {
      return card.history;
    },
  };
}
