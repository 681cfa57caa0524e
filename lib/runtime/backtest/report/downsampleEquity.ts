import type { EquityCurve } from './BacktestResult.js';
import type { EquityPoint } from './BacktestReport.js';

export const MAX_EQUITY_POINTS = 2000;

/**
 * The indices of at most `maxPoints` points of a series to draw it thinned. Each bucket keeps
 * its lowest and highest point in time order, and the first and last points are always kept,
 * so the global low, high and the maximum drawdown survive the thinning exactly.
 */
export function downsampleIndices(values: ArrayLike<number>, length: number, maxPoints = MAX_EQUITY_POINTS): number[] {
  if (length <= Math.max(maxPoints, 2)) return Array.from({ length }, (_, i) => i);

  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const inner = length - 2;
  const kept: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (start >= end) continue;
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (values[i]! < values[lo]!) lo = i;
      if (values[i]! > values[hi]!) hi = i;
    }
    kept.push(Math.min(lo, hi));
    if (lo !== hi) kept.push(Math.max(lo, hi));
  }
  kept.push(length - 1);
  return kept;
}

/** Thins an equity curve to at most `maxPoints` points for the report (see downsampleIndices). */
export function downsampleEquity(curve: EquityCurve, maxPoints = MAX_EQUITY_POINTS): EquityPoint[] {
  const { times, equity, length } = curve;
  return downsampleIndices(equity, length, maxPoints).map((i): EquityPoint => [times[i]!, equity[i]!]);
}
