import { timeframeMs } from '../../../domain/candle.js';
import type { CandleSeries } from '../loadCandleFile.js';
import type { PriceSeries } from './BacktestResult.js';
import { downsampleIndices } from './downsampleEquity.js';

export const MAX_PRICE_POINTS = 2000;

/** A symbol's closes at full resolution: `closes[i]` is the price from `times[i]`, its candle's close time, on. */
export interface SymbolCloses {
  readonly symbol: string;
  readonly times: Float64Array;
  readonly closes: Float64Array;
}

/** A run's span: the closes it saw are the last one at or before `from` (the price it started at) through the last at or before `to`. */
export interface CloseRange {
  readonly from: number;
  readonly to: number;
}

/** The closes of each symbol's finest series, in the order the symbols first appear; cut to `range` when given. */
export function symbolCloses(series: readonly CandleSeries[], range?: CloseRange): SymbolCloses[] {
  const finest = new Map<string, CandleSeries>();
  for (const s of series) {
    const known = finest.get(s.symbol);
    if (known === undefined || timeframeMs(s.timeframe) < timeframeMs(known.timeframe)) finest.set(s.symbol, s);
  }
  return [...finest.values()].map((s) => {
    const step = timeframeMs(s.timeframe);
    // A plain loop: `Float64Array.from` with a map function goes through the iterator, slow over a million candles.
    const times = new Float64Array(s.candles.length);
    const closes = new Float64Array(s.candles.length);
    for (let i = 0; i < s.candles.length; i++) {
      const candle = s.candles[i]!;
      times[i] = candle.openTime + step;
      closes[i] = candle.close;
    }
    if (range === undefined) return { symbol: s.symbol, times, closes };
    const start = Math.max(0, lastIndexAtOrBefore(times, range.from));
    const end = lastIndexAtOrBefore(times, range.to) + 1;
    return { symbol: s.symbol, times: times.subarray(start, end), closes: closes.subarray(start, end) };
  });
}

/** Thins a symbol's closes for the chart, keeping each bucket's low and high and the first and last close. */
export function thinCloses(series: SymbolCloses, maxPoints = MAX_PRICE_POINTS): PriceSeries {
  const kept = downsampleIndices(series.closes, series.closes.length, maxPoints);
  return {
    symbol: series.symbol,
    times: kept.map((i) => series.times[i]!),
    closes: kept.map((i) => series.closes[i]!),
  };
}

/** -1 when every time is after `time`. */
function lastIndexAtOrBefore(times: Float64Array, time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
