import { LEGAL_RANGE, venueErrors, type VenueError } from './errors.js';
import type { OrderBook } from './OrderBook.js';
import type { SimOrder } from './SimOrder.js';

/**
 * One of our orders by orderId or, failing that, origClientOrderId, as GET and DELETE
 * /api/v3/order name it; `notFound` is the venue's error for the endpoint.
 */
export function findOrder(book: OrderBook, params: URLSearchParams, notFound: () => VenueError): SimOrder {
  const symbol = params.get('symbol');
  if (!symbol) throw venueErrors.mandatoryParam('symbol');
  const orderId = params.get('orderId');
  const clientOrderId = params.get('origClientOrderId');
  if (orderId === null && clientOrderId === null) {
    throw venueErrors.mandatoryParam('orderId');
  }
  let order: SimOrder | undefined;
  if (orderId !== null) {
    if (!/^\d{1,20}$/.test(orderId)) throw venueErrors.illegalParam('orderId', LEGAL_RANGE.long);
    order = book.byId(symbol, Number(orderId));
    if (order && clientOrderId !== null && order.clientOrderId !== clientOrderId) order = undefined;
  } else if (clientOrderId !== null) {
    order = book.byClientOrderId(symbol, clientOrderId);
  }
  if (!order) throw notFound();
  return order;
}
