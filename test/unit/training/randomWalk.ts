import type { Candle } from '../../../lib/domain/candle.js';
import type { CandleSeries } from '../../../lib/runtime/backtest/loadCandleFile.js';

/** A seeded random walk of 1m candles: the same series on every run. */
export function randomWalkSeries(count: number, seed = 7, start = Date.UTC(2018, 0, 10)): CandleSeries {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const candles: Candle[] = [];
  let close = 100;
  for (let i = 0; i < count; i++) {
    const open = close;
    close = open * Math.exp((random() - 0.5) * 0.01);
    candles.push({
      openTime: start + i * 60_000,
      open,
      high: Math.max(open, close) * (1 + random() * 0.003),
      low: Math.min(open, close) * (1 - random() * 0.003),
      close,
      volume: 1 + random() * 100,
    });
  }
  return { file: 'TEST_BTC-1m.json', symbol: 'TEST/BTC', timeframe: '1m', candles };
}
