import type { Awaitable } from '../domain/awaitable.js';
import type { Market } from '../domain/market.js';
import type { Fill, Order, OrderIntent, SubmissionOutcome } from '../domain/order.js';

export interface AssetBalance {
  readonly free: string;
  readonly used: string;
  readonly total: string;
}
export type Balances = Readonly<Record<string, AssetBalance>>;

/** A venue, as the core sees it: real (ccxt), paper, or simulated. */
export interface Exchange {
  /** Read on every decision: a venue that has it at hand answers at once. */
  market(symbol: string): Awaitable<Market>;
  fetchBalances(): Awaitable<Balances>;
  fetchLastPrice(symbol: string): Promise<number>;
  /** Sends an order under the intent's client order id; never throws for a venue's answer. */
  createOrder(intent: OrderIntent): Promise<SubmissionOutcome>;
  /** Undefined only when the venue positively says it has no such order. */
  fetchOrderByClientId(symbol: string, clientOrderId: string): Awaitable<Order | undefined>;
  cancelOrder(symbol: string, clientOrderId: string): Promise<void>;
  fetchOpenOrders(symbol?: string): Promise<readonly Order[]>;
  fetchFills(symbol: string, since: number): Promise<readonly Fill[]>;
}
