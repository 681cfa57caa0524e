import type { Plan } from '../../domain/plan.js';
import type { ClosedTrade } from './report/BacktestResult.js';

export function toClosedTrade(plan: Plan): ClosedTrade {
  return {
    planId: plan.id,
    symbol: plan.symbol,
    side: plan.side,
    openedAt: plan.openedAt ?? plan.createdAt,
    closedAt: plan.closedAt ?? plan.updatedAt,
    amount: plan.amount ?? '0',
    avgEntryPrice: plan.avgEntryPrice ?? plan.entry,
    avgExitPrice: plan.avgExitPrice ?? '0',
    feesPaid: plan.feesPaid ?? '0',
    realizedPnl: plan.realizedPnl ?? '0',
    exitReason: plan.exitReason ?? 'unknown',
    reason: plan.reason,
  };
}
