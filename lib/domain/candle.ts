import * as z from 'zod';

/** One closed OHLCV candle. Prices are floats: indicators use them, the ledger never does. */
export interface Candle {
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];
export const TimeframeSchema = z.enum(TIMEFRAMES);

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function timeframeMs(timeframe: Timeframe): number {
  const unit = timeframe.slice(-1) as keyof typeof UNIT_MS;
  return Number(timeframe.slice(0, -1)) * UNIT_MS[unit];
}

/**
 * The largest price or volume a candle (or a strategy's proposal) may carry. No market comes
 * near it; below it a float still holds whole units exactly, the arithmetic on it (a close
 * times 1.02, an amount times a price) stays finite, and DynamoDB's document client can
 * store it as a number. A larger figure is corruption, not a market.
 */
export const MAX_PLAUSIBLE_FIGURE = Number.MAX_SAFE_INTEGER;

const price = z.number().finite().positive().max(MAX_PLAUSIBLE_FIGURE, `must be at most ${MAX_PLAUSIBLE_FIGURE}, the largest plausible price`);

export const CandleSchema = z
  .object({
    openTime: z.number().int().nonnegative(),
    open: price,
    high: price,
    low: price,
    close: price,
    volume: z.number().finite().nonnegative().max(MAX_PLAUSIBLE_FIGURE, `must be at most ${MAX_PLAUSIBLE_FIGURE}, the largest plausible volume`),
  })
  .refine((c) => c.high >= Math.max(c.open, c.close, c.low), { message: 'high is below open, close or low', path: ['high'] })
  .refine((c) => c.low <= Math.min(c.open, c.close), { message: 'low is above open or close', path: ['low'] });

/**
 * Checks a candle without allocating: a file of a million rows is validated row by row.
 * Returns the name of the first bad field and why, or undefined when the candle is sound.
 */
export function findCandleProblem(c: Candle): string | undefined {
  if (!Number.isSafeInteger(c.openTime) || c.openTime < 0) return 'openTime: not a non-negative integer';
  for (const key of ['open', 'high', 'low', 'close'] as const) {
    const v = c[key];
    if (!Number.isFinite(v) || v <= 0) return `${key}: ${String(v)} is not a positive finite price`;
    if (v > MAX_PLAUSIBLE_FIGURE) return `${key}: ${String(v)} is above ${MAX_PLAUSIBLE_FIGURE}, the largest plausible price`;
  }
  if (!Number.isFinite(c.volume) || c.volume < 0) return `volume: ${String(c.volume)} is not a non-negative number`;
  if (c.volume > MAX_PLAUSIBLE_FIGURE) return `volume: ${String(c.volume)} is above ${MAX_PLAUSIBLE_FIGURE}, the largest plausible volume`;
  if (c.high < c.open || c.high < c.close || c.high < c.low) return 'high: below open, close or low';
  if (c.low > c.open || c.low > c.close) return 'low: above open or close';
  return undefined;
}

