import { describe, expect, it } from 'vitest';
import { CandleSchema, findCandleProblem, timeframeMs } from '../../../lib/domain/candle.js';

const sound = { openTime: 1516423980000, open: 0.0894, high: 0.0895, low: 0.0891, close: 0.0891, volume: 81.45 };

describe('Function: findCandleProblem', () => {
  it('accepts a real candle and a flat one', () => {
    expect(findCandleProblem(sound)).toBeUndefined();
    expect(findCandleProblem({ ...sound, open: 0.09, high: 0.09, low: 0.09, close: 0.09, volume: 0 })).toBeUndefined();
  });

  it.each([
    [{ open: Number.NaN }, 'open: NaN is not a positive finite price'],
    [{ close: 0 }, 'close: 0 is not a positive finite price'],
    [{ high: Number.POSITIVE_INFINITY }, 'high: Infinity is not a positive finite price'],
    [{ volume: -1 }, 'volume: -1 is not a non-negative number'],
    [{ openTime: 1.5 }, 'openTime: not a non-negative integer'],
    [{ low: 0.08935 }, 'low: above open or close'],
  ])('names the field of %o', (change, problem) => {
    expect(findCandleProblem({ ...sound, ...change })).toBe(problem);
  });
});

describe('Schema: CandleSchema', () => {
  it('refuses a high below the low with the field named', () => {
    const result = CandleSchema.safeParse({ ...sound, high: 0.089 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['high']);
  });
});

describe('Function: timeframeMs', () => {
  it.each([['1m', 60_000], ['5m', 300_000], ['30m', 1_800_000], ['4h', 14_400_000], ['1d', 86_400_000]] as const)('%s is %d ms', (tf, ms) => {
    expect(timeframeMs(tf)).toBe(ms);
  });
});
