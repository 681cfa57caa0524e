import type { Order, OrderIntent } from '../../domain/order.js';
import type { Plan } from '../../domain/plan.js';
import type { LedgerStore } from '../../ports/LedgerStore.js';
import type { OrderRepository } from '../../ports/repositories.js';

/**
 * The order repository one decision sees: each intent is written at once, guarded by
 * the decision's ledger version (it must be durable before its order is sent); the
 * venue's answers wait for the decision's one commit, except a rejection, which is final
 * and recorded at once: should the commit fail, the retried or redelivered decision finds
 * it and does not send that client order id again.
 */
export class DecisionOrders implements OrderRepository {
  private readonly intents = new Map<string, OrderIntent>();
  private readonly answered = new Map<string, Order>();

  constructor(
    private readonly ledger: LedgerStore,
    private readonly ledgerVersion: number,
  ) {}

  async insertIntent(intent: OrderIntent, plan?: Plan): Promise<void> {
    await this.ledger.insertIntent(intent, this.ledgerVersion, plan);
    this.intents.set(intent.clientOrderId, intent);
  }

  getIntent(clientOrderId: string): Promise<OrderIntent | undefined> {
    return Promise.resolve(this.intents.get(clientOrderId));
  }

  async recordOrder(order: Order): Promise<void> {
    if (order.status === 'rejected') await this.ledger.recordRejection(order);
    this.answered.set(order.clientOrderId, order);
  }

  /** This decision's answer, else the one the ledger holds (an earlier attempt's, or reconciliation's). */
  async getOrder(clientOrderId: string): Promise<Order | undefined> {
    return this.answered.get(clientOrderId) ?? (await this.ledger.recordedOrder(clientOrderId));
  }

  /** The venue answers to commit with the decision. */
  get orders(): readonly Order[] {
    return [...this.answered.values()];
  }
}
