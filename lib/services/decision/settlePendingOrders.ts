import { type Awaitable, isPending as answersLater } from '../../domain/awaitable.js';
import { dec, toDecimalString } from '../../domain/decimal.js';
import type { Fill, Order, OrderLeg } from '../../domain/order.js';
import { type Plan, isLive } from '../../domain/plan.js';
import { transitionPlan, updatePlan } from '../../domain/planLifecycle.js';
import { smallestSellable } from '../../domain/precision.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { Logger } from '../../ports/Logger.js';
import { isStopOut, settleOrder } from '../execution/settleOrder.js';
import { pendingOrderOf, planFillsFrom, restingStopClientOrderId, stopExitReason } from '../plans/planOrders.js';

export interface Settlement {
  /** Plans whose pending order ended, at their new state (open, closed, cancelled, or back to open). */
  readonly plans: readonly Plan[];
  /** The venue's final view of each settled order. */
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  /** Symbol → time of a stop-out that closed a plan here. */
  readonly stopOuts: ReadonlyMap<string, number>;
}

export const NOTHING_SETTLED: Settlement = Object.freeze({ plans: [], orders: [], fills: [], stopOuts: new Map() });

/**
 * Settles the symbol's plans whose entry, exit or resting stop has ended at the venue: its
 * fills move the plan (entering → open, exiting → closed, a stop that sold → exiting →
 * closed, with the ledger's exact PnL), and an order that ended with nothing filled cancels
 * the entry, returns the plan to open for another exit attempt, or leaves it to have a new
 * stop placed. An entry partly filled and at least `partialEntryRestMs` old has its rest
 * cancelled and is settled on what filled (without the argument, it waits to end). An order
 * still open is left for a later candle; one the venue
 * does not know is left for reconciliation. The position is rebuilt from the venue's own
 * fills of the plan's orders, so settling twice gives the same plan.
 */
export function settlePendingOrders(symbol: string, livePlans: readonly Plan[], exchange: Exchange, now: number, logger: Logger, partialEntryRestMs?: number): Awaitable<Settlement> {
  // A venue at hand (the paper venue) answers at once, and an order still open settles
  // nothing: most candles of an open plan, whose stop rests, stay synchronous. The first
  // answer that is late, or that needs settling, goes on below with the lookups it made.
  for (let next = 0; next < livePlans.length; next++) {
    const plan = livePlans[next] as Plan;
    if (plan.symbol !== symbol || !isPending(plan)) continue;
    const answer = exchange.fetchOrderByClientId(symbol, waitedOrderOf(plan).clientOrderId);
    if (answersLater(answer) || !stillOpen(plan, answer, now, partialEntryRestMs)) {
      const pending = livePlans.slice(next).filter((p) => p.symbol === symbol && isPending(p));
      return settleFrom(answer, pending, symbol, exchange, now, logger, partialEntryRestMs);
    }
  }
  return NOTHING_SETTLED;
}

/**
 * Whether settling the symbol's pending orders now would settle nothing, answered at once:
 * the venue at hand (the paper venue) still holds every order the plans wait on open.
 */
export function nothingToSettle(symbol: string, livePlans: readonly Plan[], exchange: Exchange, now: number, partialEntryRestMs?: number): boolean {
  for (const plan of livePlans) {
    if (plan.symbol !== symbol || !isPending(plan)) continue;
    const answer = exchange.fetchOrderByClientId(symbol, waitedOrderOf(plan).clientOrderId);
    if (answersLater(answer) || !stillOpen(plan, answer, now, partialEntryRestMs)) return false;
  }
  return true;
}

/** An order the plan waits on that is open, and not a partly filled entry whose rest is due to be cancelled. */
function stillOpen(plan: Plan, order: Order | undefined, now: number, partialEntryRestMs: number | undefined): boolean {
  return order?.status === 'open' && !restIsDue(plan, order, now, partialEntryRestMs);
}

function restIsDue(plan: Plan, order: Order, now: number, partialEntryRestMs: number | undefined): boolean {
  return plan.status === 'entering' && partialEntryRestMs !== undefined && dec(order.filled).gt(0) && now - order.timestamp >= partialEntryRestMs;
}

