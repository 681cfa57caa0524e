import { DuplicateClientOrderIdError } from '../../domain/errors.js';
import type { OrderIntent, SubmissionOutcome } from '../../domain/order.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { OrderRepository } from '../../ports/repositories.js';

/**
 * Writes the intent (conditional on its client order id) and only then sends it.
 * A redelivered decision finds its intent already written and asks the venue before
 * sending: an order it already has is adopted, never placed twice. An unknown outcome
 * (timeout, lost answer) is settled the same way before the caller moves on.
 */
export async function submitIntent(intent: OrderIntent, exchange: Exchange, orders: OrderRepository): Promise<SubmissionOutcome> {
  try {
    await orders.insertIntent(intent);
  } catch (error) {
    if (!(error instanceof DuplicateClientOrderIdError)) throw error;
    const settled = await settleByLookup(intent, exchange);
    if (settled.kind === 'acknowledged' || settled.kind === 'unknown') return recorded(settled, orders);
  }
  const outcome = await exchange.createOrder(intent);
  return recorded(outcome.kind === 'unknown' ? await settleByLookup(intent, exchange) : outcome, orders);
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

async function recorded(outcome: SubmissionOutcome, orders: OrderRepository): Promise<SubmissionOutcome> {
  if (outcome.kind === 'acknowledged') await orders.recordOrder(outcome.order);
  return outcome;
}
