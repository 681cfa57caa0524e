import { DuplicateClientOrderIdError } from '../../domain/errors.js';
import type { Order, OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { OrderRepository } from '../../ports/repositories.js';

/**
 * Writes the intent (conditional on its client order id, with the plan as it will stand
 * once sent) and only then sends it.
 * A redelivered decision finds its intent already written and asks the venue before
 * sending: an order it already has is adopted, never placed twice. An unknown outcome
 * (timeout, lost answer) is settled the same way before the caller moves on.
 */
export async function submitIntent(intent: OrderIntent, exchange: Exchange, orders: OrderRepository, plan?: Plan): Promise<SubmissionOutcome> {
  try {
    await orders.insertIntent(intent, plan);
  } catch (error) {
    if (!(error instanceof DuplicateClientOrderIdError)) throw error;
    const settled = await settleByLookup(intent, exchange);
    if (settled.kind === 'acknowledged' || settled.kind === 'unknown') return recorded(intent, settled, orders);
  }
  const outcome = await exchange.createOrder(intent);
  return recorded(intent, outcome.kind === 'unknown' ? await settleByLookup(intent, exchange) : outcome, orders);
}

/** Looks the order up by client order id; `rejected` means the venue positively has none. */
async function settleByLookup(intent: OrderIntent, exchange: Exchange): Promise<SubmissionOutcome> {
  try {
    const order = await exchange.fetchOrderByClientId(intent.symbol, intent.clientOrderId);
    return order ? { kind: 'acknowledged', order } : { kind: 'rejected', reason: 'the venue has no order under this client order id' };
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
    ...(intent.price !== undefined && intent.type !== 'market' ? { price: intent.price } : {}),
    ...(intent.stopPrice !== undefined ? { stopPrice: intent.stopPrice } : {}),
    timestamp: intent.createdAt,
  };
}
