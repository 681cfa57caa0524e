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

/**
 * A candle that closed more than this many timeframes ago is not traded on: after an outage,
 * or a message held up in the queue, the bot does not act on prices that have moved on.
 * Three allow for a late or slow run (a 1m candle decided up to 3 minutes after its close is
 * still decided).
 */
export const STALE_AFTER_TIMEFRAMES = 3;

/** Why a closed candle is too old to trade on at `now`, or undefined when it is fresh enough. */
export function findCandleStaleness(timeframe: Timeframe, openTime: number, now: number): string | undefined {
  const length = timeframeMs(timeframe);
  const sinceClose = now - (openTime + length);
  if (sinceClose <= STALE_AFTER_TIMEFRAMES * length) return undefined;
  return `stale: the candle closed ${formatAge(sinceClose)} ago, more than ${STALE_AFTER_TIMEFRAMES} × ${timeframe}; not traded on`;
}

function formatAge(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 600) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 180 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
