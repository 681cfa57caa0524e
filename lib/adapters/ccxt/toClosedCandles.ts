import type { OHLCV } from 'ccxt';
import { type Candle, type Timeframe, findCandleProblem, timeframeMs } from '../../domain/candle.js';
import { InvalidInputError } from '../../domain/errors.js';

/**
 * ccxt's OHLCV rows → closed candles only: the still-forming candle (its open time plus one
 * timeframe is after `now`) is dropped, whatever its position. A malformed row fails the batch:
 * a decision is never made on a candle half-read.
 */
export function toClosedCandles(rows: readonly OHLCV[], timeframe: Timeframe, now: number): Candle[] {
  const span = timeframeMs(timeframe);
  const candles: Candle[] = [];
  for (const row of rows) {
    const [openTime, open, high, low, close, volume] = row;
    const candle = { openTime: openTime ?? NaN, open: open ?? NaN, high: high ?? NaN, low: low ?? NaN, close: close ?? NaN, volume: volume ?? NaN };
    if (candle.openTime + span > now) continue;
    const problem = findCandleProblem(candle);
    if (problem !== undefined) throw new InvalidInputError(`candle ${String(openTime)}`, problem);
    candles.push(candle);
  }
  return candles;
}
