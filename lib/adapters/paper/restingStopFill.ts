import type { Candle } from '../../domain/candle.js';
import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { Order } from '../../domain/order.js';
import type { QuietBand } from '../../domain/quietBand.js';
import { DEFAULT_STOP_LIMIT_OFFSET, type StopLimitCandle, stopLimitInCandle, stopLimitLevels } from '../../domain/stopLimit.js';

const NOT_TRIGGERED: StopLimitCandle = Object.freeze({ working: false });

/** A stop's trigger and limit, worked out once: its stop price never changes while it rests. */
export interface RestingStopLevels {
  readonly trigger: Decimal;
  readonly limit: Decimal;
  readonly triggerValue: number;
}

/** A paper stop as it rests: once triggered and left as a limit (the market gapped past it), `working`; its levels kept after the first candle. */
export interface RestingStop {
  readonly order: Order;
  working?: boolean;
  stopLevels?: RestingStopLevels;
}

/**
 * A paper stop matched against one candle as the venue's stop-loss-limit, the model the
 * exchange simulator and the backtest share (`stopLimitInCandle`): it triggers on the trade
 * price inside the candle and fills at its limit or better, or stays working as a limit when
 * the market gapped past it. `stopLimitOffset` is how far beyond its trigger the limit rests,
 * as the gateway sends it; `spread` is the venue's, as a decimal.
 */
export function restingStopFill(resting: RestingStop, candle: Candle, market: Market, spread: Decimal, stopLimitOffset = DEFAULT_STOP_LIMIT_OFFSET): StopLimitCandle {
  const { order } = resting;
  const levels = restingStopLevels(resting, market, stopLimitOffset);
  const working = resting.working === true;
  // Most candles of a resting stop do not reach its trigger: answered without building the order's view.
  if (!working && (order.side === 'sell' ? candle.low > levels.triggerValue : candle.high < levels.triggerValue)) return NOT_TRIGGERED;
  return stopLimitInCandle({ side: order.side, trigger: levels.trigger, limit: levels.limit, triggerValue: levels.triggerValue, working }, candle, market, spread);
}

/** The stop's trigger and limit, worked out on first use and kept. */
export function restingStopLevels(resting: RestingStop, market: Market, stopLimitOffset = DEFAULT_STOP_LIMIT_OFFSET): RestingStopLevels {
  let levels = resting.stopLevels;
  if (levels === undefined) {
    const { trigger, limit } = stopLimitLevels(resting.order.side, resting.order.stopPrice ?? '0', stopLimitOffset, market);
    levels = { trigger, limit, triggerValue: trigger.toNumber() };
    resting.stopLevels = levels;
  }
  return levels;
}

/**
 * The band a candle must stay inside to leave every one of `orders` resting (a low above each
 * sell stop's trigger, a high below each buy stop's, as restingStopFill tests a candle);
 * undefined when one may act on any candle: not a stop, or a stop already triggered and working.
 */
export function restingQuietBand(orders: readonly RestingStop[], market: Market, stopLimitOffset = DEFAULT_STOP_LIMIT_OFFSET): QuietBand | undefined {
  let lowAbove = Number.NEGATIVE_INFINITY;
  let highBelow = Number.POSITIVE_INFINITY;
  for (const resting of orders) {
    if (resting.order.type !== 'stop_market' || resting.working === true) return undefined;
    const { triggerValue } = restingStopLevels(resting, market, stopLimitOffset);
    if (resting.order.side === 'sell') lowAbove = Math.max(lowAbove, triggerValue);
    else highBelow = Math.min(highBelow, triggerValue);
  }
  return { lowAbove, highBelow };
}
