import { timeframeMs } from '../../domain/candle.js';
import type { CandleSeries } from './loadCandleFile.js';

const MINUTE = 60_000;

/**
 * When a run over candle files starts deciding: once every series has `windowSize` candles
 * behind it (a deployed bot's first capture stores that much history), on a minute. The
 * backtest and `npm start` both start here; a candle that closes earlier is history only.
 */
export function runStart(series: readonly CandleSeries[], windowSize: number): number {
  const starts = series.map((s) => (s.candles[0]?.openTime ?? 0) + windowSize * timeframeMs(s.timeframe));
  return Math.ceil(Math.max(...starts) / MINUTE) * MINUTE;
}
