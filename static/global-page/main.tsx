/*
 * Lean Portfolio — the jira:globalPage (Custom UI).
 * Issue 3 gives it its first real content: the portfolio Kanban (portfolio/board) and the WSJF
 * ranking (portfolio/wsjf); Strategy, OKRs and Flow name their resolvers and summarise their data.
 * Later issues build the full features: editing themes, value streams, budgets and OKRs, the flow
 * charts and forecasts.
 */
import { startPage } from '../shared/start';
import { GlobalPage } from './GlobalPage';

void startPage(<GlobalPage />);
