import { type Decimal, dec } from './decimal.js';
import type { Market } from './market.js';

/** A market's decimal strings, parsed once: risk and the venue read them on every proposal and fill. */
export interface MarketFigures {
  readonly amountStep: Decimal;
  readonly priceStep: Decimal;
  readonly minAmount: Decimal;
  readonly maxAmount: Decimal | undefined;
  readonly minCost: Decimal;
  readonly maxCost: Decimal | undefined;
  readonly takerFeeRate: Decimal;
  readonly makerFeeRate: Decimal;
  /** 1 + takerFeeRate: what a market buy pays per unit of price. */
  readonly takerGross: Decimal;
}

// Keyed by the object: a market is a parsed, read-only value, and a changed one is a new object.
const figuresOf = new WeakMap<Market, MarketFigures>();

export function marketFigures(market: Market): MarketFigures {
  let figures = figuresOf.get(market);
  if (figures === undefined) {
    const takerFeeRate = dec(market.takerFeeRate);
    figures = {
      amountStep: dec(market.amountStep),
      priceStep: dec(market.priceStep),
      minAmount: dec(market.minAmount),
      maxAmount: market.maxAmount === undefined ? undefined : dec(market.maxAmount),
      minCost: dec(market.minCost),
      maxCost: market.maxCost === undefined ? undefined : dec(market.maxCost),
      takerFeeRate,
      makerFeeRate: dec(market.makerFeeRate),
      takerGross: dec(1).plus(takerFeeRate),
    };
    figuresOf.set(market, figures);
  }
  return figures;
}
