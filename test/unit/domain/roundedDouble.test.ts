import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, dec } from '../../../lib/domain/decimal.js';
import { roundedDouble } from '../../../lib/domain/roundedDouble.js';

const MODES = [Decimal.ROUND_FLOOR, Decimal.ROUND_CEIL, Decimal.ROUND_HALF_EVEN] as const;

/** The exact way: the double's shortest text, parsed, then rounded. */
function exactly(value: number, places: number, rm: (typeof MODES)[number]): string {
  return dec(value).toDecimalPlaces(places, rm).toFixed();
}

describe('Function: roundedDouble', () => {
  it('gives what the exact way gives, or leaves the value to it: random doubles, prices on and off the tick, and values a hair from a boundary', () => {
    const price = fc.double({ min: 1e-9, max: 1e7, noNaN: true, noDefaultInfinity: true });
    // k/10^p ± a few units in the last place: the texts that sit on or beside a boundary.
    const nearBoundary = fc
      .tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 10 }), fc.constantFrom(0, 0.5), fc.integer({ min: -3, max: 3 }))
      .map(([units, places, half, ulps]) => {
        const value = (units + half) / 10 ** places;
        return value + ulps * Number.EPSILON * value;
      })
      .filter((value) => value > 0);
    let settled = 0;
    fc.assert(
      fc.property(fc.oneof(price, nearBoundary), fc.integer({ min: 0, max: 12 }), fc.constantFrom(...MODES), (value, places, rm) => {
        const fast = roundedDouble(value, places, rm);
        if (fast === undefined) return;
        settled++;
        expect(fast.toFixed()).toBe(exactly(value, places, rm));
        expect(fast.eq(dec(exactly(value, places, rm)))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    // Not vacuous: most of the random doubles (half the cases) are settled in doubles.
    expect(settled).toBeGreaterThan(5_000);
  });

  it('leaves to the exact way what doubles cannot settle: a text already on the step, an exact half, zero, a negative, infinity, too many places', () => {
    expect(roundedDouble(0.07, 8, Decimal.ROUND_FLOOR)).toBeUndefined();
    expect(roundedDouble(0.125, 2, Decimal.ROUND_HALF_EVEN)).toBeUndefined();
    expect(roundedDouble(0, 8, Decimal.ROUND_FLOOR)).toBeUndefined();
    expect(roundedDouble(-0.123456789, 8, Decimal.ROUND_FLOOR)).toBeUndefined();
    expect(roundedDouble(Number.POSITIVE_INFINITY, 8, Decimal.ROUND_CEIL)).toBeUndefined();
    expect(roundedDouble(0.123456789, 16, Decimal.ROUND_FLOOR)).toBeUndefined();
    // Settled: a satoshi price with one digit too many.
    expect(roundedDouble(0.071234567, 8, Decimal.ROUND_FLOOR)?.toFixed()).toBe('0.07123456');
    expect(roundedDouble(0.071234567, 8, Decimal.ROUND_CEIL)?.toFixed()).toBe('0.07123457');
    expect(roundedDouble(0.071234567, 8, Decimal.ROUND_HALF_EVEN)?.toFixed()).toBe('0.07123457');
  });
});
