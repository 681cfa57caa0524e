import { type Decimal, dec, toDecimalString } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { OrderIntent } from '../../domain/order.js';
import { ceilToStep, floorToStep } from '../../domain/precision.js';
import { stopLimitLevels } from '../../domain/stopLimit.js';

/** An order as ccxt takes it, every number already rounded by the market. */
export interface CcxtOrderRequest {
  readonly symbol: string;
  readonly type: 'market' | 'limit';
  readonly side: 'buy' | 'sell';
  readonly amount: string;
  readonly price?: string;
  /** Set for a stop: the order rests until the market trades through it. */
  readonly triggerPrice?: string;
  readonly clientOrderId: string;
}

export type OrderRequestResult = { readonly kind: 'send'; readonly request: CcxtOrderRequest } | { readonly kind: 'refused'; readonly reason: string };

export interface OrderRequestOptions {
  /** Whether the venue takes stop-limit orders for this market. */
  readonly stopOrders: boolean;
  /** A stop goes out as a stop-limit this fraction beyond its trigger (below for a sell). */
  readonly stopLimitOffsetPct: number;
  /** For a market order without an expected price: the last traded price, to check the minimum notional. */
  readonly lastPrice?: string;
}

const fmt = toDecimalString;

/**
 * Rounds an intent by the market and checks its limits before anything is sent. The rounding
 * never works against us: amounts round down; a buy limit down and a sell limit up; a stop's
 * trigger towards the market (the loss never grows past the one the plan was sized on) and
 * its limit away from it (so a gap still fills).
 */
export function buildOrderRequest(intent: OrderIntent, market: Market, options: OrderRequestOptions): OrderRequestResult {
  const amount = floorToStep(intent.amount, market.amountStep);
  const sell = intent.side === 'sell';
  let price: Decimal | undefined;
  let triggerPrice: Decimal | undefined;
  if (intent.type === 'limit') {
    if (intent.price === undefined) return refused('a limit order needs a price');
    price = sell ? ceilToStep(intent.price, market.priceStep) : floorToStep(intent.price, market.priceStep);
  } else if (intent.type === 'stop_market') {
    if (!options.stopOrders) return refused(`the exchange takes no stop orders for ${market.symbol}`);
    const stop = intent.stopPrice ?? intent.price;
    if (stop === undefined) return refused('a stop order needs a stopPrice');
    ({ trigger: triggerPrice, limit: price } = stopLimitLevels(intent.side, stop, options.stopLimitOffsetPct, market));
    if (price.lte(0)) return refused(`stop limit price ${fmt(price)} is not positive (trigger ${fmt(triggerPrice)})`);
  }

  const minAmount = dec(market.minAmount);
  if (amount.lt(minAmount) || amount.isZero()) {
    return refused(`amount ${fmt(amount)} (from ${intent.amount}, step ${market.amountStep}) is below minAmount ${market.minAmount}`);
  }
  if (market.maxAmount !== undefined && amount.gt(market.maxAmount)) return refused(`amount ${fmt(amount)} is above maxAmount ${market.maxAmount}`);
  const notionalPrice = price ?? (intent.price !== undefined ? dec(intent.price) : options.lastPrice !== undefined ? dec(options.lastPrice) : undefined);
  if (notionalPrice === undefined) return refused('no price to check the minimum notional against');
  const cost = amount.times(notionalPrice);
  if (cost.lt(market.minCost)) {
    return refused(`notional ${fmt(cost)} (amount ${fmt(amount)} × price ${fmt(notionalPrice)}) is below minCost ${market.minCost}`);
  }
  if (market.maxCost !== undefined && cost.gt(market.maxCost)) return refused(`notional ${fmt(cost)} is above maxCost ${market.maxCost}`);

  return {
    kind: 'send',
    request: {
      symbol: intent.symbol,
      type: intent.type === 'market' ? 'market' : 'limit',
      side: intent.side,
      amount: fmt(amount),
      ...(price !== undefined ? { price: fmt(price) } : {}),
      ...(triggerPrice !== undefined ? { triggerPrice: fmt(triggerPrice) } : {}),
      clientOrderId: intent.clientOrderId,
    },
  };
}

function refused(reason: string): OrderRequestResult {
  return { kind: 'refused', reason };
}
