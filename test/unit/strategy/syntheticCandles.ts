import type { Candle } from '../../../lib/domain/candle.js';

export const T0 = Date.UTC(2018, 0, 20, 5, 0);
export const MINUTE = 60_000;

/** One-minute candles with the given closes: each opens at the previous close, with wicks of `wick` either side. */
export function candlesFromCloses(closes: readonly number[], wick = 0.002, startTime = T0): Candle[] {
  return closes.map((close, i) => {
    const open = closes[i - 1] ?? close;
    return {
      openTime: startTime + i * MINUTE,
      open,
      high: Math.max(open, close) + wick,
      low: Math.min(open, close) - wick,
      close,
      volume: 1,
    };
  });
}

/** `count` closes from `from`, each `step` from the last. */
export function ramp(from: number, step: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i * step);
}

/** The same candles with every open time from `index` on pushed `minutes` later: a gap before `index`. */
export function withGapBefore(candles: readonly Candle[], index: number, minutes = 1): Candle[] {
  return candles.map((c, i) => (i < index ? c : { ...c, openTime: c.openTime + minutes * MINUTE }));
}
