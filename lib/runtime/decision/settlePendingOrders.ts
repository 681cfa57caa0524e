import { deriveClientOrderId } from '../../domain/clientOrderId.js';
import type { Fill, Order, OrderLeg } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import { transitionPlan } from '../../domain/planLifecycle.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { Logger } from '../../ports/Logger.js';
import { applyFillToPlan } from '../../services/execution/applyFillToPlan.js';
import { Ledger } from '../../services/portfolio/Ledger.js';

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

/** The order a plan waits on: its entry while entering, its exit while exiting. */
function pendingOrder(plan: Plan): { readonly leg: OrderLeg; readonly clientOrderId: string } | undefined {
  if (plan.status === 'entering') return { leg: 'entry', clientOrderId: deriveClientOrderId(plan.botId, plan.id, 'entry', plan.entryAttempt) };
  if (plan.status !== 'exiting') return undefined;
  const leg: OrderLeg = plan.exitReason === 'stop' || plan.exitReason === 'trailing_stop' ? 'stop' : 'exit';
  return { leg, clientOrderId: deriveClientOrderId(plan.botId, plan.id, leg, plan.exitAttempt) };
}

/**
 * Settles the symbol's plans whose entry or exit order has ended at the venue: its fills
 * move the plan (entering → open, exiting → closed, with the ledger's exact PnL), and an
 * order that ended with nothing filled cancels the entry or returns the plan to open for
 * another exit attempt. An order still open is left for a later candle; one the venue
 * does not know is left for reconciliation. The position is rebuilt from the venue's own
 * fills of the plan's orders, so settling twice gives the same plan.
 */
export async function settlePendingOrders(symbol: string, livePlans: readonly Plan[], exchange: Exchange, now: number, logger: Logger): Promise<Settlement> {
  const pending = livePlans.filter((p) => p.symbol === symbol && pendingOrder(p) !== undefined);
  if (pending.length === 0) return NOTHING_SETTLED;
  let venueFills: readonly Fill[] | undefined;
  const fillsOf = async (clientOrderId: string, since: number) => (venueFills ??= await exchange.fetchFills(symbol, since)).filter((f) => f.clientOrderId === clientOrderId);

  const plans: Plan[] = [];
  const orders: Order[] = [];
  const fills: Fill[] = [];
  const stopOuts = new Map<string, number>();
  const since = Math.min(...pending.map((p) => p.createdAt));
  for (const plan of pending) {
    const { leg, clientOrderId } = pendingOrder(plan)!;
    const order = await exchange.fetchOrderByClientId(symbol, clientOrderId);
    if (order === undefined) {
      logger.warn({ planId: plan.id, clientOrderId }, 'pending order unknown at the venue; left for reconciliation');
      continue;
    }
    if (order.status === 'open') continue;
    const orderFills = await fillsOf(clientOrderId, since);
    const ledger = new Ledger({});
    if (leg !== 'entry') {
      const entryId = deriveClientOrderId(plan.botId, plan.id, 'entry', plan.entryAttempt);
      for (const fill of await fillsOf(entryId, since)) ledger.apply(fill, plan.id);
    }
    let next = plan;
    for (const fill of orderFills) {
      const effect = ledger.apply(fill, plan.id);
      if (effect) next = applyFillToPlan(next, leg, fill, effect);
    }
    next = afterOrderEnded(next, leg, now);
    if (next.status === 'closed' && (next.exitReason === 'stop' || next.exitReason === 'trailing_stop')) stopOuts.set(symbol, next.closedAt ?? now);
    plans.push(next);
    orders.push(order);
    fills.push(...orderFills);
    logger.info({ planId: plan.id, clientOrderId, leg, orderStatus: order.status, fills: orderFills.length, planStatus: next.status, realizedPnl: next.realizedPnl }, 'order settled');
  }
  return plans.length === 0 ? NOTHING_SETTLED : { plans, orders, fills, stopOuts };
}

/** An ended order that left its plan waiting: nothing (or not all) filled. */
function afterOrderEnded(plan: Plan, leg: OrderLeg, now: number): Plan {
  if (leg === 'entry' && plan.status === 'entering') return transitionPlan(plan, 'cancelled', now);
  if (leg !== 'entry' && plan.status === 'exiting') return transitionPlan(plan, 'open', now, { exitAttempt: plan.exitAttempt + 1 });
  return plan;
}
