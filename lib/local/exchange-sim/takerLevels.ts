import { type Decimal, dec } from '../../domain/decimal.js';
import type { Market } from '../../domain/market.js';
import { floorToStep } from '../../domain/precision.js';
import type { OrderSide } from './SimOrder.js';
import type { VenueState } from './VenueState.js';

/** One price level a taker order fills at, and how much it takes there. */
export interface TakerFill {
  readonly price: Decimal;
  readonly qty: Decimal;
}

/**
 * The fills a taker order of `quantity` would get now: the whole quantity at the touch
 * without a depth model; with one, level by level away from the touch (never past
 * `limitPrice`), each level holding its share of the last closed candle's volume in whole
 * lots, until the quantity or the levels run out.
 */
export function takerLevels(state: VenueState, market: Market, side: OrderSide, touch: Decimal, quantity: Decimal, limitPrice: Decimal | undefined): TakerFill[] {
  const beyondLimit = (price: Decimal) => limitPrice !== undefined && (side === 'BUY' ? price.gt(limitPrice) : price.lt(limitPrice));
  const depth = state.fills.marketDepth;
  if (!depth) return beyondLimit(touch) ? [] : [{ price: touch, qty: quantity }];
  const volume = dec(state.tape.lastClosed(market.symbol, state.now())?.volume ?? 0);
  const perLevel = floorToStep(volume.times(depth.levelVolumeFraction), market.amountStep);
  const fills: TakerFill[] = [];
  let left = quantity;
  for (let level = 0; level < depth.levels && left.gt(0) && perLevel.gt(0); level++) {
    const offset = dec(market.priceStep).times(depth.levelTicks * level);
    const price = side === 'BUY' ? touch.plus(offset) : touch.minus(offset);
    if (price.lte(0) || beyondLimit(price)) break;
    const qty = left.lt(perLevel) ? left : perLevel;
    fills.push({ price, qty });
    left = left.minus(qty);
  }
  return fills;
}
