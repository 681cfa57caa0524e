import * as z from 'zod';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string');

/**
 * A market's precision and limits, as ccxt reports them in TICK_SIZE mode:
 * steps are the smallest increments of amount (base) and price (quote).
 */
export const MarketSchema = z.strictObject({
  symbol: z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, 'must look like BASE/QUOTE'),
  base: z.string().min(1),
  quote: z.string().min(1),
  amountStep: decimalString,
  priceStep: decimalString,
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
