import { Decimal, dec, type DecimalInput } from './decimal.js';
import { roundedDouble } from './roundedDouble.js';
import type { Market } from './market.js';

type Rounding = typeof Decimal.ROUND_FLOOR | typeof Decimal.ROUND_CEIL | typeof Decimal.ROUND_HALF_EVEN;

/** Decimal places of a step that is a power of ten at or below 1 (0.001 → 3), else undefined; by the step's text. */
const placesByStep = new Map<string, number | undefined>();
/** The same for a step given as a decimal (a market's parsed figures): by the value itself, not printed again. */
const placesByDecimal = new WeakMap<Decimal, number | undefined>();

function powerOfTenPlaces(step: DecimalInput): number | undefined {
  if (typeof step === 'object') {
    if (placesByDecimal.has(step)) return placesByDecimal.get(step);
    const places = placesOf(step);
    placesByDecimal.set(step, places);
    return places;
  }
  const key = typeof step === 'string' ? step : String(step);
  if (placesByStep.has(key)) return placesByStep.get(key);
  const places = placesOf(dec(step));
  if (placesByStep.size > 1_024) placesByStep.clear();
  placesByStep.set(key, places);
  return places;
}

function placesOf(step: Decimal): number | undefined {
  const places = step.decimalPlaces();
  return step.lte(1) && step.eq(new Decimal(10).pow(-places)) ? places : undefined;
}

/**
 * Rounds to a multiple of `step`. Market steps are nearly always powers of ten, where
 * rounding to decimal places is exact and avoids a division; other steps divide. A step
 * given as text (a market's) is looked up by that text, without parsing it.
 */
function toStep(value: DecimalInput, step: DecimalInput, rounding: Rounding): Decimal {
  const places = powerOfTenPlaces(step);
  if (places !== undefined) return (typeof value === 'number' ? roundedDouble(value, places, rounding) : undefined) ?? dec(value).toDecimalPlaces(places, rounding);
  const s = dec(step);
  const units = dec(value).dividedBy(s);
  const whole = units.toDecimalPlaces(0, rounding);
  return whole.times(s);
}

/** Rounds down to a multiple of `step`: an amount never grows past the budget. */
export function floorToStep(value: DecimalInput, step: DecimalInput): Decimal {
  return toStep(value, step, Decimal.ROUND_FLOOR);
}

export function ceilToStep(value: DecimalInput, step: DecimalInput): Decimal {
  return toStep(value, step, Decimal.ROUND_CEIL);
}

export function nearestStep(value: DecimalInput, step: DecimalInput): Decimal {
  return toStep(value, step, Decimal.ROUND_HALF_EVEN);
}

/** Rounds a price to the market's tick; the caller names the direction that is safe for its use. */
export function roundPrice(price: DecimalInput, market: Market, direction: 'down' | 'up' | 'nearest'): Decimal {
  if (direction === 'down') return floorToStep(price, market.priceStep);
  if (direction === 'up') return ceilToStep(price, market.priceStep);
  return nearestStep(price, market.priceStep);
}

/**
 * The least amount the market takes in one order at `price`: its minimum amount, or the
 * amount whose cost reaches its minimum cost (rounded up to the step), whichever is more.
 * What a plan holds below it can never be sold: it is dust.
 */
export function smallestSellable(market: Market, price: DecimalInput): Decimal {
  const minAmount = dec(market.minAmount);
  const reference = dec(price);
  if (!reference.isFinite() || reference.lte(0)) return minAmount;
  return Decimal.max(minAmount, ceilToStep(dec(market.minCost).dividedBy(reference), market.amountStep));
}
