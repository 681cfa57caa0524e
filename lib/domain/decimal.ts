import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one decimal type for money. 40 significant digits hold any realistic balance
 * (1e12 units) to 1e-28, far below a satoshi; half-even rounding avoids a drift
 * in long sums. Exponent limits keep toString() in plain notation for ledger rows.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export type DecimalInput = Decimal | string | number;

export const ZERO = new Decimal(0);

export function dec(value: DecimalInput): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/** Sum of decimal strings or decimals, exactly. */
export function sum(values: Iterable<DecimalInput>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(dec(v));
  return total;
}

/** A plain decimal string without a trailing exponent, as the ledger stores it. */
export function toDecimalString(value: DecimalInput): string {
  return dec(value).toFixed();
}

export function isDecimalString(value: string): boolean {
  return /^-?(?:\d+)(?:\.\d+)?$/.test(value);
}
