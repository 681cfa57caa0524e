import { Decimal as DecimalJs } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, approximateNumber, dec, sum } from '../../../lib/domain/decimal.js';

/**
 * The money type against the library it replaced, decimal.js, configured as it was: every
 * operation, on random values, gives the same value, the same strings and the same sign of
 * zero. Three precisions: the ledger's 40 digits, the exact comparisons' 100, and 6, where
 * nearly every result rounds.
 */
const settings = (precision: number) => ({ precision, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
const contexts = [40, 100, 6].map((precision) => ({
  precision,
  // At 40 digits, the app's own Decimal; the others are clones, as sizing's exact comparisons use.
  ours: precision === 40 ? Decimal : Decimal.clone({ precision }),
  theirs: DecimalJs.clone(settings(precision)),
}));

type Ours = Decimal;
type Theirs = InstanceType<typeof DecimalJs>;

/** Plain decimal strings: up to 50 digits, up to 30 of them after the point, signs, zeros, trailing zeros. */
const plainText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,25}$/), fc.option(fc.stringMatching(/^[0-9]{1,30}$/), { nil: undefined }))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);

/** What callers hand over: plain strings, floats of every size (−0, NaN, ±Infinity), safe integers, exponent strings. */
const input = fc.oneof(
  { weight: 5, arbitrary: plainText },
  { weight: 3, arbitrary: fc.double({ noNaN: false }) },
  { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: -1e9, max: 1e9 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, '0', '-0', '0.000', '-0.00', '1e-7', '2.5E+3', '.5', '5.', '+3.25', 'NaN', 'Infinity', '-Infinity', Number.MAX_SAFE_INTEGER, 1e21, 1e-7) },
);

function same(ours: Ours, theirs: Theirs, label: string): void {
  expect(ours.toString(), `${label} toString`).toBe(theirs.toString());
  expect(ours.valueOf(), `${label} valueOf`).toBe(theirs.valueOf());
  expect(ours.isNegative(), `${label} isNegative`).toBe(theirs.isNegative());
  expect(ours.isNaN(), `${label} isNaN`).toBe(theirs.isNaN());
  if (theirs.isFinite()) expect(ours.toFixed(), `${label} toFixed`).toBe(theirs.toFixed());
}

// DECIMAL_RUNS=20000 for a soak run; CI keeps it short.
const RUNS = { numRuns: Number(process.env.DECIMAL_RUNS ?? 400) };

