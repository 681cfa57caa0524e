import { type Decimal, ZERO, dec } from '../../domain/decimal.js';
import { floorToStep } from '../../domain/precision.js';
import { quoteAround } from '../../domain/venueQuote.js';
import { checkOrderFilters } from './checkOrderFilters.js';
import { venueErrors } from './errors.js';
import { buyLock, fillAmounts } from '../../domain/venueFill.js';
import { settleFill } from './settleFill.js';
import type { OrderSide, OrderType, SimOrder, SimTrade } from './SimOrder.js';
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

/**
 * POST /api/v3/order. Checks in the venue's order (parameters, filters, duplicate client
 * order id, balance) and changes nothing when it rejects. A market order fills at once at
 * the ask (buy) or bid (sell) as a taker; a limit order that is marketable fills at once
 * at the better of ask/bid and its price as a taker, else it rests and locks what it may
 * spend; a stop-loss-limit rests, not working, until a candle crosses its stop price.
 */
export function placeOrder(state: VenueState, request: NewOrderRequest): { order: SimOrder; fills: SimTrade[] } {
  const market = state.markets.get(request.symbol);
  if (!market) throw venueErrors.invalidSymbol();
  requireParams(request);
  const now = state.now();
  const price = state.tape.priceAt(market.symbol, now);
  if (!price) throw venueErrors.noPrice();
  const { bid, ask } = quoteAround(market, price, state.spread);
  const touch = request.side === 'BUY' ? ask : bid;

  let quantity = request.quantity;
  if (quantity === undefined) quantity = floorToStep(request.quoteOrderQty!.dividedBy(touch), market.amountStep);
  checkOrderFilters(market, {
    price: request.price,
    stopPrice: request.stopPrice,
    quantity,
    notionalPrice: request.type === 'MARKET' ? touch : request.price!,
  });
  const taken = state.clientOrderIdUniqueness === 'open' ? state.book.hasOpenClientOrderId(request.clientOrderId) : state.book.hasAnyClientOrderId(request.clientOrderId);
  if (taken) throw venueErrors.duplicateOrder();
  if (request.type === 'STOP_LOSS_LIMIT') {
    const triggersNow = request.side === 'SELL' ? price.lte(request.stopPrice!) : price.gte(request.stopPrice!);
    if (triggersNow) throw venueErrors.stopWouldTrigger();
  }

  const spendAsset = request.side === 'BUY' ? market.quote : market.base;
  const needed =
    request.type === 'MARKET'
      ? fillAmounts(request.side, touch, quantity, dec(market.takerFeeRate)).spent
      : request.side === 'BUY'
        ? buyLock(request.price!, quantity)
        : quantity;
  if (state.balances.get(spendAsset).free.lt(needed)) throw venueErrors.insufficientBalance();

  const order = newOrder(state, request, quantity, now);
  if (request.type !== 'MARKET') {
    state.balances.lock(spendAsset, needed);
    order.locked = needed;
  }
  state.book.add(order);

  const marketable = request.type === 'MARKET' || (request.type === 'LIMIT' && (request.side === 'BUY' ? ask.lte(request.price!) : bid.gte(request.price!)));
  const fills = marketable ? [settleFill(state, market, order, { price: touch, qty: quantity, isMaker: false, time: now })] : [];
  return { order, fills };
}

function requireParams(request: NewOrderRequest): void {
  const needsPrice = request.type !== 'MARKET';
  if (needsPrice && request.price === undefined) throw venueErrors.mandatoryParam('price');
  if (!needsPrice && request.price !== undefined) throw venueErrors.paramNotRequired('price');
  if (request.type === 'STOP_LOSS_LIMIT' && request.stopPrice === undefined) throw venueErrors.mandatoryParam('stopPrice');
  if (request.type !== 'STOP_LOSS_LIMIT' && request.stopPrice !== undefined) throw venueErrors.paramNotRequired('stopPrice');
  if (needsPrice && request.timeInForce === undefined) throw venueErrors.mandatoryParam('timeInForce');
  if (needsPrice && request.timeInForce !== 'GTC') throw venueErrors.invalidTimeInForce();
  if (!needsPrice && request.timeInForce !== undefined) throw venueErrors.paramNotRequired('timeInForce');
  if (request.type === 'MARKET') {
    if (request.quantity === undefined && request.quoteOrderQty === undefined) throw venueErrors.mandatoryParam('quantity');
    if (request.quantity !== undefined && request.quoteOrderQty !== undefined) throw venueErrors.paramNotRequired('quoteOrderQty');
  } else {
    if (request.quantity === undefined) throw venueErrors.mandatoryParam('quantity');
    if (request.quoteOrderQty !== undefined) throw venueErrors.paramNotRequired('quoteOrderQty');
  }
}

function newOrder(state: VenueState, request: NewOrderRequest, quantity: Decimal, now: number): SimOrder {
  const working = request.type !== 'STOP_LOSS_LIMIT';
  return {
    orderId: state.book.takeOrderId(),
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.type === 'MARKET' ? undefined : 'GTC',
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
