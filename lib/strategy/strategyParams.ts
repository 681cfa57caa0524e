import * as z from 'zod';

/** Schema pieces shared by the built-in strategies' params. */

export function period(fallback: number, min = 1): z.ZodDefault<z.ZodNumber> {
  return z.number().int().min(min).max(1000).default(fallback);
}

/** A stop or target distance, in ATRs from the close. */
export function atrMultiple(fallback: number): z.ZodDefault<z.ZodNumber> {
  return z.number().finite().positive().default(fallback);
}

export const exitParams = {
  /** Trails the stop this fraction below the highest high since entry (0.02 = 2 %). */
  trailingStopPct: z.number().gt(0).lt(1).optional(),
  /** Closes the plan at market this many candles after the entry filled. */
  maxAgeCandles: z.number().int().min(1).optional(),
};

export interface AtrExitParams {
  readonly stopAtr: number;
  readonly targetAtr: number;
  readonly trailingStopPct?: number | undefined;
  readonly maxAgeCandles?: number | undefined;
}
