import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../../../lib/domain/errors.js';
import {
  drawdownSeries,
  maxDrawdownPct,
  periodsPerYear,
  sharpeRatio,
  totalReturnPct,
  winRatePct,
} from '../../../../../lib/runtime/backtest/report/metrics.js';

const f64 = (values: number[]): Float64Array => Float64Array.from(values);

describe('Function: maxDrawdownPct', () => {
  it('measures the largest fall from a peak as a percentage of that peak', () => {
    // Prepare: falls are 120→90 (25 %) and 130→65 (50 %)
    const equity = f64([100, 120, 90, 130, 65]);

    // Act & Assess
    expect(maxDrawdownPct(equity, equity.length)).toBe(50);
  });

  it('is 0 for a curve that never falls', () => {
    const equity = f64([100, 100, 101, 150]);
    expect(maxDrawdownPct(equity, equity.length)).toBe(0);
  });

  it('reads only the first `length` points', () => {
    const equity = f64([100, 80, 10]);
    expect(maxDrawdownPct(equity, 2)).toBe(20);
  });

  it('is 0 for an empty curve', () => {
    expect(maxDrawdownPct(new Float64Array(0), 0)).toBe(0);
  });
});

describe('Function: drawdownSeries', () => {
  it('gives each point its distance below the running peak, in negative percent', () => {
    const equity = f64([100, 120, 90, 130, 65]);
    expect(Array.from(drawdownSeries(equity, equity.length))).toEqual([0, 0, -25, 0, -50]);
  });
});

describe('Function: sharpeRatio', () => {
  it('is 0 for a constant curve', () => {
    const equity = f64([100, 100, 100, 100]);
    expect(sharpeRatio(equity, equity.length, 525_600)).toBe(0);
  });

  it('is 0 with fewer than two returns', () => {
    expect(sharpeRatio(f64([100, 110]), 2, 365)).toBe(0);
    expect(sharpeRatio(f64([100]), 1, 365)).toBe(0);
  });

  it('annualises the mean over the sample standard deviation of simple returns', () => {
    // Prepare: returns are +10 %, −10 %, +10 %
    const equity = f64([100, 110, 99, 108.9]);
    // mean = 0.1/3 = 1/30; sample variance = ((2/30)² + (4/30)² + (2/30)²) / 2 = 1/75
    // mean / stdev = sqrt(75) / 30; × sqrt(4 periods a year) = sqrt(75) / 15 = 1/sqrt(3)
    const expected = 1 / Math.sqrt(3);

    // Act
    const sharpe = sharpeRatio(equity, equity.length, 4);

    // Assess
    expect(sharpe).toBeCloseTo(expected, 12);
  });

  it('is negative for a losing curve', () => {
    const equity = f64([100, 90, 85, 70]);
    expect(sharpeRatio(equity, equity.length, 365)).toBeLessThan(0);
  });
});

describe('Function: winRatePct', () => {
  it('counts only strictly positive PnLs as wins, however small', () => {
    const trades = [{ realizedPnl: '0.00000001' }, { realizedPnl: '0' }, { realizedPnl: '-0.00000001' }, { realizedPnl: '12.5' }];
    expect(winRatePct(trades)).toBe(50);
  });

  it('rounds a repeating share to 4 decimals', () => {
    const trades = [{ realizedPnl: '0.00000001' }, { realizedPnl: '0.0' }, { realizedPnl: '-3' }];
    expect(winRatePct(trades)).toBe(33.3333);
  });

  it('is 0 without trades', () => {
    expect(winRatePct([])).toBe(0);
  });
});

describe('Function: totalReturnPct', () => {
  it('computes the return exactly and rounds to 4 decimals', () => {
    // (0.98765 − 1) / 1 × 100 = −1.235
    expect(totalReturnPct('1', '0.98765')).toBe(-1.235);
    // 1/3 gain: 33.33333… → 33.3333
    expect(totalReturnPct('3', '4')).toBe(33.3333);
  });

  it('does not suffer float error on amounts that floats cannot hold', () => {
    // in floats (0.7 − 0.1) / 0.1 × 100 is 599.9999999999999
    expect(totalReturnPct('0.1', '0.7')).toBe(600);
    // 0.00001 / 0.1 = 0.0001 → 0.01 %
    expect(totalReturnPct('0.1', '0.10001')).toBe(0.01);
  });

  it('is 0 when the starting equity is zero', () => {
    expect(totalReturnPct('0', '5')).toBe(0);
  });
});

describe('Function: periodsPerYear', () => {
  it('counts equity points in a 365-day year, one every interval', () => {
    expect(periodsPerYear(60_000)).toBe(525_600);
    expect(periodsPerYear(5 * 60_000)).toBe(105_120);
    expect(periodsPerYear(3_600_000)).toBe(8760);
    expect(periodsPerYear(86_400_000)).toBe(365);
  });

  it.each([0, -60_000, Number.NaN, Number.POSITIVE_INFINITY])('rejects an interval of %s ms', (intervalMs) => {
    expect(() => periodsPerYear(intervalMs)).toThrow(InvalidInputError);
  });
});
