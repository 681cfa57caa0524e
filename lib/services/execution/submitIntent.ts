import { DuplicateClientOrderIdError } from '../../domain/errors.js';
import type { Order, OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { OrderRepository } from '../../ports/repositories.js';

/**
 * Writes the intent (conditional on its client order id, with the plan as it will stand
 * once sent) and only then sends it. A client order id is spent once, whatever became of it:
 * - an intent already written (a retried or redelivered decision, which may even have sized
 *   it differently) is never sent again: the answer the ledger holds is returned (a
 *   rejection stays rejected), else the order the venue holds under the id is adopted, else
 *   the outcome is unknown and reconciliation settles it once no request can still land;
 * - an unknown outcome (timeout, 5xx, lost answer) stays unknown unless the lookup by client
 *   order id finds the order: the venue not having it yet does not mean it never will.
 */
export async function submitIntent(intent: OrderIntent, exchange: Exchange, orders: OrderRepository, plan?: Plan): Promise<SubmissionOutcome> {
  try {
    await orders.insertIntent(intent, plan);
  } catch (error) {
    if (!(error instanceof DuplicateClientOrderIdError)) throw error;
    return settleSpentIntent(intent, exchange, orders);
  }
  const outcome = await exchange.createOrder(intent);
  if (outcome.kind !== 'unknown') return recorded(intent, outcome, orders);
  return recorded(intent, await lookUp(intent, exchange, `${outcome.reason}; then the venue had no order under this client order id yet`), orders);
}

/** The intent was written before: by what the ledger or the venue says of it, never by sending it again. */
async function settleSpentIntent(intent: OrderIntent, exchange: Exchange, orders: OrderRepository): Promise<SubmissionOutcome> {
  const answer = await orders.getOrder(intent.clientOrderId);
  if (answer?.status === 'rejected') return { kind: 'rejected', reason: `client order id ${intent.clientOrderId} was rejected before; it is not sent again` };
  if (answer !== undefined && answer.status !== 'open') return { kind: 'acknowledged', order: answer };
  const found = await lookUp(intent, exchange, `client order id ${intent.clientOrderId} was written by an earlier attempt and the venue has no order under it: not sent again, left for reconciliation`);
  return found.kind === 'acknowledged' ? recorded(intent, found, orders) : found;
}

/** Acknowledged when the venue has the order under its client order id; unknown otherwise, with `absent` as the reason when it positively has none. */
async function lookUp(intent: OrderIntent, exchange: Exchange, absent: string): Promise<SubmissionOutcome> {
  try {
    const order = await exchange.fetchOrderByClientId(intent.symbol, intent.clientOrderId);
    return order ? { kind: 'acknowledged', order } : { kind: 'unknown', reason: absent };
  } catch (error) {
    return { kind: 'unknown', reason: `lookup failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The venue's answer next to the intent. A rejection is recorded as a final order too
 * (the venue gave it no id), so the intent leaves the unsettled orders and is never
 * taken for an order lost at the venue. An unknown outcome stays unsettled.
 */
async function recorded(intent: OrderIntent, outcome: SubmissionOutcome, orders: OrderRepository): Promise<SubmissionOutcome> {
  if (outcome.kind === 'acknowledged') await orders.recordOrder(outcome.order);
  if (outcome.kind === 'rejected') await orders.recordOrder(rejectedOrder(intent));
  return outcome;
}

export const NO_VENUE_ORDER_ID = 'none';

/** The final record of an intent the venue never took: no venue id, nothing filled. */
export function rejectedOrder(intent: OrderIntent): Order {
  return {
    clientOrderId: intent.clientOrderId,
    exchangeOrderId: NO_VENUE_ORDER_ID,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    status: 'rejected',
    amount: intent.amount,
    filled: '0',
    price: intent.type !== 'market' ? intent.price : undefined,
    stopPrice: intent.stopPrice,
    average: undefined,
    timestamp: intent.createdAt,
  };
}
