import type { MemoryLedgerStore } from '../../../../lib/adapters/memory/MemoryLedgerStore.js';
import type { PaperExchange } from '../../../../lib/adapters/paper/PaperExchange.js';
import { deriveClientOrderId } from '../../../../lib/domain/clientOrderId.js';
import { type Decimal, ZERO, dec } from '../../../../lib/domain/decimal.js';
import { type Market, splitSymbol } from '../../../../lib/domain/market.js';
import type { Fill } from '../../../../lib/domain/order.js';
import type { Plan } from '../../../../lib/domain/plan.js';
import { NO_VENUE_ORDER_ID } from '../../../../lib/services/execution/submitIntent.js';
import { holdsPosition, pendingOrderOf } from '../../../../lib/services/plans/planOrders.js';

/** What a run leaves to check: the ledger, the venue, and every client order id that was sent to each. */
export interface RunView {
  readonly ledger: MemoryLedgerStore;
  readonly venue: PaperExchange;
  readonly markets: readonly Market[];
  readonly startingBalances: Readonly<Record<string, string>>;
  readonly intentsInserted: () => readonly string[];
  readonly ordersSent: () => readonly string[];
}

type Flows = Map<string, Decimal>;

/** The run's result figures that the ledger must account for. */
export interface ReportedFigures {
  readonly realizedPnl: string;
  readonly feesPaid: string;
}

/** Each asset's net change from fills: the base bought less sold, the quote paid less received, less the fees charged in each asset. */
export function flowsOf(fills: readonly Fill[]): Flows {
  const flows: Flows = new Map();
  const add = (asset: string, delta: Decimal) => flows.set(asset, (flows.get(asset) ?? ZERO).plus(delta));
  for (const fill of fills) {
    const { base, quote } = splitSymbol(fill.symbol);
    const sign = fill.side === 'buy' ? 1 : -1;
    add(base, dec(fill.amount).times(sign));
    add(quote, dec(fill.cost).times(-sign));
    add(fill.fee.currency, dec(fill.fee.cost).negated());
  }
  return flows;
}

/**
 * 1. The venue's totals are the starting balances moved by the venue's fills, and (once
 * every order has been settled) by the ledger's fills too; nothing is ever negative, and
 * what is in use is what the open orders reserve.
 */
export function balancesFollowFills(view: RunView, settled: boolean): string[] {
  const violations: string[] = [];
  const totals = view.venue.fetchBalances();
  const state = view.venue.toState();
  const byVenue = flowsOf(state.fills);
  const byLedger = flowsOf(view.ledger.fills);
  const reserved = new Map<string, Decimal>();
  for (const r of state.resting) reserved.set(r.reserveAsset, (reserved.get(r.reserveAsset) ?? ZERO).plus(r.reserved));
  const assets = new Set([...Object.keys(view.startingBalances), ...Object.keys(totals), ...byVenue.keys(), ...byLedger.keys()]);
  for (const asset of assets) {
    const start = dec(view.startingBalances[asset] ?? '0');
    const held = dec(totals[asset]?.total ?? '0');
    const fromVenue = start.plus(byVenue.get(asset) ?? ZERO);
    if (!held.eq(fromVenue)) violations.push(`1 balance: ${asset} total ${held.toFixed()}, start + venue fills − fees ${fromVenue.toFixed()}`);
    const fromLedger = start.plus(byLedger.get(asset) ?? ZERO);
    if (settled && !held.eq(fromLedger)) violations.push(`1 balance: ${asset} total ${held.toFixed()}, start + ledger fills − fees ${fromLedger.toFixed()}`);
    if (held.lt(0) || dec(totals[asset]?.free ?? '0').lt(0)) violations.push(`1 balance: ${asset} is negative: ${JSON.stringify(totals[asset])}`);
    const used = dec(totals[asset]?.used ?? '0');
    if (!used.eq(reserved.get(asset) ?? ZERO)) violations.push(`1 balance: ${asset} used ${used.toFixed()}, reserved by open orders ${(reserved.get(asset) ?? ZERO).toFixed()}`);
  }
  return violations;
}

