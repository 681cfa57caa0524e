import { dec, toDecimalString } from '../../domain/decimal.js';
import type { Fill } from '../../domain/order.js';
import type { CcxtTrade } from './CcxtClient.js';
import { decimalFrom } from './toOrder.js';

/** ccxt's trade → our fill; its cost is recomputed exactly as price × amount, not taken from ccxt's float. */
export function toFill(trade: CcxtTrade, clientOrderId: string, quote: string): Fill {
  const price = decimalFrom(trade.price);
  const amount = decimalFrom(trade.amount);
  if (price === undefined || amount === undefined || trade.id === undefined || trade.timestamp === undefined) {
    throw new Error(`trade ${trade.id ?? '?'} lacks a price, amount or timestamp`);
  }
  return {
    id: trade.id,
    clientOrderId,
    exchangeOrderId: trade.order ?? '',
    symbol: trade.symbol ?? '',
    side: trade.side === 'sell' ? 'sell' : 'buy',
    price,
    amount,
    cost: toDecimalString(dec(price).times(amount)),
    fee: { cost: decimalFrom(trade.fee?.cost) ?? '0', currency: trade.fee?.currency ?? quote },
    timestamp: trade.timestamp,
  };
}
