import type { Candle } from '../../domain/candle.js';
import { dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import type { Order } from '../../domain/order.js';
import { DEFAULT_STOP_LIMIT_OFFSET, type StopLimitCandle, stopLimitInCandle, stopLimitLevels } from '../../domain/stopLimit.js';

/**
 * A paper stop (once triggered, `working`) matched against one candle as the venue's stop-loss-limit, the model the
 * exchange simulator and the backtest share (`stopLimitInCandle`): it triggers on the trade
 * price inside the candle and fills at its limit or better, or stays working as a limit when
 * the market gapped past it. `stopLimitOffset` is how far beyond its trigger the limit rests,
 * as the gateway sends it.
 */
export function restingStopFill(order: Order, working: boolean, candle: Candle, market: Market, slippagePct: number, stopLimitOffset = DEFAULT_STOP_LIMIT_OFFSET): StopLimitCandle {
  const { trigger, limit } = stopLimitLevels(order.side, order.stopPrice ?? '0', stopLimitOffset, market);
  return stopLimitInCandle({ side: order.side, trigger, limit, working }, candle, market, dec(slippagePct));
}
