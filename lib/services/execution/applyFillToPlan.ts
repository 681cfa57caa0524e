import { toDecimalString } from '../../domain/decimal.js';
import type { Fill, OrderLeg } from '../../domain/order.js';
import type { ExitReason, Plan } from '../../domain/plan.js';
import { transitionPlan, updatePlan } from '../../domain/planLifecycle.js';
import type { FillEffect } from '../portfolio/Ledger.js';

/**
 * Moves a plan on a fill the ledger has applied. The first entry fill opens the plan
 * (a partly filled entry is already a position that needs its stop); the sell that
 * leaves nothing held closes it with the ledger's exact PnL.
 */
export function applyFillToPlan(plan: Plan, leg: OrderLeg, fill: Fill, effect: FillEffect, exitReason?: ExitReason): Plan {
  const p = effect.position;
  if (leg === 'entry') {
    const avgEntryPrice = toDecimalString(p.grossBought.dividedBy(p.boughtAmount));
    const filledAmount = toDecimalString(p.amount);
    // Each change written out in one literal: a spread followed by more fields is V8's slow path (planWith).
    if (plan.status === 'entering') {
      return transitionPlan(plan, 'open', fill.timestamp, {
        filledAmount,
        avgEntryPrice,
        openedAt: fill.timestamp,
        activeStop: plan.stop,
        highWatermark: avgEntryPrice,
      });
    }
    return updatePlan(plan, fill.timestamp, { filledAmount, avgEntryPrice });
  }
  const filledAmount = toDecimalString(p.amount);
  const avgExitPrice = toDecimalString(p.grossSold.dividedBy(p.soldAmount));
  if (!effect.flat) return updatePlan(plan, fill.timestamp, { filledAmount, avgExitPrice });
  const exiting = plan.status === 'open' ? transitionPlan(plan, 'exiting', fill.timestamp) : plan;
  return transitionPlan(exiting, 'closed', fill.timestamp, {
    filledAmount,
    avgExitPrice,
    closedAt: fill.timestamp,
    exitReason: exitReason ?? exiting.exitReason ?? 'stop',
    realizedPnl: toDecimalString(p.realizedPnl),
    feesPaid: toDecimalString(p.fees),
  });
}

