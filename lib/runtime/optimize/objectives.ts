import { dec } from '../../domain/decimal.js';
import { maxDrawdownPct, periodsPerYear, sharpeRatio, totalReturnPct } from '../backtest/report/metrics.js';
import type { BacktestResult } from '../backtest/report/BacktestResult.js';

export const OBJECTIVES = ['sharpe', 'calmar', 'profit', 'expectancy'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** What one backtest over one window scored; the objective's figure is `score`, higher is better. */
export interface WindowMetrics {
  readonly score: number;
  readonly returnPct: number;
  readonly sharpe: number;
  readonly maxDrawdownPct: number;
  readonly trades: number;
  readonly candles: number;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * sharpe: annualised, of the equity curve; calmar: annualised return over the largest
 * drawdown (both in percent; a curve that never fell divides by 0.01 %); profit: total
 * return in percent; expectancy: the mean net PnL of a closed trade in percent of the
 * starting equity (0 without trades).
 */
export function windowMetrics(result: BacktestResult, objective: Objective): WindowMetrics {
  const curve = result.equityCurve;
  const returnPct = totalReturnPct(result.startingEquity, result.finalEquity);
  const sharpe = curve.length > 2 ? sharpeRatio(curve.equity, curve.length, periodsPerYear(result.equityIntervalMs)) : 0;
  const drawdown = maxDrawdownPct(curve.equity, curve.length);
  return { score: score(), returnPct, sharpe, maxDrawdownPct: drawdown, trades: result.trades.length, candles: result.candles };

  function score(): number {
    switch (objective) {
      case 'sharpe':
        return sharpe;
      case 'profit':
        return returnPct;
      case 'calmar': {
        const span = curve.length > 1 ? (curve.times[curve.length - 1] as number) - (curve.times[0] as number) : 0;
        if (span <= 0) return 0;
        const annualPct = ((1 + returnPct / 100) ** (YEAR_MS / span) - 1) * 100;
        return annualPct / Math.max(drawdown, 0.01);
      }
      case 'expectancy': {
        const start = dec(result.startingEquity);
        if (result.trades.length === 0 || start.isZero()) return 0;
        const total = result.trades.reduce((sum, t) => sum.plus(t.realizedPnl), dec(0));
        return total.div(result.trades.length).div(start).times(100).toNumber();
      }
    }
  }
}
