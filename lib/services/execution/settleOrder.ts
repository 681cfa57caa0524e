import { deriveClientOrderId } from '../../domain/clientOrderId.js';
import { toDecimalString } from '../../domain/decimal.js';
import type { Fill, Order, OrderLeg } from '../../domain/order.js';
import type { ExitReason, Plan } from '../../domain/plan.js';
import { transitionPlan } from '../../domain/planLifecycle.js';
import { Ledger, type PlanPosition } from '../portfolio/Ledger.js';
import { planClientOrderIds } from '../plans/planOrders.js';
import { applyFillToPlan } from './applyFillToPlan.js';

export function isStopOut(plan: Plan): boolean {
  return plan.status === 'closed' && (plan.exitReason === 'stop' || plan.exitReason === 'trailing_stop');
}

/**
 * A plan moved by the venue's view of one of its orders. The position is rebuilt from the
 * venue's own fills (for an exit, first those of the plan's entry and of its earlier exit
 * attempts: an exit that ended part-filled, EXPIRED or CANCELED, sold some of what this one
 * sells the rest of), so settling twice gives the same
 * plan: the first entry fill opens it, the sell that leaves nothing closes it with the
 * ledger's exact PnL. An order that ended without (fully) doing its job cancels the entry or
 * returns the plan to open for another exit attempt. An order still open moves the plan only
 * by what has filled so far.
 *
 * An exit that ended leaving less than `sellableFrom` (the least the market takes in one
 * order at the price now: see `smallestSellable`) closes the plan all the same: that
 * remainder, typically the entry's fee charged in the base asset against an amount floored to
 * the step, or the rest of a sell the book could not take whole worth less than the market's
 * minimum order value, can never be sold. Its cost is written off in the realized PnL, so the
 * PnL is what the plan's trades really made. Judged by the minimum amount alone, a rest worth
 * less than the minimum value reopened the plan for exits the venue refuses (NOTIONAL) at
 * every candle and every reconciliation round.
 */
export function settleOrder(plan: Plan, leg: OrderLeg, order: Order, venueFills: readonly Fill[], now: number, sellableFrom = '0'): Plan {
  const ledger = leg === 'entry' ? new Ledger({}) : ledgerOfPlanFills(plan, venueFills, order.clientOrderId);
  let next = plan;
  let lastFillAt = now;
  for (const fill of venueFills) {
    if (fill.clientOrderId !== order.clientOrderId) continue;
    const effect = ledger.apply(fill, plan.id);
    if (effect) next = applyFillToPlan(next, leg, fill, effect);
    lastFillAt = fill.timestamp;
  }
  if (order.status === 'open') return next;
  const position = ledger.position(plan.id);
  if (leg !== 'entry' && next.status === 'exiting' && position && position.soldAmount.gt(0) && position.amount.lt(sellableFrom)) {
    return closedWithDust(next, position, lastFillAt);
  }
  return afterOrderEnded(next, leg, now);
}

/**
 * An open plan whose whole position is less than the market takes in one order at the price
 * now (`smallestSellable`): no exit can sell it, so it closes as dust at `now`, for `reason`,
 * its cost written off (PnL: what its sells received less what its buys spent, from the
 * venue's fills of its orders). Undefined when those fills do not show the position the plan
 * holds (they are older than the venue returned): the plan is left as it is.
 */
export function closeAsDust(plan: Plan, reason: ExitReason, venueFills: readonly Fill[], now: number): Plan | undefined {
  const position = ledgerOfPlanFills(plan, venueFills).position(plan.id);
  if (position === undefined || plan.status !== 'open' || !position.amount.eq(plan.filledAmount ?? '0')) return undefined;
  return closedWithDust(transitionPlan(plan, 'exiting', now, { exitReason: reason }), position, now);
}

function closedWithDust(exiting: Plan, position: Readonly<PlanPosition>, closedAt: number): Plan {
  return transitionPlan(exiting, 'closed', closedAt, {
    closedAt,
    exitReason: exiting.exitReason ?? 'stop',
    realizedPnl: toDecimalString(position.received.minus(position.spent)),
    feesPaid: toDecimalString(position.fees),
  });
}

/** The plan's position from the venue's fills of its entry and of its exits other than `except`. */
function ledgerOfPlanFills(plan: Plan, venueFills: readonly Fill[], except?: string): Ledger {
  const ledger = new Ledger({});
  const entryId = deriveClientOrderId(plan.botId, plan.id, 'entry', plan.entryAttempt);
  const exits = new Set([...planClientOrderIds(plan)].filter(([id, leg]) => leg !== 'entry' && id !== except).map(([id]) => id));
  for (const fill of venueFills) if (fill.clientOrderId === entryId) ledger.apply(fill, plan.id);
  for (const fill of venueFills) if (exits.has(fill.clientOrderId)) ledger.apply(fill, plan.id);
  return ledger;
}

/** An ended order that left its plan waiting: nothing (or not all) filled. */
function afterOrderEnded(plan: Plan, leg: OrderLeg, now: number): Plan {
  if (leg === 'entry' && plan.status === 'entering') return transitionPlan(plan, 'cancelled', now);
  if (leg !== 'entry' && plan.status === 'exiting') return transitionPlan(plan, 'open', now, { exitAttempt: plan.exitAttempt + 1 });
  return plan;
}
