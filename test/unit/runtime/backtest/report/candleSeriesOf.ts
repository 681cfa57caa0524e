import type { Timeframe } from '../../../../../lib/domain/candle.js';
import type { CandleSeries } from '../../../../../lib/runtime/backtest/loadCandleFile.js';
import { MINUTE, T0 } from './sampleResult.js';

const STEP: Partial<Record<Timeframe, number>> = { '1m': MINUTE, '5m': 5 * MINUTE };

/** A series whose candles open from T0 one timeframe apart, with these closes (open, high and low around them). */
export function candleSeriesOf(symbol: string, closes: readonly number[], timeframe: Timeframe = '1m'): CandleSeries {
  const step = STEP[timeframe] ?? MINUTE;
  return {
    file: `${symbol.replace('/', '_')}-${timeframe}.json`,
    symbol,
    timeframe,
    candles: closes.map((close, i) => ({ openTime: T0 + i * step, open: close, high: close * 1.01, low: close * 0.99, close, volume: 1 })),
  };
}
