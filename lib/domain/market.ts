import * as z from 'zod';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string');
/** A step of zero rounds every amount or price to NaN: no order could be sized or priced. */
const step = decimalString.refine((value) => Number(value) > 0, 'must be greater than zero');

/**
 * A market's precision and limits, as ccxt reports them in TICK_SIZE mode:
 * steps are the smallest increments of amount (base) and price (quote).
 */
export const MarketSchema = z.strictObject({
  symbol: z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, 'must look like BASE/QUOTE'),
  base: z.string().min(1),
  quote: z.string().min(1),
  amountStep: step,
  priceStep: step,
  minAmount: decimalString,
  maxAmount: decimalString.optional(),
  minCost: decimalString,
  maxCost: decimalString.optional(),
  takerFeeRate: decimalString,
  makerFeeRate: decimalString,
});
export type Market = z.infer<typeof MarketSchema>;

export function splitSymbol(symbol: string): { base: string; quote: string } {
  const [base, quote] = symbol.split('/');
  if (!base || !quote) throw new Error(`symbol "${symbol}" is not BASE/QUOTE`);
  return { base, quote };
}
