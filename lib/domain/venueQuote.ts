import { Decimal, dec } from './decimal.js';
import type { Market } from './market.js';
import { ceilToStep, floorToStep } from './precision.js';

/**
 * The best bid and ask the venue quotes around a price: the spread either side, on the tick
 * against a taker. A bid is never under one tick: a coin priced one tick would otherwise be
 * sold for nothing. The exchange simulator quotes with it and the paper venue fills with it,
 * so a backtest and `npm start` take the same prices.
 */
export function quoteAround(market: Market, price: Decimal, spread: Decimal): { bid: Decimal; ask: Decimal } {
  const { below, above } = spreadFactors(spread);
  return {
    bid: Decimal.max(floorToStep(price.times(below), market.priceStep), market.priceStep),
    ask: ceilToStep(price.times(above), market.priceStep),
  };
}

/** 1 − spread and 1 + spread of the spread quoted last: a venue quotes with one spread, over and over. */
let lastSpread: { readonly spread: Decimal; readonly below: Decimal; readonly above: Decimal } | undefined;

function spreadFactors(spread: Decimal): { readonly below: Decimal; readonly above: Decimal } {
  if (lastSpread === undefined || !(lastSpread.spread === spread || lastSpread.spread.eq(spread))) {
    lastSpread = { spread, below: dec(1).minus(spread), above: dec(1).plus(spread) };
  }
  return lastSpread;
}
