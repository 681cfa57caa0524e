import { type Decimal, ZERO, dec } from '../../domain/decimal.js';
import { floorToStep } from '../../domain/precision.js';
import { quoteAround } from '../../domain/venueQuote.js';
import { buyLock, fillAmounts } from '../../domain/venueFill.js';
import { checkOrderFilters } from './checkOrderFilters.js';
import { venueErrors } from './errors.js';
import { settleFill } from './settleFill.js';
import { type OrderSide, type OrderType, type SimOrder, type SimTrade, type TimeInForce, isAlgoOrder } from './SimOrder.js';
import { expireOrder } from './expireOrder.js';
import { expireSelfTrades } from './expireSelfTrades.js';
import { takerLevels } from './takerLevels.js';
import type { VenueState } from './VenueState.js';

/** A new order as the request carried it, already parsed into decimals. */
export interface NewOrderRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: string | undefined;
  readonly quantity: Decimal | undefined;
  readonly quoteOrderQty: Decimal | undefined;
  readonly price: Decimal | undefined;
  readonly stopPrice: Decimal | undefined;
  readonly clientOrderId: string;
}

const TIMES_IN_FORCE: readonly string[] = ['GTC', 'IOC', 'FOK'] satisfies TimeInForce[];

/**
 * POST /api/v3/order. Checks in the venue's order (parameters, the unfilled order count, filters, open-order counts,
 * duplicate client order id, trigger, balance) and changes nothing when it rejects.
 * - A market order takes at once at the ask (buy) or bid (sell), or level by level with a
 *   depth model; what the book cannot fill expires (EXPIRED, partly filled).
 * - A limit order that is marketable takes at once; the rest rests and locks what it may
 *   spend, or with IOC expires, and a FOK that cannot fill whole expires unfilled.
 *   A LIMIT_MAKER that would take is refused.
 * - A taker order first expires our own resting orders it would trade against
 *   (EXPIRED_IN_MATCH: self-trade prevention in the venue's default EXPIRE_MAKER mode).
 * - A stop-loss-limit or take-profit-limit rests, not working, until a candle reaches its
 *   stop price; one the price has already reached is refused.
 */
export function placeOrder(state: VenueState, request: NewOrderRequest): { order: SimOrder; fills: SimTrade[] } {
  const market = state.markets.get(request.symbol);
  const rules = state.rules.get(request.symbol);
  if (!market || !rules) throw venueErrors.invalidSymbol();
  requireParams(request);
  state.orderCounts.admit();
  const now = state.now();
  const price = state.tape.priceAt(market.symbol, now);
  if (!price) throw venueErrors.noPrice();
  const { bid, ask } = quoteAround(market, price, state.spread);
  const touch = request.side === 'BUY' ? ask : bid;
  const isMarket = request.type === 'MARKET';

  let quantity = request.quantity;
  if (quantity === undefined) quantity = floorToStep(request.quoteOrderQty!.dividedBy(touch), market.amountStep);
  const averagePrice = state.tape.averagePrice(market.symbol, now, rules.percentPriceBySide.avgPriceMins) ?? price;
  checkOrderFilters(market, rules, {
    side: request.side,
    isMarket,
    price: request.price,
    stopPrice: request.stopPrice,
    quantity,
    notionalPrice: isMarket ? averagePrice : request.price!,
    averagePrice,
  });
  const open = state.book.open(request.symbol);
  if (open.length >= rules.maxNumOrders) throw venueErrors.filterFailure('MAX_NUM_ORDERS');
  if (isAlgoOrder(request.type) && open.filter((o) => isAlgoOrder(o.type)).length >= rules.maxNumAlgoOrders) throw venueErrors.filterFailure('MAX_NUM_ALGO_ORDERS');
  const taken = state.clientOrderIdUniqueness === 'open' ? state.book.hasOpenClientOrderId(request.clientOrderId) : state.book.hasAnyClientOrderId(request.clientOrderId);
  if (taken) throw venueErrors.duplicateOrder();
  if (isAlgoOrder(request.type) && triggersAt(request.type, request.side, request.stopPrice!, price)) throw venueErrors.stopWouldTrigger();

  const crosses = request.price !== undefined && (request.side === 'BUY' ? ask.lte(request.price) : bid.gte(request.price));
  const marketable = isMarket || ((request.type === 'LIMIT' || request.type === 'LIMIT_MAKER') && crosses);
  if (request.type === 'LIMIT_MAKER' && marketable) throw venueErrors.wouldTakeAsMaker();
  let planned = marketable ? takerLevels(state, market, request.side, touch, quantity, request.price) : [];
  const plannedQty = planned.reduce((total, f) => total.plus(f.qty), ZERO);
  if (request.timeInForce === 'FOK' && plannedQty.lt(quantity)) planned = [];

  const spendAsset = request.side === 'BUY' ? market.quote : market.base;
  const needed = isMarket
    ? planned.reduce((total, f) => total.plus(fillAmounts(request.side, f.price, f.qty, dec(market.takerFeeRate)).spent), ZERO)
    : request.side === 'BUY'
      ? buyLock(request.price!, quantity)
      : quantity;
  if (state.balances.get(spendAsset).free.lt(needed)) throw venueErrors.insufficientBalance();

  const order = newOrder(state, request, quantity, now);
  state.orderCounts.placed();
  if (!isMarket) {
    state.balances.lock(spendAsset, needed);
    order.locked = needed;
  }
  if (marketable) expireSelfTrades(state, market, order, planned.at(-1)?.price ?? touch);
  state.book.add(order);
  const fills = planned.map((f) => settleFill(state, market, order, { price: f.price, qty: f.qty, isMaker: false, time: now }));
  const expiresUnfilled = isMarket || request.timeInForce === 'IOC' || request.timeInForce === 'FOK';
  if (expiresUnfilled && order.status !== 'FILLED') expireOrder(state, market, order, 'EXPIRED', now);
  return { order, fills };
}

