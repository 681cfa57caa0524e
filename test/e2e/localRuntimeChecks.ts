import { type Decimal, ZERO, dec, toDecimalString } from '../../lib/domain/decimal.js';
import type { Fill } from '../../lib/domain/order.js';
import type { SimOrderView, SimTradeView } from '../../lib/local/exchange-sim/index.js';
import { flowsOf } from '../support/fillFlows.js';

const SIM_STATUS: Readonly<Record<string, string>> = { NEW: 'open', PARTIALLY_FILLED: 'open', FILLED: 'closed', CANCELED: 'canceled', EXPIRED: 'expired', EXPIRED_IN_MATCH: 'expired', REJECTED: 'rejected' };

/** The venue's order as the ledger should record it. */
export function expectedOrder(order: SimOrderView) {
  return {
    clientOrderId: order.clientOrderId,
    exchangeOrderId: String(order.orderId),
    symbol: order.symbol,
    side: order.side.toLowerCase(),
    status: SIM_STATUS[order.status] ?? order.status,
    amount: order.origQty,
    filled: order.executedQty,
  };
}

/** The venue's trade as the ledger's fill should be. */
export function expectedFill(trade: SimTradeView, clientOrderId: string) {
  return {
    id: String(trade.id),
    clientOrderId,
    exchangeOrderId: String(trade.orderId),
    symbol: trade.symbol,
    side: trade.side.toLowerCase(),
    price: trade.price,
    amount: trade.qty,
    cost: trade.quoteQty,
    fee: { cost: trade.commission, currency: trade.commissionAsset },
    timestamp: trade.time,
  };
}

/** Starting balances moved by every fill the ledger recorded, exactly: what the venue must hold. */
export function balancesAfterFills(starting: Readonly<Record<string, string>>, fills: readonly Fill[]): Record<string, string> {
  const balances = new Map<string, Decimal>(Object.entries(starting).map(([asset, amount]) => [asset, dec(amount)]));
  for (const [asset, delta] of flowsOf(fills)) balances.set(asset, (balances.get(asset) ?? ZERO).plus(delta));
  return Object.fromEntries([...balances].map(([asset, amount]) => [asset, toDecimalString(amount)]));
}
