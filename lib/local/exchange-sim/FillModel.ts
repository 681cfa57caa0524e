/**
 * How far the simulator's fills are from the paper venue's. The paper venue (and the
 * backtest) fill a market order whole at one price, a resting limit whenever a candle
 * touches its price, and a triggered stop-limit in the candle that triggers it; the
 * venue does none of that reliably. Each field turns one of the venue's behaviours on.
 */
export interface FillModel {
  /**
   * The book a taker order walks: `levels` price levels `levelTicks` price steps apart
   * from the touch, each holding `levelVolumeFraction` of the last closed candle's
   * volume. What the levels cannot fill of a market or IOC order expires (EXPIRED, with
   * the partial fill); a FOK that cannot fill whole expires without filling.
   * Absent: the book is endless at the touch price.
   */
  readonly marketDepth?: { readonly levels: number; readonly levelTicks: number; readonly levelVolumeFraction: string };
  /** A resting limit fills only when a candle trades through its price, not when it only touches it. */
  readonly limitNeedsTradeThrough?: boolean;
  /**
   * A stop-limit triggers on the trade price; when the candle opens beyond both the stop
   * and the limit (a gap), the triggered order does not fill in that candle and rests as a
   * limit order.
   */
  readonly stopLimitGaps?: boolean;
}

/** The paper venue's fills: what the backtest assumes. */
export const PAPER_FILLS: FillModel = {};

/**
 * The venue's behaviour as far as candles can show it: five levels two ticks apart, each
 * holding 2% of the last candle's volume; limits fill on a trade through; gaps skip
 * stop-limits. What `npm start` and the chaos suite run.
 */
export const STRICT_FILLS: FillModel = {
  marketDepth: { levels: 5, levelTicks: 2, levelVolumeFraction: '0.02' },
  limitNeedsTradeThrough: true,
  stopLimitGaps: true,
};
