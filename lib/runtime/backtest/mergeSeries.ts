import { timeframeMs } from '../../domain/candle.js';
import type { CandleSeries } from './loadCandleFile.js';

/**
 * The order in which several series' candles are replayed: by close time, the moment the
 * bot can first decide a candle, then by the order the files were given. A 5m candle thus
 * comes after the 1m candles that close before it, never ahead of them (which would show
 * the strategy minutes it cannot have seen yet). Returns [seriesIndex, candleIndex] pairs
 * packed in two arrays.
 */
export function mergeSeries(series: readonly CandleSeries[]): { seriesIndex: Uint16Array; candleIndex: Uint32Array } {
  const total = series.reduce((n, s) => n + s.candles.length, 0);
  const seriesIndex = new Uint16Array(total);
  const candleIndex = new Uint32Array(total);
  if (series.length === 1) {
    for (let k = 0; k < total; k++) candleIndex[k] = k;
    return { seriesIndex, candleIndex };
  }
  const stepMs = series.map((s) => timeframeMs(s.timeframe));
  const cursor = series.map(() => 0);
  for (let k = 0; k < total; k++) {
    let best = -1;
    let bestTime = Infinity;
    for (let s = 0; s < series.length; s++) {
      const candle = series[s]?.candles[cursor[s] ?? 0];
      const closeTime = candle ? candle.openTime + (stepMs[s] ?? 0) : Infinity;
      if (closeTime < bestTime) {
        best = s;
        bestTime = closeTime;
      }
    }
    seriesIndex[k] = best;
    candleIndex[k] = cursor[best] ?? 0;
    cursor[best] = (cursor[best] ?? 0) + 1;
  }
  return { seriesIndex, candleIndex };
}
