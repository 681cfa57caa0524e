import { Decimal, ZERO, dec } from '../../../../lib/domain/decimal.js';
import { splitSymbol } from '../../../../lib/domain/market.js';
import type { Fill } from '../../../../lib/domain/order.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { floorToStep, smallestSellable } from '../../../../lib/domain/precision.js';
import { holdsPosition, pendingOrderOf } from '../../../../lib/services/plans/planOrders.js';
import { type RunView, flowsOf } from './venueInvariants.js';

/** The run's result figures that the ledger must account for. */
export interface ReportedFigures {
  readonly realizedPnl: string;
  readonly feesPaid: string;
}

/**
 * 2. A closed plan's realized PnL is what its fills moved in the quote currency: sells' cost
 * − buys' cost − fees charged in the quote. A base-asset fee is not in it: it leaves less to
 * sell, and a remainder the market would not take in one order is written off as dust
 * (settleOrder, closeAsDust: under smallestSellable at the price the exit was judged at). Fees paid
 * (the plan's and the run's) are valued in the quote, a base fee at its fill's price. Every fill
 * is a plan's; the run's PnL is the closed plans' sum; and once every order is settled, the
 * quote held is the start plus that PnL plus what the live plans' fills moved.
 */
export function pnlIsFills(view: RunView, settled: boolean, reported?: ReportedFigures): string[] {
  const violations: string[] = [];
  const planOf = new Map(view.ledger.intents().map((intent) => [intent.clientOrderId, intent.planId]));
  const fillsByPlan = new Map<string, Fill[]>();
  for (const fill of view.ledger.fills) {
    const planId = planOf.get(fill.clientOrderId);
    if (planId === undefined) violations.push(`2 pnl: fill ${fill.id} (${fill.clientOrderId}) has no intent`);
    else if (fillsByPlan.has(planId)) fillsByPlan.get(planId)?.push(fill);
    else fillsByPlan.set(planId, [fill]);
  }
  const closed = new Map(view.ledger.closedPlans.map((plan) => [plan.id, plan]));
  const live = new Map(view.ledger.livePlans().map((plan) => [plan.id, plan]));
  let closedPnl = ZERO;
  const quoteHeldByLive = new Map<string, Decimal>();
  for (const [planId, fills] of fillsByPlan) {
    const plan = closed.get(planId) ?? live.get(planId);
    if (plan === undefined) {
      violations.push(`2 pnl: plan ${planId} has ${fills.length} fill(s) but is neither live nor closed`);
      continue;
    }
    const { base, quote } = splitSymbol(plan.symbol);
    const flows = flowsOf(fills);
    if (plan.status !== 'closed') {
      quoteHeldByLive.set(quote, (quoteHeldByLive.get(quote) ?? ZERO).plus(flows.get(quote) ?? ZERO));
      continue;
    }
    const pnl = flows.get(quote) ?? ZERO;
    closedPnl = closedPnl.plus(pnl);
    if (!dec(plan.realizedPnl ?? 'NaN').eq(pnl)) violations.push(`2 pnl: closed plan ${planId} realized ${plan.realizedPnl}, its fills ${pnl.toFixed()}`);
    const fees = feesInQuote(fills);
    if (!dec(plan.feesPaid ?? 'NaN').eq(fees)) violations.push(`2 pnl: closed plan ${planId} paid ${plan.feesPaid}, its fills' fees ${fees.toFixed()}`);
    const left = flows.get(base) ?? ZERO;
    const market = view.markets.find((m) => m.symbol === plan.symbol);
    // The lowest price its exit can have been judged at: its stop, or a sell below it.
    const lowest = fills.filter((f) => f.side === 'sell').reduce((low, f) => Decimal.min(low, f.price), dec(plan.activeStop ?? plan.stop));
    const sellableFrom = market ? smallestSellable(market, lowest) : ZERO;
    if (left.lt(0) || (market && floorToStep(left, market.amountStep).gte(sellableFrom))) {
      violations.push(`2 pnl: closed plan ${planId} leaves ${left.toFixed()} ${base}, which the market takes at ${lowest.toFixed()} (from ${sellableFrom.toFixed()})`);
    }
  }
  for (const plan of closed.values()) {
    if (!fillsByPlan.has(plan.id)) violations.push(`2 pnl: closed plan ${plan.id} has no fills`);
  }
  const closedSum = view.ledger.closedPlans.reduce((total, plan) => total.plus(plan.realizedPnl ?? 'NaN'), ZERO);
  if (!closedSum.eq(closedPnl)) violations.push(`2 pnl: Σ closed plans ${closedSum.toFixed()}, Σ their fills ${closedPnl.toFixed()}`);
  if (reported !== undefined && !dec(reported.realizedPnl).eq(closedPnl)) violations.push(`2 pnl: result ${reported.realizedPnl}, Σ closed plans' fills ${closedPnl.toFixed()}`);
  const allFees = feesInQuote(view.ledger.fills);
  if (reported !== undefined && !dec(reported.feesPaid).eq(allFees)) violations.push(`2 pnl: result paid ${reported.feesPaid}, the fills' fees ${allFees.toFixed()}`);
  return settled ? [...violations, ...quoteHeldIsPnl(view, closedPnl, quoteHeldByLive)] : violations;
}

