import { timeframeMs } from '../../domain/candle.js';
import type { CandleSeries } from '../backtest/loadCandleFile.js';

/** One window of the timeline, [from, to) by candle open time. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * Rolling walk-forward: the timeline cut into `folds + 1` equal windows; fold k trains on
 * window k and is scored out of sample on window k + 1, which is fold k + 1's training
 * window. Every window is thus backtested once per trial.
 */
export function walkForwardWindows(series: readonly CandleSeries[], folds: number): TimeWindow[] {
  const from = Math.min(...series.map((s) => s.candles[0]?.openTime ?? Infinity));
  const to = Math.max(...series.map((s) => (s.candles.at(-1)?.openTime ?? -Infinity) + timeframeMs(s.timeframe)));
  const span = (to - from) / (folds + 1);
  return Array.from({ length: folds + 1 }, (_, i) => ({ from: Math.floor(from + i * span), to: i === folds ? to : Math.floor(from + (i + 1) * span) }));
}

/** Each series cut to the window, with `history` candles before it for the strategy to warm up on. */
export function windowSeries(series: readonly CandleSeries[], window: TimeWindow, history: number): CandleSeries[] {
  return series.map((s) => {
    const first = lowerBound(s.candles, window.from);
    const end = lowerBound(s.candles, window.to);
    return { ...s, candles: s.candles.slice(Math.max(0, first - history), end) };
  });
}

function lowerBound(candles: CandleSeries['candles'], time: number): number {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((candles[mid]?.openTime ?? Infinity) < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
