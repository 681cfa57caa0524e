import type { Order, OrderIntent } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { OrderRepository } from '../../ports/repositories.js';

/**
 * The order repository a protective exit sends through: each intent is written at once (it
 * must be durable before its order is sent), the venue's answers are held for the ledger
 * commit that moves the plan. A final answer recorded on its own takes the order off the
 * ledger's unsettled intents while its plan still holds what it sold: should that commit
 * fail, no later round would look at the order again (chaos seeds 5040 and 5073). A rejection
 * moves nothing and is recorded at once, so the id is never sent again.
 */
export class HeldAnswers implements OrderRepository {
  private readonly answered = new Map<string, Order>();

  constructor(private readonly ledger: OrderRepository) {}

  insertIntent(intent: OrderIntent, plan?: Plan): Promise<void> {
    return this.ledger.insertIntent(intent, plan);
  }

  getIntent(clientOrderId: string): Promise<OrderIntent | undefined> {
    return this.ledger.getIntent(clientOrderId);
  }

  async recordOrder(order: Order): Promise<void> {
    if (order.status === 'rejected') await this.ledger.recordOrder(order);
    else this.answered.set(order.clientOrderId, order);
  }

  async getOrder(clientOrderId: string): Promise<Order | undefined> {
    return this.answered.get(clientOrderId) ?? (await this.ledger.getOrder(clientOrderId));
  }

  /** The venue's answers to write with the plan. */
  get orders(): readonly Order[] {
    return [...this.answered.values()];
  }
}
