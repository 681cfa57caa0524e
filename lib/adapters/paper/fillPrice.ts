import type { Candle } from '../../domain/candle.js';
import type { Decimal } from '../../domain/decimal.js';
import { dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { OrderSide, OrderType } from '../../domain/order.js';
import { roundPrice } from '../../domain/precision.js';

export interface PricedOrder {
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly price?: string;
  readonly stopPrice?: string;
}

/**
 * The price a resting order fills at within `candle`, or undefined when the candle does
 * not reach it. A candle that opens through the level fills at the open (a gap), never
 * at a price the market did not trade. Market and stop fills pay `slippage` and round
 * to the tick against us; limits fill at their price or better, without slippage.
 */
export function fillPriceIn(order: PricedOrder, candle: Candle, market: Market, slippage: number): Decimal | undefined {
  switch (order.type) {
    case 'market':
      return withSlippage(dec(candle.open), order.side, market, slippage);
    case 'stop_market': {
      const stop = dec(required(order.stopPrice, 'stopPrice'));
      const stopNum = stop.toNumber();
      if (order.side === 'sell' && candle.low <= stopNum) return withSlippage(candle.open < stopNum ? dec(candle.open) : stop, 'sell', market, slippage);
      if (order.side === 'buy' && candle.high >= stopNum) return withSlippage(candle.open > stopNum ? dec(candle.open) : stop, 'buy', market, slippage);
      return undefined;
    }
    case 'limit': {
      const limit = dec(required(order.price, 'price'));
      const limitNum = limit.toNumber();
      if (order.side === 'sell' && candle.high >= limitNum) return candle.open > limitNum ? dec(candle.open) : limit;
      if (order.side === 'buy' && candle.low <= limitNum) return candle.open < limitNum ? dec(candle.open) : limit;
      return undefined;
    }
  }
}

function withSlippage(reference: Decimal, side: OrderSide, market: Market, slippage: number): Decimal {
  const factor = side === 'buy' ? dec(1).plus(slippage) : dec(1).minus(slippage);
  return roundPrice(reference.times(factor), market, side === 'buy' ? 'up' : 'down');
}

function required(value: string | undefined, field: string): string {
  if (value === undefined) throw new Error(`order has no ${field}`);
  return value;
}
