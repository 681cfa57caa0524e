import { dec, toDecimalString } from '../../domain/decimal.js';
import type { Order, OrderStatus, OrderType } from '../../domain/order.js';
import type { CcxtOrder } from './CcxtClient.js';
import { type ExpectedClientOrderId, checkOrderAnswer } from './checkOrderAnswer.js';

const STATUSES: Readonly<Record<string, OrderStatus>> = {
  open: 'open',
  closed: 'closed',
  canceled: 'canceled',
  cancelled: 'canceled',
  rejected: 'rejected',
  expired: 'expired',
};

/** A float from ccxt as the decimal string it was parsed from (shortest round trip). */
export function decimalFrom(value: number | undefined): string | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : toDecimalString(dec(value));
}

/**
 * ccxt's order → ours, `venue` the ccxt exchange id that answered; an answer missing a field the ledger needs is refused (checkOrderAnswer).
 * A trigger price makes it our stop type whatever the venue calls it (Binance reports
 * STOP_LOSS_LIMIT); a status ccxt could not name counts as open, the one reading that never
 * forgets an order that may still fill. Binance answers a new stop order with
 * `workingTime: -1` (it is not working until triggered) and no `time`, which ccxt takes for
 * the order's timestamp: a time below zero is no time, and the fallback is used.
 */
export function toOrder(order: CcxtOrder, venue: string, fallbackTimestamp: number, expected?: ExpectedClientOrderId): Order {
  const stopPrice = decimalFrom(order.triggerPrice ?? order.stopPrice);
  const type: OrderType = stopPrice !== undefined ? 'stop_market' : order.type === 'market' ? 'market' : 'limit';
  const checked = checkOrderAnswer(order, venue, type === 'limit', expected);
  const price = decimalFrom(order.price);
  const average = decimalFrom(order.average);
  return {
    clientOrderId: checked.clientOrderId ?? expected?.clientOrderId ?? '',
    exchangeOrderId: checked.id,
    symbol: order.symbol ?? '',
    side: checked.side,
    type,
    status: STATUSES[checked.status] ?? 'open',
    amount: toDecimalString(dec(checked.amount)),
    filled: toDecimalString(dec(checked.filled)),
    ...(price !== undefined && type !== 'market' ? { price } : {}),
    ...(stopPrice !== undefined ? { stopPrice } : {}),
    ...(average !== undefined ? { average } : {}),
    timestamp: validTimestamp(order.timestamp) ?? fallbackTimestamp,
  };
}

function validTimestamp(timestamp: number | undefined): number | undefined {
  return timestamp !== undefined && Number.isInteger(timestamp) && timestamp >= 0 ? timestamp : undefined;
}
