import { type Decimal, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { OrderType } from '../../domain/order.js';

/** The fee a fill of `amount` at `price` costs, in the quote currency: market and stop orders take, limits make. */
export function estimateFee(market: Market, type: OrderType, amount: string, price: string): Decimal {
  const rate = type === 'limit' ? market.makerFeeRate : market.takerFeeRate;
  return dec(amount).times(price).times(rate);
}
