import { ZERO } from '../../domain/decimal.js';
import { venueErrors } from './errors.js';
import { findOrder } from './findOrder.js';
import { isOpen } from './OrderBook.js';
import type { SimOrder } from './SimOrder.js';
import type { VenueState } from './VenueState.js';

/**
 * DELETE /api/v3/order: an open order ends CANCELED and frees what it still locks.
 * An order that is unknown or already closed is the venue's -2011 "Unknown order sent.".
 */
export function cancelOrder(state: VenueState, params: URLSearchParams): SimOrder {
  const order = findOrder(state.book, params, venueErrors.unknownOrder);
  if (!isOpen(order)) throw venueErrors.unknownOrder();
  const market = state.markets.get(order.symbol);
  if (!market) throw venueErrors.invalidSymbol();
  if (order.locked.gt(ZERO)) {
    state.balances.unlock(order.side === 'BUY' ? market.quote : market.base, order.locked);
    order.locked = ZERO;
  }
  order.status = 'CANCELED';
  order.updateTime = state.now();
  return order;
}
