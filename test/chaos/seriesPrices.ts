import { timeframeMs } from '../../lib/domain/candle.js';
import type { CandleSeries } from '../../lib/runtime/backtest/loadCandleFile.js';

/** The simulator's price at `time`: the open of the candle in progress, or the close of the last one in a gap. */
export function priceAt(series: CandleSeries, time: number): string | undefined {
  const step = timeframeMs(series.timeframe);
  let last: CandleSeries['candles'][number] | undefined;
  for (const candle of series.candles) {
    if (candle.openTime > time) break;
    last = candle;
  }
  if (last === undefined) return undefined;
  return String(last.openTime + step > time ? last.open : last.close);
}

/** `symbol timeframe openTime` of the series' candles that closed in [from, to]. */
export function closedCandlesBetween(series: CandleSeries, from: number, to: number): string[] {
  const step = timeframeMs(series.timeframe);
  return series.candles.filter((c) => c.openTime + step >= from && c.openTime + step <= to).map((c) => `${series.symbol} ${series.timeframe} ${c.openTime}`);
}