/**
 * 2. A closed plan's realized PnL is what its fills moved in the quote currency: sells' cost
 * − buys' cost − fees charged in the quote. A base-asset fee is not in it: it leaves less to
 * sell, and a remainder under the market's minAmount is written off (settleOrder). Fees paid
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
    const minAmount = view.markets.find((m) => m.symbol === plan.symbol)?.minAmount ?? '0';
    if (left.lt(0) || left.gte(minAmount) || (left.gt(0) && !fills.some((f) => f.side === 'sell'))) {
      violations.push(`2 pnl: closed plan ${planId} leaves ${left.toFixed()} ${base} (minAmount ${minAmount})`);
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

/**
 * 4. No client order id twice: none written as an intent twice, none sent to the venue twice;
 * each is the one its (bot, plan, leg, attempt) derive, and every venue order has its intent.
 */
export function clientOrderIdsOnce(view: RunView): string[] {
  const violations = [...repeated(view.intentsInserted(), 'written as an intent'), ...repeated(view.ordersSent(), 'sent to the venue')];
  const intents = new Set<string>();
  for (const intent of view.ledger.intents()) {
    intents.add(intent.clientOrderId);
    const derived = deriveClientOrderId(intent.botId, intent.planId, intent.leg, intent.attempt);
    if (derived !== intent.clientOrderId) violations.push(`4 ids: intent ${intent.clientOrderId} should be ${derived}`);
  }
  for (const order of view.venue.toState().orders) {
    if (!intents.has(order.clientOrderId)) violations.push(`4 ids: venue order ${order.clientOrderId} has no intent`);
  }
  return violations;
}

function repeated(ids: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice].map((id) => `4 ids: ${id} ${what} twice`);
}

/**
 * 5. The ledger's fills are venue fills, field for field; once every order is settled, all of
 * them. Its orders are the venue's too, once ended (an open one may lag the venue until it is
 * settled); one the venue never took is recorded rejected, without a venue id. Every venue
 * fill is at a price a market can trade: at least one tick.
 */
export function ledgerFillsAreVenueFills(view: RunView, settled: boolean): string[] {
  const violations: string[] = [];
  const state = view.venue.toState();
  const venueOrders = new Map(state.orders.map((order) => [order.clientOrderId, order]));
  for (const order of view.ledger.orders()) {
    const atVenue = venueOrders.get(order.clientOrderId);
    const agrees = atVenue === undefined ? order.status === 'rejected' && order.exchangeOrderId === NO_VENUE_ORDER_ID : JSON.stringify(order) === JSON.stringify(atVenue);
    const lags = atVenue !== undefined && order.status === 'open' && !settled;
    if (!agrees && !lags) violations.push(`5 orders: ledger ${JSON.stringify(order)}, venue ${JSON.stringify(atVenue) ?? 'none'}`);
  }
  const venueFills = new Map(state.fills.map((fill) => [fill.id, JSON.stringify(fill)]));
  for (const fill of state.fills) {
    const tick = view.markets.find((m) => m.symbol === fill.symbol)?.priceStep ?? '0';
    if (dec(fill.price).lt(tick) || !dec(fill.amount).gt(0)) violations.push(`5 fills: venue fill ${fill.id} at ${fill.price} for ${fill.amount}, under the tick ${tick} or empty`);
  }
  const ledgerFills = new Map<string, string>();
  for (const fill of view.ledger.fills) {
    const text = JSON.stringify(fill);
    if (ledgerFills.has(fill.id)) violations.push(`5 fills: ${fill.id} is in the ledger twice`);
    ledgerFills.set(fill.id, text);
    if (venueFills.get(fill.id) !== text) violations.push(`5 fills: ledger ${text}, venue ${venueFills.get(fill.id) ?? 'none'}`);
  }
  if (settled) for (const [id, text] of venueFills) if (!ledgerFills.has(id)) violations.push(`5 fills: venue fill ${text} is not in the ledger`);
  return violations;
}

/** Every invariant; `settled` after the engine's final settlement. */
export function ledgerViolations(view: RunView, settled: boolean, reported?: ReportedFigures): string[] {
  return [
    ...balancesFollowFills(view, settled),
    ...pnlIsFills(view, settled, reported),
    ...livePlansHaveOrders(view),
    ...clientOrderIdsOnce(view),
    ...ledgerFillsAreVenueFills(view, settled),
  ];
}
