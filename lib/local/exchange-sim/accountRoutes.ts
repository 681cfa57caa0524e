import { cancelOrder } from './cancelOrder.js';
import { venueErrors } from './errors.js';
import { venueSymbol } from './exchangeInfoBody.js';
import { findOrder } from './findOrder.js';
import { cancelOrderBody, myTradeBody, orderAckBody, orderFullBody, orderResultBody, queryOrderBody } from './orderBodies.js';
import { parseNewOrder, venueClientOrderId } from './parseNewOrder.js';
import { placeOrder } from './placeOrder.js';
import { clientOrderIdParam, integerParam, limitParam, marketParam } from './requestParams.js';
import type { RouteHandler } from './Router.js';
import type { VenueState } from './VenueState.js';
import { venueDecimal } from './venueDecimal.js';

/** The widest startTime..endTime span GET /api/v3/myTrades answers. */
const MAX_TRADE_WINDOW_MS = 24 * 60 * 60_000;

/** The signed endpoints: the account, our orders and our trades. */
export function accountRoutes(state: VenueState): Record<string, RouteHandler> {
  return {
    'GET /api/v3/account': () => accountBody(state),
    'POST /api/v3/order': (params) => {
      const { request, responseType } = parseNewOrder(params);
      const { order, fills } = placeOrder(state, request);
      if (responseType === 'ACK') return orderAckBody(order);
      return responseType === 'RESULT' ? orderResultBody(order) : orderFullBody(order, fills);
    },
    'GET /api/v3/order': (params) => {
      marketParam(state, params);
      return queryOrderBody(findOrder(state.book, params, venueErrors.orderDoesNotExist));
    },
    'DELETE /api/v3/order': (params) => {
      marketParam(state, params);
      const cancelClientOrderId = clientOrderIdParam(params, 'newClientOrderId') ?? venueClientOrderId();
      return cancelOrderBody(cancelOrder(state, params), cancelClientOrderId);
    },
    'GET /api/v3/openOrders': (params) => {
      const symbol = params.has('symbol') ? venueSymbol(marketParam(state, params)) : undefined;
      return state.book.open(symbol).map(queryOrderBody);
    },
    'GET /api/v3/myTrades': (params) => myTrades(state, params),
  };
}

function accountBody(state: VenueState): object {
  const rate = (r: string | undefined) => venueDecimal(state.commissionRates[r === 'maker' ? 'maker' : 'taker']);
  return {
    makerCommission: state.commissionRates.maker.times(10_000).toNumber(),
    takerCommission: state.commissionRates.taker.times(10_000).toNumber(),
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: rate('maker'), taker: rate('taker'), buyer: '0.00000000', seller: '0.00000000' },
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: state.now(),
    accountType: 'SPOT',
    balances: state.balances.assets().map((asset) => {
      const { free, locked } = state.balances.get(asset);
      return { asset, free: venueDecimal(free), locked: venueDecimal(locked) };
    }),
    permissions: ['SPOT'],
    uid: 1,
  };
}

/**
 * GET /api/v3/myTrades: by symbol, optionally of one order, in a time window, from an id.
 * With fromId or startTime the page runs forward from there; otherwise it is the newest trades.
 * A startTime and endTime more than 24 hours apart are refused (-1127), and orderId or fromId
 * with either time (-1128), as the venue does.
 */
function myTrades(state: VenueState, params: URLSearchParams): object {
  const symbol = venueSymbol(marketParam(state, params));
  const orderId = integerParam(params, 'orderId');
  const startTime = integerParam(params, 'startTime');
  const endTime = integerParam(params, 'endTime');
  const fromId = integerParam(params, 'fromId');
  const limit = limitParam(params, 500, 1000);
  // The combinations rest-api.md lists: orderId and fromId go with neither time.
  if ((orderId !== undefined || fromId !== undefined) && (startTime !== undefined || endTime !== undefined)) throw venueErrors.combinationInvalid();
  if (startTime !== undefined && endTime !== undefined && endTime - startTime > MAX_TRADE_WINDOW_MS) throw venueErrors.tradeWindowTooLong();
  const trades = state.book
    .allTrades()
    .filter((t) => t.symbol === symbol)
    .filter((t) => orderId === undefined || t.orderId === orderId)
    .filter((t) => startTime === undefined || t.time >= startTime)
    .filter((t) => endTime === undefined || t.time <= endTime)
    .filter((t) => fromId === undefined || t.id >= fromId);
  const page = fromId !== undefined || startTime !== undefined ? trades.slice(0, limit) : trades.slice(-limit);
  return page.map(myTradeBody);
}
