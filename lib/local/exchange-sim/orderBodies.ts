import { isAlgoOrder } from './SimOrder.js';
import type { SimOrder, SimTrade } from './SimOrder.js';
import { venueDecimal } from './venueDecimal.js';

/** POST /api/v3/order with newOrderRespType=ACK. */
export function orderAckBody(order: SimOrder): object {
  return { symbol: order.symbol, orderId: order.orderId, orderListId: -1, clientOrderId: order.clientOrderId, transactTime: order.time };
}

/** POST /api/v3/order with newOrderRespType=RESULT. */
export function orderResultBody(order: SimOrder): object {
  return {
    ...orderAckBody(order),
    price: venueDecimal(order.price),
    origQty: venueDecimal(order.origQty),
    executedQty: venueDecimal(order.executedQty),
    origQuoteOrderQty: venueDecimal(order.origQuoteOrderQty),
    cummulativeQuoteQty: venueDecimal(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce ?? 'GTC',
    type: order.type,
    side: order.side,
    ...(isAlgoOrder(order.type) ? { stopPrice: venueDecimal(order.stopPrice) } : {}),
    workingTime: order.workingTime,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** POST /api/v3/order with newOrderRespType=FULL: the result and the fills it made at once. */
export function orderFullBody(order: SimOrder, fills: readonly SimTrade[]): object {
  return {
    ...orderResultBody(order),
    fills: fills.map((t) => ({
      price: venueDecimal(t.price),
      qty: venueDecimal(t.qty),
      commission: venueDecimal(t.commission),
      commissionAsset: t.commissionAsset,
      tradeId: t.id,
    })),
  };
}

/** GET /api/v3/order and each entry of GET /api/v3/openOrders. */
export function queryOrderBody(order: SimOrder): object {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: order.clientOrderId,
    price: venueDecimal(order.price),
    origQty: venueDecimal(order.origQty),
    executedQty: venueDecimal(order.executedQty),
    cummulativeQuoteQty: venueDecimal(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce ?? 'GTC',
    type: order.type,
    side: order.side,
    stopPrice: venueDecimal(order.stopPrice),
    icebergQty: '0.00000000',
    time: order.time,
    updateTime: order.updateTime,
    isWorking: order.isWorking,
    workingTime: order.workingTime,
    origQuoteOrderQty: venueDecimal(order.origQuoteOrderQty),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** DELETE /api/v3/order: the venue names the cancel request with a client id of its own. */
export function cancelOrderBody(order: SimOrder, cancelClientOrderId: string): object {
  return {
    symbol: order.symbol,
    origClientOrderId: order.clientOrderId,
    orderId: order.orderId,
    orderListId: -1,
    clientOrderId: cancelClientOrderId,
    transactTime: order.updateTime,
    price: venueDecimal(order.price),
    origQty: venueDecimal(order.origQty),
    executedQty: venueDecimal(order.executedQty),
    origQuoteOrderQty: venueDecimal(order.origQuoteOrderQty),
    cummulativeQuoteQty: venueDecimal(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce ?? 'GTC',
    type: order.type,
    side: order.side,
    ...(isAlgoOrder(order.type) ? { stopPrice: venueDecimal(order.stopPrice) } : {}),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** One entry of GET /api/v3/myTrades. */
export function myTradeBody(trade: SimTrade): object {
  return {
    symbol: trade.symbol,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: -1,
    price: venueDecimal(trade.price),
    qty: venueDecimal(trade.qty),
    quoteQty: venueDecimal(trade.quoteQty),
    commission: venueDecimal(trade.commission),
    commissionAsset: trade.commissionAsset,
    time: trade.time,
    isBuyer: trade.side === 'BUY',
    isMaker: trade.isMaker,
    isBestMatch: true,
  };
}
