import { deriveClientOrderId } from '../../domain/clientOrderId.js';
import { toDecimalString } from '../../domain/decimal.js';
import type { Fill, Order, OrderLeg } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import { transitionPlan } from '../../domain/planLifecycle.js';
import { Ledger } from '../portfolio/Ledger.js';
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
 * An exit that ended leaving less than `minAmount` (the market's smallest order) closes the
 * plan all the same: that remainder, typically the entry's fee charged in the base asset
 * against an amount floored to the step, can never be sold. Its cost is written off in the
 * realized PnL, so the PnL is what the plan's trades really made.
 */
export function settleOrder(plan: Plan, leg: OrderLeg, order: Order, venueFills: readonly Fill[], now: number, minAmount = '0'): Plan {
  const ledger = new Ledger({});
  if (leg !== 'entry') {
    const entryId = deriveClientOrderId(plan.botId, plan.id, 'entry', plan.entryAttempt);
    const earlierExits = new Set([...planClientOrderIds(plan)].filter(([id, l]) => l !== 'entry' && id !== order.clientOrderId).map(([id]) => id));
    for (const fill of venueFills) if (fill.clientOrderId === entryId) ledger.apply(fill, plan.id);
    for (const fill of venueFills) if (earlierExits.has(fill.clientOrderId)) ledger.apply(fill, plan.id);
  }
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
  if (leg !== 'entry' && next.status === 'exiting' && position && position.soldAmount.gt(0) && position.amount.lt(minAmount)) {
    return transitionPlan(next, 'closed', lastFillAt, {
      closedAt: lastFillAt,
      exitReason: next.exitReason ?? 'stop',
      realizedPnl: toDecimalString(position.received.minus(position.spent)),
      feesPaid: toDecimalString(position.fees),
    });
  }
  return afterOrderEnded(next, leg, now);
}

/** An ended order that left its plan waiting: nothing (or not all) filled. */
function afterOrderEnded(plan: Plan, leg: OrderLeg, now: number): Plan {
  if (leg === 'entry' && plan.status === 'entering') return transitionPlan(plan, 'cancelled', now);
  if (leg !== 'entry' && plan.status === 'exiting') return transitionPlan(plan, 'open', now, { exitAttempt: plan.exitAttempt + 1 });
  return plan;
}
