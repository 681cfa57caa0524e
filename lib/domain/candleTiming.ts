import { type Timeframe, timeframeMs } from './candle.js';

/**
 * Why a candle of this timeframe cannot be decided at `now`, naming the field, or undefined.
 * Its open time must lie on the timeframe's grid (every timeframe here, up to 1d, divides
 * the epoch evenly, as the venue's candles do), and it must have closed: a candle whose
 * close is after now is still forming, or comes from a clock or a sender that is wrong.
 */
export function findCandleTimingProblem(timeframe: Timeframe, openTime: number, now: number): string | undefined {
  const length = timeframeMs(timeframe);
  if (openTime % length !== 0) {
    return `candle.openTime: ${openTime} (${new Date(openTime).toISOString()}) is not on the ${timeframe} grid`;
  }
  const closeTime = openTime + length;
  if (closeTime > now) {
    return `candle.openTime: ${openTime} closes at ${new Date(closeTime).toISOString()}, after now (${new Date(now).toISOString()})`;
  }
  return undefined;
}
