import type { Decimal } from '../../domain/decimal.js';

/** The venue writes amounts and prices with 8 decimal places ("1.00000000"); finer values keep all their digits. */
export function venueDecimal(value: Decimal): string {
  return value.decimalPlaces() > 8 ? value.toFixed() : value.toFixed(8);
}
