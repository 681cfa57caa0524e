import type { EquityCurve } from './BacktestResult.js';
import type { EquityPoint } from './BacktestReport.js';

export const MAX_EQUITY_POINTS = 2000;

/**
 * Thins a curve to at most `maxPoints` points for the report. Each bucket keeps its lowest
 * and highest point in time order, and the first and last points are always kept, so the
 * global low, high and the maximum drawdown survive the thinning exactly.
 */
export function downsampleEquity(curve: EquityCurve, maxPoints = MAX_EQUITY_POINTS): EquityPoint[] {
  const { times, equity, length } = curve;
  const point = (i: number): EquityPoint => [times[i]!, equity[i]!];
  if (length <= Math.max(maxPoints, 2)) return Array.from({ length }, (_, i) => point(i));

  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const inner = length - 2;
  const out: EquityPoint[] = [point(0)];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    if (start >= end) continue;
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (equity[i]! < equity[lo]!) lo = i;
      if (equity[i]! > equity[hi]!) hi = i;
    }
    out.push(point(Math.min(lo, hi)));
    if (lo !== hi) out.push(point(Math.max(lo, hi)));
  }
  out.push(point(length - 1));
  return out;
}
