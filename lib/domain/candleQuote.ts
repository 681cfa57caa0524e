import * as z from 'zod';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/);

/** The venue's ticker when a candle was captured, as exact decimal strings; a field the venue did not give is absent. */
export const CandleQuoteSchema = z.strictObject({ bid: decimalString.optional(), ask: decimalString.optional(), last: decimalString.optional() });
export type CandleQuote = z.infer<typeof CandleQuoteSchema>;

export const LatestQuoteSchema = z.object({
  openTime: z.number().int().nonnegative(),
  close: z.number().finite().positive(),
  capturedAt: z.number().int().nonnegative().optional(),
  quote: CandleQuoteSchema.optional(),
});

/** What the newest stored candle of a series says about the market now. */
export type LatestQuote = z.infer<typeof LatestQuoteSchema>;
