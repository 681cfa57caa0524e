import type { Candle } from '../../../lib/domain/candle.js';

/**
 * Hand-rolled indicators, written from their definitions to check the strategies' numbers.
 * Each returns one value per input, NaN until the indicator has enough inputs. The
 * arithmetic follows the same order as trading-signals, so results agree to the bit.
 */

/** EMA seeded with the first close; stable after `period` closes. */
export function referenceEma(closes: readonly number[], period: number): number[] {
  const k = 2 / (period + 1);
  let ema: number | undefined;
  return closes.map((close, i) => {
    ema = close * k + (ema ?? close) * (1 - k);
    return i >= period - 1 ? ema : NaN;
  });
}

/** Wilder smoothing: the mean of the first `period` values, then prev + (x - prev) / period. */
function wilder(values: readonly number[], period: number): number[] {
  let smoothed: number | undefined;
  return values.map((value, i) => {
    if (i < period - 1) return NaN;
    if (smoothed === undefined) smoothed = values.slice(0, period).reduce((sum, x) => sum + x, 0) / period;
    else smoothed = (value - smoothed) * (1 / period) + smoothed;
    return smoothed;
  });
}

export function referenceAtr(candles: readonly Candle[], period: number): number[] {
  const trueRanges = candles.map((c, i) => {
    const previous = candles[i - 1];
    if (previous === undefined) return c.high - c.low;
    return Math.max(c.high - c.low, Math.abs(c.high - previous.close), Math.abs(c.low - previous.close));
  });
  return wilder(trueRanges, period);
}

/** Wilder's RSI over close-to-close changes; stable after `period + 1` closes. */
export function referenceRsi(closes: readonly number[], period: number): number[] {
  const changes = closes.slice(1).map((close, i) => close - closes[i]!);
  const gains = wilder(changes.map((d) => (d > 0 ? d : 0)), period);
  const losses = wilder(changes.map((d) => (d > 0 ? 0 : -d)), period);
  const rsi = gains.map((gain, i) => {
    const loss = losses[i]!;
    if (Number.isNaN(gain)) return NaN;
    return loss === 0 ? 100 : 100 - 100 / (gain / loss + 1);
  });
  return [NaN, ...rsi];
}
