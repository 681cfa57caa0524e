import { Decimal, dec } from '../../../domain/decimal.js';
import { InvalidInputError } from '../../../domain/errors.js';
import type { ClosedTrade } from './BacktestResult.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Equity points in a 365-day year, one every `intervalMs`, to annualise per-point statistics. */
export function periodsPerYear(intervalMs: number): number {
  if (!(intervalMs > 0 && Number.isFinite(intervalMs))) {
    throw new InvalidInputError('equityIntervalMs', `${intervalMs} is not a positive number of milliseconds`);
  }
  return YEAR_MS / intervalMs;
}

/** Largest peak-to-trough fall as a percentage of the peak: positive, 0 for a curve that never falls. */
export function maxDrawdownPct(equity: ArrayLike<number>, length: number): number {
  let peak = -Infinity;
  let worst = 0;
  for (let i = 0; i < length; i++) {
    const v = equity[i]!;
    if (v > peak) peak = v;
    else if (peak > 0) {
      const fall = ((peak - v) / peak) * 100;
      if (fall > worst) worst = fall;
    }
  }
  return worst;
}

/** How far each point sits below the peak so far, in percent: 0 at a new high, negative below it. */
export function drawdownSeries(equity: ArrayLike<number>, length: number): Float64Array {
  const out = new Float64Array(length);
  let peak = -Infinity;
  for (let i = 0; i < length; i++) {
    const v = equity[i]!;
    if (v > peak) peak = v;
    out[i] = peak > 0 && v < peak ? ((v - peak) / peak) * 100 : 0;
  }
  return out;
}

/**
 * Annualised Sharpe ratio of per-period simple returns (risk-free rate 0, sample stdev).
 * A period that starts at zero equity counts as a zero return: nothing left can move.
 */
export function sharpeRatio(equity: ArrayLike<number>, length: number, periodsPerYear: number): number {
  const n = length - 1;
  if (n < 2) return 0;
  const returns = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const before = equity[i]!;
    const r = before === 0 ? 0 : equity[i + 1]! / before - 1;
    returns[i] = r;
    total += r;
  }
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (returns[i]! - mean) ** 2;
  const stdev = Math.sqrt(squares / (n - 1));
  if (!(stdev > 0) || !Number.isFinite(stdev)) return 0;
  return (mean / stdev) * Math.sqrt(periodsPerYear);
}

/** Share of closed trades with a strictly positive net PnL, in percent, rounded to 4 decimals. */
export function winRatePct(trades: readonly Pick<ClosedTrade, 'realizedPnl'>[]): number {
  if (trades.length === 0) return 0;
  const wins = trades.filter((t) => dec(t.realizedPnl).greaterThan(0)).length;
  return new Decimal(wins).times(100).div(trades.length).toDecimalPlaces(4).toNumber();
}

/** (final − start) / start in percent, exact, rounded to 4 decimals; 0 when nothing was staked. */
export function totalReturnPct(startingEquity: string, finalEquity: string): number {
  const start = dec(startingEquity);
  if (start.isZero()) return 0;
  return dec(finalEquity).minus(start).div(start).times(100).toDecimalPlaces(4).toNumber();
}
