import { Decimal, dec, type DecimalInput } from './decimal.js';
import type { Market } from './market.js';

/** Rounds down to a multiple of `step`: an amount never grows past the budget. */
export function floorToStep(value: DecimalInput, step: DecimalInput): Decimal {
  const s = dec(step);
  return dec(value).dividedBy(s).floor().times(s);
}

export function ceilToStep(value: DecimalInput, step: DecimalInput): Decimal {
  const s = dec(step);
  return dec(value).dividedBy(s).ceil().times(s);
}

export function nearestStep(value: DecimalInput, step: DecimalInput): Decimal {
  const s = dec(step);
  return dec(value).dividedBy(s).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).times(s);
}

/** Rounds a price to the market's tick; the caller names the direction that is safe for its use. */
export function roundPrice(price: DecimalInput, market: Market, direction: 'down' | 'up' | 'nearest'): Decimal {
  if (direction === 'down') return floorToStep(price, market.priceStep);
  if (direction === 'up') return ceilToStep(price, market.priceStep);
  return nearestStep(price, market.priceStep);
}
