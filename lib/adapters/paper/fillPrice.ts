import type { Candle } from '../../domain/candle.js';
import { type Decimal, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { OrderSide, OrderType } from '../../domain/order.js';
import { quoteAround } from '../../domain/venueQuote.js';

export interface PricedOrder {
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly price?: string;
  readonly stopPrice?: string;
}

/** A fill the candle gives a resting order: its price, and whether it took liquidity (the taker fee). */
export interface CandleFill {
  readonly price: Decimal;
  readonly taker: boolean;
}

/**
 * What one candle does to an order that rested before it opened, or undefined when the
 * candle does not reach it. A resting limit fills at its own price as a maker, whatever
 * the candle opened at (the venue's book matches it there). A stop is matched by
 * `stopLimitInCandle`, the model the exchange simulator shares.
 */
export function restingFillIn(order: PricedOrder, candle: Candle, market: Market, slippage: number): CandleFill | undefined {
  switch (order.type) {
    case 'market':
      return { price: touchPrice(candle.open, order.side, market, slippage), taker: true };
    case 'stop_market':
      throw new Error('a stop rests as a stop-limit: see stopLimitInCandle');
    case 'limit': {
      const limit = dec(required(order.price, 'price'));
      const limitNum = limit.toNumber();
      if (order.side === 'sell' ? candle.high >= limitNum : candle.low <= limitNum) return { price: limit, taker: false };
      return undefined;
    }
  }
}

/** Where a taker fills: the venue's ask for a buy, its bid for a sell, with `slippage` as the venue's spread. */
export function touchPrice(price: number | Decimal, side: OrderSide, market: Market, slippage: number): Decimal {
  const { bid, ask } = quoteAround(market, dec(price), spreadOf(slippage));
  return side === 'buy' ? ask : bid;
}

/** The slippage parsed last, as a decimal: a venue has one, asked for on every taker fill. */
let lastSlippage: { readonly value: number; readonly spread: Decimal } | undefined;

function spreadOf(slippage: number): Decimal {
  if (lastSlippage === undefined || lastSlippage.value !== slippage) lastSlippage = { value: slippage, spread: dec(slippage) };
  return lastSlippage.spread;
}

/** Whether a stop placed when the market trades at `price` would trigger at once (the venue refuses it). */
export function stopWouldTrigger(order: PricedOrder, price: number): boolean {
  const stop = Number(required(order.stopPrice, 'stopPrice'));
  return order.side === 'sell' ? price <= stop : price >= stop;
}

/** Whether a limit placed at the touch would take liquidity at once. */
export function limitIsMarketable(order: PricedOrder, touch: Decimal): boolean {
  const limit = dec(required(order.price, 'price'));
  return order.side === 'buy' ? touch.lte(limit) : touch.gte(limit);
}

function required(value: string | undefined, field: string): string {
  if (value === undefined) throw new Error(`order has no ${field}`);
  return value;
}