/** The pending plans not yet known to wait on open orders, the venue's answer for the first of them already asked. */
async function settleFrom(firstAnswer: Awaitable<Order | undefined>, pending: readonly Plan[], symbol: string, exchange: Exchange, now: number, logger: Logger, partialEntryRestMs: number | undefined): Promise<Settlement> {
  const ended: { plan: Plan; order: Order }[] = [];
  for (let i = 0; i < pending.length; i++) {
    const plan = pending[i] as Plan;
    const { clientOrderId } = waitedOrderOf(plan);
    let order = await (i === 0 ? firstAnswer : exchange.fetchOrderByClientId(symbol, clientOrderId));
    if (order?.status === 'open' && restIsDue(plan, order, now, partialEntryRestMs)) {
      order = await cancelEntryRest(exchange, plan, order, logger);
    }
    if (order === undefined) logger.warn({ planId: plan.id, clientOrderId }, 'pending order unknown at the venue; left for reconciliation');
    else if (order.status !== 'open') ended.push({ plan, order });
  }
  if (ended.length === 0) return NOTHING_SETTLED;
  // From the venue's own order times: an order adopted on a redelivery is older than its plan.
  const since = Math.min(...ended.map(({ plan, order }) => Math.min(planFillsFrom(plan), order.timestamp)));
  const venueFills = await exchange.fetchFills(symbol, since);

  const plans: Plan[] = [];
  const orders: Order[] = [];
  const fills: Fill[] = [];
  const stopOuts = new Map<string, number>();
  for (const { plan, order } of ended) {
    const { leg, clientOrderId } = waitedOrderOf(plan);
    const orderFills = venueFills.filter((f) => f.clientOrderId === clientOrderId);
    if (plan.status === 'open' && orderFills.length === 0) {
      // A resting stop that ended with nothing sold (cancelled or expired at the venue): the
      // plan is bare until its next stop is placed, under the next attempt.
      logger.warn({ planId: plan.id, clientOrderId, orderStatus: order.status }, 'resting stop ended unfilled; a new one is placed');
      plans.push(updatePlan(plan, now, { restingStop: undefined, exitAttempt: plan.exitAttempt + 1 }));
      orders.push(order);
      continue;
    }
    const settling = plan.status === 'open' ? transitionPlan(plan, 'exiting', now, { exitReason: stopExitReason(plan) }) : plan;
    const settled = settleOrder(settling, leg, order, venueFills, now, leg === 'entry' ? '0' : toDecimalString(smallestSellable(await exchange.market(symbol), priceOfRest(order))));
    const next = leg === 'stop' && settled.restingStop !== undefined ? { ...settled, restingStop: undefined } : settled;
    if (isStopOut(next)) stopOuts.set(symbol, next.closedAt ?? now);
    plans.push(next);
    orders.push(order);
    fills.push(...orderFills);
    logger.info({ planId: plan.id, clientOrderId, leg, orderStatus: order.status, fills: orderFills.length, planStatus: next.status, realizedPnl: next.realizedPnl }, 'order settled');
  }
  return { plans, orders, fills, stopOuts };
}

/**
 * A partly filled entry's unfilled rest, cancelled so the plan opens on what filled (and gets
 * its stop): the venue's order after the cancel, which may have filled in full meanwhile.
 */
async function cancelEntryRest(exchange: Exchange, plan: Plan, order: Order, logger: Logger): Promise<Order | undefined> {
  logger.info({ planId: plan.id, clientOrderId: order.clientOrderId, filled: order.filled, amount: order.amount }, 'entry partly filled: cancelling the rest');
  try {
    await exchange.cancelOrder(plan.symbol, order.clientOrderId);
  } catch (error) {
    logger.warn({ planId: plan.id, clientOrderId: order.clientOrderId, err: error }, 'could not cancel the rest of a partly filled entry; settled later');
    return order;
  }
  return exchange.fetchOrderByClientId(plan.symbol, order.clientOrderId);
}

/** Each plan's waited order, derived once: a plan is an immutable value, looked at on every candle while its order rests. */
const waitedOrders = new WeakMap<Plan, { readonly leg: OrderLeg; readonly clientOrderId: string }>();

/** The order a plan waits on: its pending entry or exit, or the stop resting for it while open. */
function waitedOrderOf(plan: Plan): { readonly leg: OrderLeg; readonly clientOrderId: string } {
  let waited = waitedOrders.get(plan);
  if (waited === undefined) {
    waited = plan.status === 'open' ? { leg: 'stop', clientOrderId: restingStopClientOrderId(plan)! } : pendingOrderOf(plan)!;
    waitedOrders.set(plan, waited);
  }
  return waited;
}

/** Whether a plan of the symbol waits on an order: the one check every candle makes before settling. */
export function hasPendingOrders(symbol: string, livePlans: readonly Plan[]): boolean {
  for (const plan of livePlans) if (plan.symbol === symbol && isPending(plan)) return true;
  return false;
}

/** The live plans once settled plans replace theirs; a plan that ended leaves. */
export function withSettled(livePlans: readonly Plan[], settlement: Settlement): readonly Plan[] {
  if (settlement.plans.length === 0) return livePlans;
  const settled = new Map(settlement.plans.map((p) => [p.id, p]));
  return livePlans.map((p) => settled.get(p.id) ?? p).filter(isLive);
}

function isPending(plan: Plan): boolean {
  return plan.status === 'entering' || plan.status === 'exiting' || (plan.status === 'open' && plan.restingStop !== undefined);
}

/** Where what an ended exit left would sell: at the price the order sold at, else the price it was placed at. */
function priceOfRest(order: Order): string {
  return order.average ?? order.price ?? order.stopPrice ?? '0';
}
