import { type Decimal, ZERO, dec, toDecimalString } from '../../domain/decimal.js';
import { splitSymbol } from '../../domain/market.js';
import type { Balances } from '../../ports/Exchange.js';
import { totalOf } from './balanceAmounts.js';

export interface EquityValuation {
  readonly quoteCurrency: string;
  /** Exact, in the quote currency. */
  readonly equity: string;
  /** Every asset the venue reports a non-zero total of, as it reports it. */
  readonly balances: Readonly<Record<string, string>>;
  /** Traded base assets held with no price to value them at: the equity would be understated. */
  readonly unpriced: readonly string[];
}

/**
 * The bot's quote currency: the quote of its first configured symbol. A bot that trades
 * symbols of several quotes has its equity in that first one; the base assets of the other
 * symbols are listed in the balances but not valued.
 */
export function equityQuoteCurrency(symbols: readonly { readonly symbol: string }[]): string {
  const first = symbols[0];
  if (!first) throw new Error('the bot configures no symbol');
  return splitSymbol(first.symbol).quote;
}

/**
 * The venue's balances valued in the quote currency, exactly: the quote's total (free and
 * in orders) plus, for each traded symbol of that quote, its base asset's total times the
 * symbol's latest price. Assets the bot does not trade are not valued (they are listed).
 * The one valuation the bot has: decide's risk limits, heartbeat's snapshots and the
 * backtest's result all read it.
 */
export function valueEquity(balances: Balances, prices: ReadonlyMap<string, string | number>, quoteCurrency: string, symbols: Iterable<string>): EquityValuation {
  const { equity, unpriced } = equityOf(balances, prices, quoteCurrency, symbols);
  const listed: Record<string, string> = {};
  for (const [asset, balance] of Object.entries(balances)) if (!dec(balance.total).isZero()) listed[asset] = toDecimalString(balance.total);
  return { quoteCurrency, equity: toDecimalString(equity), balances: listed, unpriced };
}

/** The equity of `valueEquity` as a decimal, and the held base assets it had no price for. */
export function equityOf(balances: Balances, prices: ReadonlyMap<string, string | number>, quoteCurrency: string, symbols: Iterable<string>): { equity: Decimal; unpriced: string[] } {
  let equity = totalOf(balances, quoteCurrency);
  const unpriced: string[] = [];
  const valued = new Set<string>([quoteCurrency]);
  for (const symbol of symbols) {
    const { base, quote } = splitSymbol(symbol);
    if (quote !== quoteCurrency || valued.has(base)) continue;
    valued.add(base);
    const total = totalOf(balances, base);
    if (total.isZero()) continue;
    const price = prices.get(symbol);
    if (price === undefined) unpriced.push(base);
    else equity = equity.plus(total.times(price));
  }
  return { equity, unpriced };
}

export interface ExposureValuation {
  /** Symbol → value of what its live plans hold, in that symbol's quote currency. */
  readonly bySymbol: Readonly<Record<string, string>>;
  /** Sum over the symbols of the equity's quote currency. */
  readonly total: string;
}

/**
 * What the live plans hold (their filled amounts, net of fees), valued at the latest price;
 * at the plan's average entry price when the symbol has none. Plans that hold nothing yet
 * (approved, or entering with no fill settled) are not exposure. The figure risk limits use
 * (`exposureBySymbol`, at entry prices and counting pending entries) is a different one.
 */
export function valueExposure(
  livePlans: readonly { readonly symbol: string; readonly filledAmount?: string; readonly avgEntryPrice?: string; readonly entry: string }[],
  prices: ReadonlyMap<string, string>,
  quoteCurrency: string,
): ExposureValuation {
  const bySymbol = new Map<string, ReturnType<typeof dec>>();
  for (const plan of livePlans) {
    const held = dec(plan.filledAmount ?? '0');
    if (held.lte(0)) continue;
    const price = prices.get(plan.symbol) ?? plan.avgEntryPrice ?? plan.entry;
    bySymbol.set(plan.symbol, (bySymbol.get(plan.symbol) ?? ZERO).plus(held.times(price)));
  }
  let total = ZERO;
  for (const [symbol, value] of bySymbol) if (splitSymbol(symbol).quote === quoteCurrency) total = total.plus(value);
  return { bySymbol: Object.fromEntries([...bySymbol].map(([s, v]) => [s, toDecimalString(v)])), total: toDecimalString(total) };
}
