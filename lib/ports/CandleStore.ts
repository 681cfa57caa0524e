import type { Candle, Timeframe } from '../domain/candle.js';
import type { CandleQuote, LatestQuote } from '../domain/candleQuote.js';

/** Captured candles, one per (symbol, timeframe, open time): storing one twice keeps one. */
export interface CandleStore {
  /** The newest candle also keeps `now` as its capture time and, when given, the venue's quote then. */
  put(symbol: string, timeframe: Timeframe, candles: readonly Candle[], now: number, quote?: CandleQuote): Promise<void>;
  /** Candles with from ≤ openTime < to, oldest first. */
  window(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<Candle[]>;
  /** The newest stored candle's open time, to resume capture from. */
  latestOpenTime(symbol: string, timeframe: Timeframe): Promise<number | undefined>;
  /** The newest stored candle with its capture time and quote; undefined when the series has none. */
  latestQuote(symbol: string, timeframe: Timeframe): Promise<LatestQuote | undefined>;
}
