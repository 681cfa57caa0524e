import { type Candle, type Timeframe, timeframeMs } from '../../domain/candle.js';
import type { TimeframeCandles } from '../../ports/TimeframeCandles.js';
import type { CandleSeries } from './loadCandleFile.js';

/** Every replayed timeframe's candles of a symbol (the backtest): a binary search in the loaded series, no I/O. */
export class ReplayTimeframeCandles implements TimeframeCandles {
  private readonly bySymbol = new Map<string, { readonly timeframe: Timeframe; readonly stepMs: number; readonly candles: readonly Candle[] }[]>();

  constructor(series: readonly CandleSeries[]) {
    for (const s of series) {
      const known = this.bySymbol.get(s.symbol) ?? [];
      if (!known.some((k) => k.timeframe === s.timeframe)) this.bySymbol.set(s.symbol, [...known, { timeframe: s.timeframe, stepMs: timeframeMs(s.timeframe), candles: s.candles }]);
    }
  }

  timeframesOf(symbol: string): readonly Timeframe[] {
    return (this.bySymbol.get(symbol) ?? []).map((s) => s.timeframe);
  }

  closedBy(symbol: string, timeframe: Timeframe, closedBy: number, count: number): readonly Candle[] {
    const series = this.bySymbol.get(symbol)?.find((s) => s.timeframe === timeframe);
    if (series === undefined || count <= 0) return [];
    const { candles, stepMs } = series;
    // Open times from closedBy - count·step to closedBy - step, as the stored candles are read.
    return candles.slice(firstAtOrAfter(candles, closedBy - count * stepMs), firstAtOrAfter(candles, closedBy - stepMs + 1));
  }
}

/** The index of the first candle opened at or after `time` (candles in open-time order). */
function firstAtOrAfter(candles: readonly Candle[], time: number): number {
  let low = 0;
  let high = candles.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((candles[mid]?.openTime ?? Infinity) < time) low = mid + 1;
    else high = mid;
  }
  return low;
}