/** Whether a stop order's trigger is reached at `price`: a stop-loss as the price falls to it (sell) or rises to it (buy), a take-profit the other way. */
export function triggersAt(type: OrderType, side: OrderSide, stopPrice: Decimal, price: Decimal): boolean {
  const fallsToStop = (type === 'STOP_LOSS_LIMIT') === (side === 'SELL');
  return fallsToStop ? price.lte(stopPrice) : price.gte(stopPrice);
}

function requireParams(request: NewOrderRequest): void {
  const isMarket = request.type === 'MARKET';
  const isAlgo = isAlgoOrder(request.type);
  if (!isMarket && request.price === undefined) throw venueErrors.mandatoryParam('price');
  if (isMarket && request.price !== undefined) throw venueErrors.paramNotRequired('price');
  if (isAlgo && request.stopPrice === undefined) throw venueErrors.mandatoryParam('stopPrice');
  if (!isAlgo && request.stopPrice !== undefined) throw venueErrors.paramNotRequired('stopPrice');
  const needsTimeInForce = request.type === 'LIMIT' || isAlgo;
  if (needsTimeInForce && request.timeInForce === undefined) throw venueErrors.mandatoryParam('timeInForce');
  if (needsTimeInForce && !TIMES_IN_FORCE.includes(request.timeInForce!)) throw venueErrors.invalidTimeInForce();
  if (!needsTimeInForce && request.timeInForce !== undefined) throw venueErrors.paramNotRequired('timeInForce');
  if (isMarket) {
    if (request.quantity === undefined && request.quoteOrderQty === undefined) throw venueErrors.mandatoryParam('quantity');
    if (request.quantity !== undefined && request.quoteOrderQty !== undefined) throw venueErrors.paramNotRequired('quoteOrderQty');
  } else {
    if (request.quantity === undefined) throw venueErrors.mandatoryParam('quantity');
    if (request.quoteOrderQty !== undefined) throw venueErrors.paramNotRequired('quoteOrderQty');
  }
}

function newOrder(state: VenueState, request: NewOrderRequest, quantity: Decimal, now: number): SimOrder {
  const working = !isAlgoOrder(request.type);
  return {
    orderId: state.book.takeOrderId(),
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.type === 'MARKET' ? undefined : ((request.timeInForce as TimeInForce | undefined) ?? 'GTC'),
    price: request.price ?? ZERO,
    stopPrice: request.stopPrice ?? ZERO,
    origQty: quantity,
    origQuoteOrderQty: request.quoteOrderQty ?? ZERO,
    executedQty: ZERO,
    cummulativeQuoteQty: ZERO,
    status: 'NEW',
    isWorking: working,
    locked: ZERO,
    time: now,
    updateTime: now,
    workingTime: working ? now : -1,
  };
}
