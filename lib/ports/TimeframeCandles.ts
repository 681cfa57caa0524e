import type { Awaitable } from '../domain/awaitable.js';
import type { Candle, Timeframe } from '../domain/candle.js';

/**
 * The candles of every timeframe a symbol is configured on, as of a moment: what a market
 * snapshot carries beside the decided series' window. Read only by a strategy that asks.
 */
export interface TimeframeCandles {
  /** The timeframes the symbol is decided on, each once. */
  timeframesOf(symbol: string): readonly Timeframe[];
  /**
   * The symbol's candles of the timeframe in the `count` periods that end at `closedBy` (ms):
   * closed by then, none older, oldest first. A gap in the history leaves fewer.
   */
  closedBy(symbol: string, timeframe: Timeframe, closedBy: number, count: number): Awaitable<readonly Candle[]>;
}
