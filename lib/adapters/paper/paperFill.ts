import { type Decimal, toDecimalString } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { Fill, Order } from '../../domain/order.js';
import type { FillAmounts } from '../../domain/venueFill.js';

/** The one fill of a whole order, as the venue reports it: its commission in the asset received. */
export function paperFill(order: Order, market: Market, price: Decimal, money: FillAmounts, timestamp: number): Fill {
  return {
    id: `${order.exchangeOrderId}-1`,
    clientOrderId: order.clientOrderId,
    exchangeOrderId: order.exchangeOrderId,
    symbol: order.symbol,
    side: order.side,
    price: toDecimalString(price),
    amount: order.amount,
    cost: toDecimalString(money.quoteQty),
    fee: { cost: toDecimalString(money.commission), currency: order.side === 'buy' ? market.base : market.quote },
    timestamp,
  };
}

/** The fills at or after `since`, from fills in time order. */
export function fillsSince(fills: readonly Fill[], since: number): Fill[] {
  let low = 0;
  let high = fills.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((fills[mid] as Fill).timestamp < since) low = mid + 1;
    else high = mid;
  }
  return fills.slice(low);
}

/** Puts `fill` into `fills` (kept in time order) after every fill at or before its time: a fill restored late lands where it belongs. */
export function insertInTimeOrder(fills: Fill[], fill: Fill): void {
  let at = fills.length;
  while (at > 0 && (fills[at - 1] as Fill).timestamp > fill.timestamp) at--;
  fills.splice(at, 0, fill);
}