describe('Decimal against decimal.js', () => {
  for (const { precision, ours: Ours, theirs: Theirs } of contexts) {
    describe(`precision ${precision}`, () => {
      it('parses what decimal.js parses, to the same value and text', () => {
        fc.assert(
          fc.property(input, (value) => {
            same(new Ours(value), new Theirs(value), String(value));
          }),
          RUNS,
        );
      });

      it('adds, subtracts, multiplies, divides and takes remainders alike, rounding each result the same way', () => {
        fc.assert(
          fc.property(input, input, (x, y) => {
            const a = new Ours(x);
            const b = new Theirs(x);
            same(a.plus(y), b.plus(y), `${x} + ${y}`);
            same(a.minus(y), b.minus(y), `${x} - ${y}`);
            same(a.times(y), b.times(y), `${x} * ${y}`);
            same(a.dividedBy(y), b.dividedBy(y), `${x} / ${y}`);
            same(a.mod(y), b.mod(y), `${x} mod ${y}`);
          }),
          RUNS,
        );
      });

      it('compares alike, ±0 equal and NaN unordered', () => {
        fc.assert(
          fc.property(input, input, (x, y) => {
            const a = new Ours(x);
            const b = new Theirs(x);
            const label = `${x} vs ${y}`;
            expect(a.comparedTo(y), label).toBe(b.comparedTo(y));
            expect([a.eq(y), a.gt(y), a.gte(y), a.lt(y), a.lte(y)], label).toEqual([b.eq(y), b.gt(y), b.gte(y), b.lt(y), b.lte(y)]);
            same(Ours.max(x, y), Theirs.max(x, y), `max ${label}`);
            same(Ours.min(x, y), Theirs.min(x, y), `min ${label}`);
          }),
          RUNS,
        );
      });

      it('rounds to decimal places and prints fixed places alike, in every rounding mode', () => {
        fc.assert(
          fc.property(input, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 6 }), (x, places, mode) => {
            const a = new Ours(x);
            const b = new Theirs(x);
            const label = `${x} to ${places} places, mode ${mode}`;
            same(a.toDecimalPlaces(places, mode), b.toDecimalPlaces(places, mode as DecimalJs.Rounding), label);
            same(a.toDecimalPlaces(places), b.toDecimalPlaces(places), `${label} (default mode)`);
            expect(a.toFixed(places, mode), label).toBe(b.toFixed(places, mode as DecimalJs.Rounding));
            expect(a.toFixed(places), label).toBe(b.toFixed(places));
          }),
          RUNS,
        );
      });

      it('answers the predicates and the unary operations alike', () => {
        fc.assert(
          fc.property(input, fc.integer({ min: -4, max: 4 }), (x, exponent) => {
            const a = new Ours(x);
            const b = new Theirs(x);
            const label = String(x);
            expect([a.isZero(), a.isFinite(), a.isInteger(), a.isPositive(), a.decimalPlaces()], label).toEqual([b.isZero(), b.isFinite(), b.isInteger(), b.isPositive(), b.decimalPlaces()]);
            expect(Object.is(a.toNumber(), b.toNumber()), `${label} toNumber`).toBe(true);
            same(a.abs(), b.abs(), `|${label}|`);
            same(a.negated(), b.negated(), `-${label}`);
            // decimal.js rounds a negative power's reciprocal only to a few digits beyond the precision before rounding it again.
            if (a.isFinite() && !a.isZero() && a.abs().toFixed().replace(/[.0]/g, '').length <= 12) same(a.pow(exponent), b.pow(exponent), `${label}^${exponent}`);
          }),
          RUNS,
        );
      });
    });
  }

  it('keeps values of another precision at their own rounding in mixed arithmetic', () => {
    const Wide = Decimal.clone({ precision: 100 });
    const third = new Wide(1).dividedBy(3);
    expect(third.toFixed().length).toBe(102);
    expect(new Decimal(1).dividedBy(3).toFixed()).toBe(`0.${'3'.repeat(40)}`);
    expect(dec(third).times(3).toFixed()).toBe(`0.${'9'.repeat(100)}`);
    expect(third.times(2) instanceof Wide && new Decimal(1) instanceof Wide && third instanceof Decimal).toBe(true);
  });

  it('refuses what is not a number, naming it', () => {
    expect(() => new Decimal('12abc')).toThrow('[DecimalError] Invalid argument: 12abc');
    expect(() => new Decimal('')).toThrow('[DecimalError] Invalid argument: ');
    expect(() => new Decimal('1.2.3')).toThrow('[DecimalError] Invalid argument: 1.2.3');
    expect(() => new Decimal(1).toDecimalPlaces(2, 7)).toThrow('rounding mode 7');
    expect(() => Decimal.clone({ precision: 0 })).toThrow('precision');
    // Held as plain integers: a billion-digit number would hang the process, so it is refused.
    expect(() => new Decimal('1e999999999')).toThrow('exponent out of range (±10000): 1e999999999');
    expect(() => new Decimal('1e-999999999')).toThrow('exponent out of range');
    expect(new Decimal('1.5e-300').times('2e300').toFixed()).toBe('3');
  });

  it('sums decimal strings exactly where floats drift', () => {
    expect(sum(['0.1', '0.2', '0.3']).toFixed()).toBe('0.6');
    expect(sum(Array.from({ length: 10 }, () => '0.00000001')).toFixed()).toBe('0.0000001');
  });

  it('gives a double within a few parts in 10^16 of the value, and the exact one where toNumber is', () => {
    fc.assert(
      fc.property(input, (value) => {
        const exact = new Decimal(value).toNumber();
        const approximate = approximateNumber(new Decimal(value));
        if (!Number.isFinite(exact) || exact === 0) expect(Object.is(approximate, exact)).toBe(true);
        else expect(Math.abs(approximate - exact) / Math.abs(exact)).toBeLessThan(1e-15);
      }),
      RUNS,
    );
    expect(approximateNumber(new Decimal(`${'9'.repeat(45)}.5`))).toBe(1e45);
    expect(approximateNumber(new Decimal('1e-5000'))).toBe(0);
  });
});
