import type { Awaitable } from '../domain/awaitable.js';
import type { Candle, Timeframe } from '../domain/candle.js';
import type { CandleWindow } from '../domain/candleWindow.js';

/** The strategy's window of each series, moved on by each closed candle; a gap starts it again. */
export interface CandleWindows {
  advance(symbol: string, timeframe: Timeframe, candle: Candle): Awaitable<CandleWindow>;
}
