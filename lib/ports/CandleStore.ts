import type { Candle, Timeframe } from '../domain/candle.js';
import type { CandleQuote, LatestQuote } from '../domain/candleQuote.js';

/**
 * Where capture resumes a series: the newest stored candle, and the outbox it carries, the
 * open times of candles stored for a decision whose messages no run has yet seen published.
 */
export interface ResumePoint {
  readonly openTime: number;
  readonly unpublished: readonly number[];
}

export interface CandlePutExtras {
  /** The venue's quote at `now`, kept with the newest candle. */
  readonly quote?: CandleQuote;
  /** The outbox: open times to publish, written with the candles so no run that dies after storing them loses them. */
  readonly unpublished?: readonly number[];
}

/** Captured candles, one per (symbol, timeframe, open time): storing one twice keeps one. */
export interface CandleStore {
  /** The newest candle also keeps `now` as its capture time, and the extras given. */
  put(symbol: string, timeframe: Timeframe, candles: readonly Candle[], now: number, extras?: CandlePutExtras): Promise<void>;
  /** Candles with from ≤ openTime < to, oldest first. */
  window(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<Candle[]>;
  /** The newest stored candle's open time and outbox, to resume capture from; undefined when the series has none. */
  resumePoint(symbol: string, timeframe: Timeframe): Promise<ResumePoint | undefined>;
  /** After publishing: the outbox of the stored candle at `openTime` becomes `unpublished` (what is still to send). */
  setUnpublished(symbol: string, timeframe: Timeframe, openTime: number, unpublished: readonly number[]): Promise<void>;
  /** The newest stored candle with its capture time and quote; undefined when the series has none. */
  latestQuote(symbol: string, timeframe: Timeframe): Promise<LatestQuote | undefined>;
}
