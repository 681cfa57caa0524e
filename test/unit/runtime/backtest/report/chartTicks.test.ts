import { describe, expect, it } from 'vitest';
import { timeTicks, valueTicks } from '../../../../../lib/runtime/backtest/report/chartTicks.js';

describe('Function: valueTicks', () => {
  it('picks round steps of 1, 2 or 5 × 10^k inside the range', () => {
    expect(valueTicks(0.9712, 1.0231)).toEqual({ values: [0.98, 0.99, 1, 1.01, 1.02], decimals: 2 });
    expect(valueTicks(-52.3, 0)).toEqual({ values: [-50, -40, -30, -20, -10, 0], decimals: 0 });
    expect(valueTicks(9500, 12_100)).toEqual({ values: [9500, 10_000, 10_500, 11_000, 11_500, 12_000], decimals: 0 });
  });

  it('gives one tick for an empty range', () => {
    expect(valueTicks(5, 5).values).toEqual([5]);
  });
});

describe('Function: timeTicks', () => {
  it('puts ticks on whole UTC hours for a day of minutes', () => {
    const from = Date.UTC(2024, 0, 1, 0, 7);
    const to = Date.UTC(2024, 0, 1, 23, 59);
    const ticks = timeTicks(from, to);
    expect(ticks.wholeDays).toBe(false);
    expect(ticks.values.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['06:00', '12:00', '18:00']);
  });

  it('puts ticks on UTC midnights for a month', () => {
    const ticks = timeTicks(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 31));
    expect(ticks.wholeDays).toBe(true);
    expect(ticks.values.length).toBeLessThanOrEqual(6);
    for (const t of ticks.values) expect(t % 86_400_000).toBe(0);
  });
});
