import { Decimal, fromScaledInteger } from './decimal.js';

/** Powers of ten a double holds exactly, for roundedDouble. */
const DOUBLE_POWERS_OF_TEN: readonly number[] = Array.from({ length: 16 }, (_, n) => 10 ** n);

/**
 * A positive double rounded to `places` decimals (floor, ceiling or half-even), as
 * `dec(value).toDecimalPlaces(places, rm)` gives it, worked out in doubles: undefined
 * unless they settle it, the scaled value lying clear of the rounding boundary by far more
 * than the few parts in 10^16 a double and its shortest text can differ by. A proposal's
 * levels are doubles rounded to a tick this way, most of them without printing or parsing.
 */
export function roundedDouble(value: number, places: number, rm: typeof Decimal.ROUND_FLOOR | typeof Decimal.ROUND_CEIL | typeof Decimal.ROUND_HALF_EVEN): Decimal | undefined {
  const power = DOUBLE_POWERS_OF_TEN[places];
  if (power === undefined || !(value > 0) || value === Number.POSITIVE_INFINITY) return undefined;
  const scaled = value * power;
  const whole = Math.floor(scaled);
  const fraction = scaled - whole;
  const margin = Math.max(1, scaled) * 1e-12;
  // Near a whole unit the text may hold fewer places (no rounding at all) or fall on the other side.
  if (!(fraction > margin && fraction < 1 - margin)) return undefined;
  let units: number;
  if (rm === Decimal.ROUND_FLOOR) units = whole;
  else if (rm === Decimal.ROUND_CEIL) units = whole + 1;
  else if (Math.abs(fraction - 0.5) > margin) units = fraction < 0.5 ? whole : whole + 1;
  else return undefined;
  return units === 0 ? undefined : fromScaledInteger(BigInt(units), places);
}
