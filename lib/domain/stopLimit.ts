import type { Candle } from './candle.js';
import { type Decimal, dec } from './decimal.js';
import type { Market } from './market.js';
import { ceilToStep, floorToStep } from './precision.js';
import { quoteAround } from './venueQuote.js';

/** How far beyond its trigger a stop's limit goes by default (below for a sell): the gateway's and the paper venue's. */
export const DEFAULT_STOP_LIMIT_OFFSET = 0.005;

/**
 * A stop as the venue takes it, a stop-loss-limit: the trigger rounded to the tick towards the
 * market (the loss never grows past the one the plan was sized on), the limit `offset` beyond
 * it and rounded away from the market, so a small gap still fills.
 */
export function stopLimitLevels(side: 'buy' | 'sell', stopPrice: string | Decimal, offset: number, market: Market): { trigger: Decimal; limit: Decimal } {
  const sell = side === 'sell';
  const trigger = sell ? ceilToStep(stopPrice, market.priceStep) : floorToStep(stopPrice, market.priceStep);
  const factor = dec(1).plus(sell ? -offset : offset);
  const limit = sell ? floorToStep(trigger.times(factor), market.priceStep) : ceilToStep(trigger.times(factor), market.priceStep);
  return { trigger, limit };
}

export interface RestingStopLimit {
  readonly side: 'buy' | 'sell';
  readonly trigger: Decimal;
  readonly limit: Decimal;
  /** Triggered on an earlier candle and left as a limit order (the market gapped past its limit). */
  readonly working: boolean;
  /** `trigger` as a number, when the caller keeps it: compared with every candle. */
  readonly triggerValue?: number;
}

export interface StopLimitCandle {
  /** The order works as a limit from now on. */
  readonly working: boolean;
  readonly fill?: { readonly price: Decimal; readonly taker: boolean };
}

/**
 * One candle against a stop-loss-limit that rested before it opened: the one fill model of the
 * exchange simulator and the paper venue (so `npm start` and the backtest agree). The candle
 * triggers it when it trades through the trigger (a sell when the low reaches it), at the
 * trigger, or at the open when it opened beyond it. The limit it becomes then takes the
 * touch (the bid for a sell, quoted around that price with the venue's `spread`) when the
 * touch is within the limit, as a taker, inside this candle. Past the limit it rests in the
 * book, and fills at its own price as a maker once a candle comes back to it.
 */
export function stopLimitInCandle(order: RestingStopLimit, candle: Candle, market: Market, spread: Decimal): StopLimitCandle {
  const sell = order.side === 'sell';
  if (!order.working) {
    const trigger = order.triggerValue ?? order.trigger.toNumber();
    if (sell ? candle.low > trigger : candle.high < trigger) return NOT_TRIGGERED;
    const from = sell ? (candle.open < trigger ? dec(candle.open) : order.trigger) : candle.open > trigger ? dec(candle.open) : order.trigger;
    const { bid, ask } = quoteAround(market, from, spread);
    const touch = sell ? bid : ask;
    if (sell ? touch.gte(order.limit) : touch.lte(order.limit)) return { working: true, fill: { price: touch, taker: true } };
  }
  const reached = sell ? dec(candle.high).gte(order.limit) : dec(candle.low).lte(order.limit);
  return reached ? { working: true, fill: { price: order.limit, taker: false } } : WORKING;
}

const NOT_TRIGGERED: StopLimitCandle = Object.freeze({ working: false });
const WORKING: StopLimitCandle = Object.freeze({ working: true });
