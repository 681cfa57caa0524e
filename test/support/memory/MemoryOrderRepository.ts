import { DuplicateClientOrderIdError } from '../../../lib/domain/errors.js';
import type { Order, OrderIntent } from '../../../lib/domain/order.js';
import type { OrderRepository } from '../../../lib/ports/repositories.js';

export class MemoryOrderRepository implements OrderRepository {
  private readonly intents = new Map<string, OrderIntent>();
  private readonly orders = new Map<string, Order>();

  insertIntent(intent: OrderIntent): Promise<void> {
    if (this.intents.has(intent.clientOrderId)) return Promise.reject(new DuplicateClientOrderIdError(intent.clientOrderId));
    this.intents.set(intent.clientOrderId, intent);
    return Promise.resolve();
  }

  getIntent(clientOrderId: string): Promise<OrderIntent | undefined> {
    return Promise.resolve(this.intents.get(clientOrderId));
  }

  /** Synchronous lookup for the in-memory runtimes, which route fills without awaiting. */
  intentOf(clientOrderId: string): OrderIntent | undefined {
    return this.intents.get(clientOrderId);
  }

  recordOrder(order: Order): Promise<void> {
    this.orders.set(order.clientOrderId, order);
    return Promise.resolve();
  }

  getOrder(clientOrderId: string): Promise<Order | undefined> {
    return Promise.resolve(this.orders.get(clientOrderId));
  }

  allIntents(): readonly OrderIntent[] {
    return [...this.intents.values()];
  }
}
