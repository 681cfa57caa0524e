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

/** Split once per symbol: ledger and valuation code splits the same few symbols on every fill and proposal. */
const splitSymbols = new Map<string, { readonly base: string; readonly quote: string }>();

export function splitSymbol(symbol: string): { readonly base: string; readonly quote: string } {
  const known = splitSymbols.get(symbol);
  if (known !== undefined) return known;
  const [base, quote] = symbol.split('/');
  if (!base || !quote) throw new Error(`symbol "${symbol}" is not BASE/QUOTE`);
  if (splitSymbols.size >= 1_024) splitSymbols.clear();
  const split = Object.freeze({ base, quote });
  splitSymbols.set(symbol, split);
  return split;
}
