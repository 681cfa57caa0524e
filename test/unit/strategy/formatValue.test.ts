import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../lib/strategy/atrLongProposal.js';

describe('Function: formatValue', () => {
  it.each([
    [0.0375, '0.0375'],
    [0.84073807123, '0.84073807'],
    [12345678.9, '12345679'],
    [123456789, '123456790'],
    [1e21, '1e+21'],
    [1.234e-6, '0.000001234'],
    [9.99999999e-7, '0.000001'],
    [1e-7, '1e-7'],
    [-0.5, '-0.5'],
    [-1e-12, '-1e-12'],
    [-0, '0'],
    [0, '0'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
  ])('writes %s as %s: eight significant digits, no trailing zeros, as JavaScript prints the rounded number', (value, text) => {
    expect(formatValue(value)).toBe(text);
    expect(formatValue(value)).toBe(String(Number(value.toPrecision(8))));
  });
});
