import { dec } from '../../domain/decimal.js';
import type { Decimal } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { floorToStep } from '../../domain/precision.js';
import { stopLimitInCandle } from '../../domain/stopLimit.js';
import type { CrossedCandle } from './CandleTape.js';
import { venueSymbol } from './exchangeInfoBody.js';
import { triggersAt } from './placeOrder.js';
import { settleFill } from './settleFill.js';
import type { SimOrder } from './SimOrder.js';
import type { VenueState } from './VenueState.js';

/**
 * Matches our resting orders of one symbol against one candle that has fully happened,
 * considering only orders placed by the time the candle opened. A fill is dated at the
 * candle's open, as the paper venue dates it.
 * - A stop-loss-limit follows the shared model (`stopLimitInCandle`): triggered when the
 *   candle trades through its stop, it takes the touch within its limit in the same candle
 *   as a taker; past its limit it works as a limit order. With `stopLimitGaps`, one whose
 *   candle opened beyond both its stop and its limit works without filling in that candle.
 * - A take-profit-limit starts working when the candle's trades reach its stop price (a sell
 *   when the high does, a buy when the low does) and then takes as a limit order in the same
 *   candle, paying the taker rate.
 * - A working limit order fills at its own price when the low reaches a buy's price or
 *   the high a sell's, as a maker; with `limitNeedsTradeThrough` the candle must trade
 *   beyond the price, not only touch it.
 * - With partial fills on, an order fills at most its share per candle.
 * `random` gives numbers in [0, 1) for the seeded partial-fill mode.
 */
export function matchCandle(state: VenueState, crossed: CrossedCandle, random: () => number): void {
  const market = [...state.markets.values()].find((m) => m.symbol === crossed.symbol);
  if (!market) return;
  const { candle, closeTime } = crossed;
  const [high, low] = [dec(candle.high), dec(candle.low)];
  for (const order of state.book.open(venueSymbol(market))) {
    if (order.time > candle.openTime) continue;
    let fill: { readonly price: Decimal; readonly taker: boolean } | undefined;
    if (order.type === 'STOP_LOSS_LIMIT') {
      const side = order.side === 'SELL' ? 'sell' : 'buy';
      const wasWorking = order.isWorking;
      const result = stopLimitInCandle({ side, trigger: order.stopPrice, limit: order.price, working: wasWorking }, candle, market, state.spread);
      if (result.working && !wasWorking) {
        order.isWorking = true;
        order.workingTime = closeTime;
        order.updateTime = closeTime;
      }
      const gappedPastLimit = !wasWorking && result.fill !== undefined && !result.fill.taker;
      fill = state.fills.stopLimitGaps && gappedPastLimit ? undefined : result.fill;
    } else {
      let triggeredNow = false;
      if (!order.isWorking) {
        const reachesStop = triggersAt(order.type, order.side, order.stopPrice, order.side === 'SELL' ? high : low);
        if (!reachesStop) continue;
        order.isWorking = true;
        order.workingTime = closeTime;
        order.updateTime = closeTime;
        triggeredNow = true;
      }
      const tradeThrough = state.fills.limitNeedsTradeThrough && !triggeredNow;
      const reached = order.side === 'BUY' ? (tradeThrough ? low.lt(order.price) : low.lte(order.price)) : tradeThrough ? high.gt(order.price) : high.gte(order.price);
      if (reached) fill = { price: order.price, taker: triggeredNow };
    }
    if (!fill) continue;
    const qty = fillQuantity(state, market, order, random);
    settleFill(state, market, order, { price: fill.price, qty, isMaker: !fill.taker, time: candle.openTime });
  }
}

function fillQuantity(state: VenueState, market: Market, order: SimOrder, random: () => number): Decimal {
  const remaining = order.origQty.minus(order.executedQty);
  const partial = state.partialFills;
  if (!partial) return remaining;
  const share = dec(partial.maxFillFractionPerCandle).times(partial.seed === undefined ? 1 : dec(random()).plus(Number.EPSILON));
  const lot = floorToStep(order.origQty.times(share), market.amountStep);
  const atLeastOneStep = lot.lt(market.amountStep) ? dec(market.amountStep) : lot;
  return atLeastOneStep.lt(remaining) ? atLeastOneStep : remaining;
}
