import { badAnswer, finiteOrUndefined } from './badAnswer.js';
import type { CcxtOrder } from './CcxtClient.js';
import { missingVenueFilledQuantity } from './missingVenueFilledQuantity.js';

/** The client order id an answer is about: the one sent, or the one looked up. */
export interface ExpectedClientOrderId {
  readonly clientOrderId: string;
  /**
   * A lookup by client order id must name it back; an acknowledgement without one (some
   * venues echo none) is taken for the id that was sent.
   */
  readonly mustEcho: boolean;
}

export interface CheckedOrder {
  readonly id: string;
  readonly status: string;
  readonly side: 'buy' | 'sell';
  readonly amount: number;
  readonly filled: number;
  readonly clientOrderId: string | undefined;
}

/**
 * The fields of an order answer the ledger relies on, each present and possible, or the
 * answer is refused naming the field: a missing amount must never read as an order of 0, a
 * missing status as open, a missing side as a buy, a missing filled quantity as none. A
 * status ccxt could not name is a status.
 */
export function checkOrderAnswer(order: CcxtOrder, venue: string, isLimit: boolean, expected?: ExpectedClientOrderId): CheckedOrder {
  const what = `order ${order.id || '(no id)'}${order.clientOrderId ? ` (${order.clientOrderId})` : ''}`;
  const refuse = (problem: string) => badAnswer(what, problem);
  if (typeof order.id !== 'string' || order.id === '') throw refuse('id is missing');
  if (typeof order.status !== 'string' || order.status === '') throw refuse('status is missing');
  if (order.side !== 'buy' && order.side !== 'sell') throw refuse(order.side == null ? 'side is missing' : `side "${String(order.side)}" is neither buy nor sell`);
  const amount = finiteOrUndefined(order.amount);
  if (amount === undefined || amount <= 0) throw refuse(order.amount == null ? 'amount is missing' : `amount ${String(order.amount)} is not a positive number`);
  const filled = finiteOrUndefined(order.filled);
  if (filled === undefined || filled < 0) throw refuse(order.filled == null ? 'filled is missing' : `filled ${String(order.filled)} is not a non-negative number`);
  // ccxt's "closed" is "filled in full"; ccxt reads a missing filled quantity as 0.
  if (order.status === 'closed' && filled === 0) throw refuse('filled is 0 on an order the venue calls closed (filled)');
  const unstated = filled === 0 ? missingVenueFilledQuantity(venue, order.info) : undefined;
  if (unstated !== undefined) throw refuse(`filled is missing (the venue's ${unstated.join(' or ')})`);
  const price = finiteOrUndefined(order.price);
  if (isLimit && (price === undefined || price <= 0)) throw refuse(order.price == null ? 'price is missing from a limit order' : `price ${String(order.price)} is not a positive number`);
  const clientOrderId = typeof order.clientOrderId === 'string' && order.clientOrderId !== '' ? order.clientOrderId : undefined;
  if (expected !== undefined && clientOrderId !== undefined && clientOrderId !== expected.clientOrderId) {
    throw refuse(`clientOrderId ${clientOrderId} is not ${expected.clientOrderId}, the one asked about`);
  }
  if (expected?.mustEcho === true && clientOrderId === undefined) throw refuse(`clientOrderId is missing (asked about ${expected.clientOrderId})`);
  return { id: order.id, status: order.status, side: order.side, amount, filled, clientOrderId };
}
