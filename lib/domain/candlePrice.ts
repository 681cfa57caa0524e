import type { Candle } from './candle.js';

/** Index of the last candle whose open time is at or before `time`, or -1. */
export function lastOpenedIndex(candles: readonly Candle[], time: number): number {
  let low = 0;
  let high = candles.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if ((candles[mid] as Candle).openTime <= time) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * The price a series trades at, at `time`: the open of the candle in progress, or, in a
 * gap or after the data ends, the close of the last candle that ended by then; never
 * anything that happens after `time`. The exchange simulator and the backtest's paper
 * venue price a market order with it.
 */
export function priceAt(candles: readonly Candle[], stepMs: number, time: number): number | undefined {
  const candle = candles[lastOpenedIndex(candles, time)];
  if (candle === undefined) return undefined;
  return candle.openTime + stepMs > time ? candle.open : candle.close;
}
