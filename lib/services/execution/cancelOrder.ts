import { CancelNotTakenError } from '../../domain/errors.js';
import type { ExecutionRefusal } from '../../domain/executionRefusal.js';
import type { Fill, Order, OrderIntent } from '../../domain/order.js';
import type { Exchange } from '../../ports/Exchange.js';
import type { KillSwitch } from '../../ports/KillSwitch.js';
import type { OrderRepository } from '../../ports/repositories.js';
import { insertIntentOnce } from './insertIntentOnce.js';

export interface CancelPorts {
  readonly exchange: Exchange;
  readonly orders: OrderRepository;
  readonly killSwitch: KillSwitch;
}

export type CancelResult =
  | { readonly kind: 'refused'; readonly refusal: ExecutionRefusal }
  /** The order as the venue shows it once ended (cancelled, or filled meanwhile), with its fills, to be recorded. */
  | { readonly kind: 'ended'; readonly order: Order; readonly fills: readonly Fill[] };

/**
 * Cancels an order of ours if the venue still has it open, then reads it again: what it
 * filled before the cancel landed is kept. `intent`, when the ledger had none, is written
 * (once: a retry finds it there). HALT sends nothing, not even a cancel.
 */
export async function cancelOrder(ports: CancelPorts, symbol: string, clientOrderId: string, intent?: OrderIntent): Promise<CancelResult> {
  const state = await ports.killSwitch.read();
  if (state === 'HALT') return { kind: 'refused', refusal: { code: 'kill_switch', state } };
  let order = await ports.exchange.fetchOrderByClientId(symbol, clientOrderId);
  if (order === undefined) return { kind: 'refused', refusal: { code: 'order_gone', clientOrderId } };
  if (order.status === 'open') {
    await ports.exchange.cancelOrder(symbol, clientOrderId);
    order = await ports.exchange.fetchOrderByClientId(symbol, clientOrderId);
    if (order === undefined || order.status === 'open') throw new CancelNotTakenError(symbol, clientOrderId);
  }
  const fills = (await ports.exchange.fetchFills(symbol, order.timestamp)).filter((f) => f.clientOrderId === clientOrderId);
  if (intent) await insertIntentOnce(ports.orders, intent);
  return { kind: 'ended', order, fills };
}