/** Fees valued in the quote currency, as plans and reports state them: one charged in the base asset at its fill's price. */
function feesInQuote(fills: readonly Fill[]): Decimal {
  let fees = ZERO;
  for (const fill of fills) {
    const { base, quote } = splitSymbol(fill.symbol);
    if (fill.fee.currency === quote) fees = fees.plus(fill.fee.cost);
    else if (fill.fee.currency === base) fees = fees.plus(dec(fill.fee.cost).times(fill.price));
    else fees = fees.plus(Number.NaN);
  }
  return fees;
}

function quoteHeldIsPnl(view: RunView, closedPnl: Decimal, quoteHeldByLive: Map<string, Decimal>): string[] {
  const quotes = new Set(view.markets.map((m) => m.quote));
  if (quotes.size !== 1) return [];
  const [quote] = quotes as unknown as [string];
  const held = dec(view.venue.fetchBalances()[quote]?.total ?? '0');
  const expected = dec(view.startingBalances[quote] ?? '0').plus(closedPnl).plus(quoteHeldByLive.get(quote) ?? ZERO);
  return held.eq(expected) ? [] : [`2 pnl: ${quote} held ${held.toFixed()}, start + closed PnL + live plans' flows ${expected.toFixed()}`];
}

/**
 * 3. No live plan without its order: a plan entering or exiting has the intent of its pending
 * client order id, and the venue knows that order; an open plan holds what its fills left.
 */
export function livePlansHaveOrders(view: RunView): string[] {
  const violations: string[] = [];
  const intents = new Set(view.ledger.intents().map((intent) => intent.clientOrderId));
  const venueOrders = new Set(view.venue.toState().orders.map((order) => order.clientOrderId));
  for (const plan of view.ledger.livePlans()) {
    if (plan.status === 'open') violations.push(...openPlanHolds(view, plan));
    else if (plan.status !== 'entering' && plan.status !== 'exiting') violations.push(`3 live: plan ${plan.id} is live in status ${plan.status}`);
    else {
      const pending = pendingOrderOf(plan)?.clientOrderId ?? '(none)';
      if (!intents.has(pending)) violations.push(`3 live: ${plan.status} plan ${plan.id} has no intent ${pending}`);
      if (!venueOrders.has(pending)) violations.push(`3 live: ${plan.status} plan ${plan.id} waits on ${pending}, unknown at the venue`);
    }
  }
  return violations;
}

function openPlanHolds(view: RunView, plan: Plan): string[] {
  if (!holdsPosition(plan)) return [`3 live: open plan ${plan.id} holds ${plan.filledAmount ?? 'nothing'}`];
  const ids = new Set(view.ledger.intents().filter((i) => i.planId === plan.id).map((i) => i.clientOrderId));
  const held = flowsOf(view.ledger.fills.filter((f) => ids.has(f.clientOrderId))).get(splitSymbol(plan.symbol).base) ?? ZERO;
  return held.eq(plan.filledAmount ?? 'NaN') ? [] : [`3 live: open plan ${plan.id} holds ${plan.filledAmount}, its fills leave ${held.toFixed()}`];
}
