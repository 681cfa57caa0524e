import { dec, sum } from '../../domain/decimal.js';
import type { Plan } from '../../domain/plan.js';
import { type CalibrationScore, scoreCalibration } from '../../services/calibration/scoreCalibration.js';

/** One book's closed plans over a period: the figures `npm run promote` sets side by side. */
export interface BookRecord {
  readonly book: string;
  readonly trades: number;
  readonly wins: number;
  /** wins / trades; null with no trade. */
  readonly winRate: number | null;
  /** Σ realized PnL, net of fees, exact, in the quote currency. */
  readonly pnl: string;
  /** Σ PnL / Σ entry cost (avgEntryPrice × filledAmount), exact to 8 places; null with no trade. */
  readonly returnOnCost: string | null;
  readonly calibration: CalibrationScore;
}

/** The record of a book's plans closed at or after `since` (flattened plans count as trades, not as calibration outcomes). */
export function bookRecord(book: string, plans: readonly Plan[], since: number, calibrationWindow: number): BookRecord {
  const closed = plans.filter((plan) => plan.status === 'closed' && plan.closedAt !== undefined && plan.closedAt >= since && plan.realizedPnl !== undefined);
  const pnl = sum(closed.map((plan) => plan.realizedPnl ?? '0'));
  const cost = sum(closed.map((plan) => dec(plan.avgEntryPrice ?? '0').times(plan.filledAmount ?? '0')));
  const wins = closed.filter((plan) => dec(plan.realizedPnl ?? '0').gt(0)).length;
  return {
    book,
    trades: closed.length,
    wins,
    winRate: closed.length === 0 ? null : wins / closed.length,
    pnl: pnl.toFixed(),
    returnOnCost: cost.isZero() ? null : pnl.div(cost).toDecimalPlaces(8).toFixed(),
    calibration: scoreCalibration(closed, calibrationWindow),
  };
}
