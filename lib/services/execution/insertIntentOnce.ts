import { DuplicateClientOrderIdError } from '../../domain/errors.js';
import type { OrderIntent } from '../../domain/order.js';
import type { OrderRepository } from '../../ports/repositories.js';

/** Records an intent made after the fact (by reconciliation); one already recorded is kept as it is. */
export async function insertIntentOnce(orders: OrderRepository, intent: OrderIntent): Promise<void> {
  try {
    await orders.insertIntent(intent);
  } catch (error) {
    if (!(error instanceof DuplicateClientOrderIdError)) throw error;
  }
}
