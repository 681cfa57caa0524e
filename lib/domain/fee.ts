import type { Decimal } from './decimal.js';
import { dec } from './decimal.js';
import type { Market } from './market.js';
import type { OrderType } from './order.js';

/** The fee on a fill worth `cost` in the quote currency: limits pay the maker rate, market and stop orders the taker rate. */
export function feeFor(market: Market, type: OrderType, cost: Decimal): Decimal {
  return cost.times(dec(type === 'limit' ? market.makerFeeRate : market.takerFeeRate));
}
