import { type Decimal, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { venueErrors } from './errors.js';

const MAX_PRICE = dec('1000');
const DEFAULT_MAX_QTY = dec('9000000');

/**
 * The venue's symbol filters, in its order: PRICE_FILTER (when the order has a price),
 * LOT_SIZE, then NOTIONAL at the order's price (a market order's at the current price).
 * Throws the venue's -1013 rejection naming the filter.
 */
export function checkOrderFilters(market: Market, order: { price: Decimal | undefined; stopPrice: Decimal | undefined; quantity: Decimal; notionalPrice: Decimal }): void {
  for (const price of [order.price, order.stopPrice]) {
    if (price === undefined) continue;
    const minPrice = dec(market.priceStep);
    if (price.lt(minPrice) || price.gt(MAX_PRICE) || !price.minus(minPrice).mod(market.priceStep).isZero()) {
      throw venueErrors.filterFailure('PRICE_FILTER');
    }
  }
  const minQty = dec(market.minAmount);
  const maxQty = market.maxAmount === undefined ? DEFAULT_MAX_QTY : dec(market.maxAmount);
  if (order.quantity.lt(minQty) || order.quantity.gt(maxQty) || !order.quantity.minus(minQty).mod(market.amountStep).isZero()) {
    throw venueErrors.filterFailure('LOT_SIZE');
  }
  if (order.quantity.times(order.notionalPrice).lt(market.minCost)) throw venueErrors.filterFailure('NOTIONAL');
}
