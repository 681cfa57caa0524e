import { ZERO, dec } from '../../domain/decimal.js';
import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { fillAmounts } from '../../domain/venueFill.js';
import type { SimOrder, SimTrade } from './SimOrder.js';
import type { VenueState } from './VenueState.js';

/**
 * Books one fill of an order: the account gives up what it spends (from the order's lock,
 * or from free for a market order, which locks nothing), receives the other asset less the
 * commission, and the order's executed amounts and status move. A filled order releases
 * whatever of its lock the fills did not use. An order's first fill takes one off the unfilled order count.
 */
export function settleFill(state: VenueState, market: Market, order: SimOrder, fill: { price: Decimal; qty: Decimal; isMaker: boolean; time: number }): SimTrade {
  const feeRate = dec(fill.isMaker ? market.makerFeeRate : market.takerFeeRate);
  const amounts = fillAmounts(order.side, fill.price, fill.qty, feeRate);
  const spendAsset = order.side === 'BUY' ? market.quote : market.base;
  const receiveAsset = order.side === 'BUY' ? market.base : market.quote;
  if (order.type === 'MARKET') {
    state.balances.spendFree(spendAsset, amounts.spent);
  } else {
    state.balances.spendLocked(spendAsset, amounts.spent);
    order.locked = order.locked.minus(amounts.spent);
  }
  state.balances.credit(receiveAsset, amounts.received);

  if (order.executedQty.isZero()) state.orderCounts.firstFill();
  order.executedQty = order.executedQty.plus(fill.qty);
  order.cummulativeQuoteQty = order.cummulativeQuoteQty.plus(amounts.quoteQty);
  order.updateTime = fill.time;
  order.status = order.executedQty.gte(order.origQty) ? 'FILLED' : 'PARTIALLY_FILLED';
  if (order.status === 'FILLED' && order.locked.gt(ZERO)) {
    state.balances.unlock(spendAsset, order.locked);
    order.locked = ZERO;
  }

  const trade: SimTrade = {
    id: state.book.takeTradeId(),
    orderId: order.orderId,
    symbol: order.symbol,
    side: order.side,
    price: fill.price,
    qty: fill.qty,
    quoteQty: amounts.quoteQty,
    commission: amounts.commission,
    commissionAsset: receiveAsset,
    time: fill.time,
    isMaker: fill.isMaker,
  };
  state.book.addTrade(trade);
  return trade;
}
