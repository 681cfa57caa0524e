import { describe, expect, it } from 'vitest';
import { downsampleEquity } from '../../../../../lib/runtime/backtest/report/downsampleEquity.js';
import { maxDrawdownPct } from '../../../../../lib/runtime/backtest/report/metrics.js';
import { curveOf } from './sampleResult.js';

/** A deterministic wavy curve with one deep dip and one spike buried in the middle. */
function wavyCurve(length: number): number[] {
  let seed = 7;
  const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const values = Array.from({ length }, (_, i) => 1000 + 50 * Math.sin(i / 500) + random() * 5);
  values[33_333] = 612.5;
  values[71_717] = 1444.25;
  return values;
}

describe('Function: downsampleEquity', () => {
  it('keeps a short curve whole', () => {
    const points = downsampleEquity(curveOf([1, 2, 3]));
    expect(points).toEqual([
      [Date.UTC(2024, 0, 1), 1],
      [Date.UTC(2024, 0, 1) + 60_000, 2],
      [Date.UTC(2024, 0, 1) + 120_000, 3],
    ]);
  });

  it('thins a long curve to at most 2000 points, in time order', () => {
    const points = downsampleEquity(curveOf(wavyCurve(100_000)));
    expect(points.length).toBeLessThanOrEqual(2000);
    expect(points.length).toBeGreaterThan(1900);
    for (let i = 1; i < points.length; i++) expect(points[i]![0]).toBeGreaterThan(points[i - 1]![0]);
  });

  it('keeps the global minimum and maximum, the first and the last point', () => {
    // Prepare
    const values = wavyCurve(100_000);
    const curve = curveOf(values);

    // Act
    const kept = downsampleEquity(curve).map(([, e]) => e);

    // Assess
    expect(Math.min(...kept)).toBe(612.5);
    expect(Math.max(...kept)).toBe(1444.25);
    expect(kept[0]).toBe(values[0]);
    expect(kept.at(-1)).toBe(values.at(-1));
  });

  it('keeps the maximum drawdown exactly', () => {
    const curve = curveOf(wavyCurve(100_000));
    const kept = Float64Array.from(downsampleEquity(curve), ([, e]) => e);
    expect(maxDrawdownPct(kept, kept.length)).toBe(maxDrawdownPct(curve.equity, curve.length));
  });

  it('honours a smaller limit', () => {
    const points = downsampleEquity(curveOf(wavyCurve(100_000)), 100);
    expect(points.length).toBeLessThanOrEqual(100);
  });
});
