import type { Candle } from './candle.js';

/**
 * The prices a candle must stay strictly between for nothing that watches them to act (a
 * resting stop, a plan's stop, target or trail): its low above `lowAbove`, its high below
 * `highBelow`. Doubles, compared as the watchers compare them.
 */
export interface QuietBand {
  readonly lowAbove: number;
  readonly highBelow: number;
}

export const WHOLE_RANGE: QuietBand = Object.freeze({ lowAbove: Number.NEGATIVE_INFINITY, highBelow: Number.POSITIVE_INFINITY });

export function isInsideBand(candle: Candle, band: QuietBand): boolean {
  return candle.low > band.lowAbove && candle.high < band.highBelow;
}

/** The prices inside both bands: the higher floor, the lower ceiling. */
export function bandInsideBoth(a: QuietBand, b: QuietBand): QuietBand {
  return { lowAbove: Math.max(a.lowAbove, b.lowAbove), highBelow: Math.min(a.highBelow, b.highBelow) };
}
