import { dec, toDecimalString } from '../../domain/decimal.js';
import type { Fill } from '../../domain/order.js';
import { badAnswer } from './badAnswer.js';
import type { CcxtTrade } from './CcxtClient.js';
import { decimalFrom } from './toOrder.js';

/**
 * ccxt's trade → our fill. The cost is what the venue moved in the quote currency (Binance's
 * `quoteQty`, rounded to the asset's places), not price × amount, which can be longer: the
 * ledger must add up to the venue's balances. Only a venue that reports no cost gets the
 * exact product.
 */
export function toFill(trade: CcxtTrade, clientOrderId: string, quote: string): Fill {
  const price = decimalFrom(trade.price);
  const amount = decimalFrom(trade.amount);
  const what = `trade ${trade.id ?? '(no id)'} of order ${trade.order ?? '(no order id)'}`;
  if (trade.id === undefined || trade.id === '') throw badAnswer(what, 'id is missing');
  if (price === undefined || Number(price) <= 0) throw badAnswer(what, trade.price == null ? 'price is missing' : `price ${String(trade.price)} is not a positive number`);
  if (amount === undefined || Number(amount) <= 0) throw badAnswer(what, trade.amount == null ? 'amount is missing' : `amount ${String(trade.amount)} is not a positive number`);
  if (trade.timestamp === undefined || !Number.isFinite(trade.timestamp)) throw badAnswer(what, 'timestamp is missing');
  return {
    id: trade.id,
    clientOrderId,
    exchangeOrderId: trade.order ?? '',
    symbol: trade.symbol ?? '',
    side: trade.side === 'sell' ? 'sell' : 'buy',
    price,
    amount,
    cost: decimalFrom(trade.cost) ?? toDecimalString(dec(price).times(amount)),
    fee: { cost: decimalFrom(trade.fee?.cost) ?? '0', currency: trade.fee?.currency ?? quote },
    timestamp: trade.timestamp,
  };
}
