import type { SimOrder, SimTrade } from './SimOrder.js';

/**
 * Our orders and their fills as the venue records them. Order ids and trade ids only
 * increase. A client order id is unique among open orders, as on the venue; a lookup by
 * client order id finds the newest order that carries it.
 */
export class OrderBook {
  private readonly orders = new Map<number, SimOrder>();
  private readonly trades: SimTrade[] = [];
  private nextOrderId = 1;
  private nextTradeId = 1;

  takeOrderId(): number {
    return this.nextOrderId++;
  }

  takeTradeId(): number {
    return this.nextTradeId++;
  }

  add(order: SimOrder): void {
    this.orders.set(order.orderId, order);
  }

  addTrade(trade: SimTrade): void {
    this.trades.push(trade);
  }

  byId(symbol: string, orderId: number): SimOrder | undefined {
    const order = this.orders.get(orderId);
    return order?.symbol === symbol ? order : undefined;
  }

  byClientOrderId(symbol: string, clientOrderId: string): SimOrder | undefined {
    let found: SimOrder | undefined;
    for (const order of this.orders.values()) {
      if (order.symbol === symbol && order.clientOrderId === clientOrderId) found = order;
    }
    return found;
  }

  hasOpenClientOrderId(clientOrderId: string): boolean {
    for (const order of this.orders.values()) if (order.clientOrderId === clientOrderId && isOpen(order)) return true;
    return false;
  }

  hasAnyClientOrderId(clientOrderId: string): boolean {
    for (const order of this.orders.values()) if (order.clientOrderId === clientOrderId) return true;
    return false;
  }

  /** Open orders, oldest first; of one symbol when given. */
  open(symbol?: string): SimOrder[] {
    return [...this.orders.values()].filter((o) => isOpen(o) && (symbol === undefined || o.symbol === symbol));
  }

  all(): SimOrder[] {
    return [...this.orders.values()];
  }

  allTrades(): SimTrade[] {
    return [...this.trades];
  }
}

export function isOpen(order: SimOrder): boolean {
  return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
}
