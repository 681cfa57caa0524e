import { type Candle, type Timeframe } from '../../../domain/candle.js';
import { findCandleStaleness } from '../../../domain/candleTiming.js';

export interface DecidableSplit {
  /** To publish, oldest first. */
  readonly decide: readonly Candle[];
  /** Of `decide`, those already stale: decide records each as skipped, trading on none. */
  readonly stale: readonly Candle[];
}

/**
 * Which candles get a decision message: first `unpublished`, candles an earlier run stored
 * for a decision but did not see published (oldest first), then the series' newly stored
 * candles. On the first capture of a series (nothing stored before) the rest is warm-up
 * history: only the newest is a candidate. Otherwise every new candle is, in order.
 *
 * A stale candidate (after an outage) is published too: the decision owns the staleness
 * rule, so every candle the bot stored after its warm-up has exactly one decision record,
 * decided or skipped with the reason, and a message held up in the queue is judged the same.
 */
export function selectDecidable(candles: readonly Candle[], timeframe: Timeframe, firstCapture: boolean, now: number, unpublished: readonly Candle[] = []): DecidableSplit {
  const newest = candles[candles.length - 1];
  const decide = [...unpublished, ...(firstCapture ? (newest ? [newest] : []) : candles)];
  return { decide, stale: decide.filter((c) => findCandleStaleness(timeframe, c.openTime, now) !== undefined) };
}
