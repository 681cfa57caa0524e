import { dec } from '../../domain/decimal.js';
import type { Plan } from '../../domain/plan.js';

/**
 * The fields of a closed plan's log line ("plan closed"), the same for the live book and each
 * shadow (whose lines carry `book`): what the dashboard's live-beside-shadows table sums.
 * `won` is 1 when the plan made money after fees; `planReturn` its PnL over what the entry cost.
 */
export function closedPlanLogFields(plan: Plan): Record<string, unknown> {
  const pnl = dec(plan.realizedPnl ?? '0');
  const cost = dec(plan.avgEntryPrice ?? '0').times(plan.filledAmount ?? '0');
  return {
    planId: plan.id,
    symbol: plan.symbol,
    exitReason: plan.exitReason,
    realizedPnl: plan.realizedPnl,
    feesPaid: plan.feesPaid,
    avgEntryPrice: plan.avgEntryPrice,
    avgExitPrice: plan.avgExitPrice,
    won: pnl.gt(0) ? 1 : 0,
    ...(cost.gt(0) ? { planReturn: Number(pnl.div(cost).toFixed(8)) } : {}),
  };
}
