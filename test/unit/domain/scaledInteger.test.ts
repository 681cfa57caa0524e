import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitCount } from '../../../lib/domain/scaledInteger.js';

const printedDigits = (u: bigint): number => (u < 0n ? -u : u).toString().length;

describe('digitCount', () => {
  it('counts the digits of integers of every length, as printing them does', () => {
    const integer = fc.tuple(fc.boolean(), fc.stringMatching(/^[1-9][0-9]{0,600}$/)).map(([negative, digits]) => BigInt(`${negative ? '-' : ''}${digits}`));
    fc.assert(
      fc.property(integer, (u) => {
        expect(digitCount(u)).toBe(printedDigits(u));
      }),
      { numRuns: 2_000 },
    );
  });

  // A double rounds 99…9 up to the next power of ten, and 10^n for n > 22 is not exact:
  // the estimate from log10 is one off on either side there.
  it('is exact at each power of ten and just below it, up to 600 digits', () => {
    for (let n = 0; n <= 600; n++) {
      const power = 10n ** BigInt(n);
      expect(digitCount(power), `10^${n}`).toBe(n + 1);
      expect(digitCount(-power), `-10^${n}`).toBe(n + 1);
      if (n > 0) expect(digitCount(power - 1n), `10^${n} - 1`).toBe(n);
      expect(digitCount(power + 1n), `10^${n} + 1`).toBe(printedDigits(power + 1n));
    }
    expect(digitCount(0n)).toBe(1);
  });
});
