import { type Candle, type Timeframe, timeframeMs } from '../../../domain/candle.js';

/**
 * A candle that closed more than this many timeframes ago is not decided: after an outage
 * the bot does not trade on prices that have moved on. Three allow for a late or slow run
 * (a 1m candle captured up to 3 minutes after its close is still decided).
 */
export const STALE_AFTER_TIMEFRAMES = 3;

export interface DecidableSplit {
  /** To publish, oldest first. */
  readonly decide: readonly Candle[];
  /** Would have been decided but closed too long ago: stored for the window only. */
  readonly stale: readonly Candle[];
}

/**
 * Which candles get a decision message: first `unpublished`, candles an earlier run stored
 * for a decision but did not see published (oldest first), then the series' newly stored
 * candles. On the first capture of a series (nothing stored before) the rest is warm-up
 * history: only the newest is a candidate. Otherwise every new candle is, in order. Stale
 * candidates are never decided.
 */
export function selectDecidable(candles: readonly Candle[], timeframe: Timeframe, firstCapture: boolean, now: number, unpublished: readonly Candle[] = []): DecidableSplit {
  const step = timeframeMs(timeframe);
  const newest = candles[candles.length - 1];
  const candidates = [...unpublished, ...(firstCapture ? (newest ? [newest] : []) : candles)];
  const isStale = (c: Candle) => now - (c.openTime + step) > STALE_AFTER_TIMEFRAMES * step;
  return { decide: candidates.filter((c) => !isStale(c)), stale: candidates.filter(isStale) };
}
