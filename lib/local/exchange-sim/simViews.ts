import { toDecimalString } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { SimOrder, SimTrade } from './SimOrder.js';

/** One of our orders as the inspectors show it: decimal strings and the unified symbol. */
export interface SimOrderView {
  readonly orderId: number;
  readonly clientOrderId: string;
  /** Unified, e.g. LTC/BTC. */
  readonly symbol: string;
  readonly side: SimOrder['side'];
  readonly type: SimOrder['type'];
  readonly status: SimOrder['status'];
  readonly price: string;
  readonly stopPrice: string;
  readonly origQty: string;
  readonly executedQty: string;
  readonly cummulativeQuoteQty: string;
  readonly isWorking: boolean;
  readonly time: number;
  readonly updateTime: number;
}

export interface SimTradeView {
  readonly id: number;
  readonly orderId: number;
  readonly symbol: string;
  readonly side: SimTrade['side'];
  readonly price: string;
  readonly qty: string;
  readonly quoteQty: string;
  readonly commission: string;
  readonly commissionAsset: string;
  readonly isMaker: boolean;
  readonly time: number;
}

export function orderView(order: SimOrder, market: Market | undefined): SimOrderView {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    symbol: market?.symbol ?? order.symbol,
    side: order.side,
    type: order.type,
    status: order.status,
    price: toDecimalString(order.price),
    stopPrice: toDecimalString(order.stopPrice),
    origQty: toDecimalString(order.origQty),
    executedQty: toDecimalString(order.executedQty),
    cummulativeQuoteQty: toDecimalString(order.cummulativeQuoteQty),
    isWorking: order.isWorking,
    time: order.time,
    updateTime: order.updateTime,
  };
}

export function tradeView(trade: SimTrade, market: Market | undefined): SimTradeView {
  return {
    id: trade.id,
    orderId: trade.orderId,
    symbol: market?.symbol ?? trade.symbol,
    side: trade.side,
    price: toDecimalString(trade.price),
    qty: toDecimalString(trade.qty),
    quoteQty: toDecimalString(trade.quoteQty),
    commission: toDecimalString(trade.commission),
    commissionAsset: trade.commissionAsset,
    isMaker: trade.isMaker,
    time: trade.time,
  };
}
