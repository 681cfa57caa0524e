import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../lib/domain/candle.js';
import { tripleBarrierLabel } from '../../../lib/strategy/model/barrierRule.js';

const RULE = { stopAtr: 1, targetAtr: 2, maxAgeCandles: 3 };
const LEVELS = { stop: 99, target: 102 };

function bars(...ranges: [low: number, high: number][]): Candle[] {
  const entry = { openTime: 0, open: 100, high: 100, low: 100, close: 100, volume: 1 };
  return [entry, ...ranges.map(([low, high], i) => ({ openTime: (i + 1) * 60_000, open: 100, high, low, close: 100, volume: 1 }))];
}

describe('Function: tripleBarrierLabel', () => {
  it('is 1 when the target is reached before the stop', () => {
    expect(tripleBarrierLabel(bars([99.5, 101], [99.5, 102]), 0, LEVELS, RULE, 2)).toBe(1);
  });

  it('is 0 when the stop comes first, or when one candle touches both', () => {
    expect(tripleBarrierLabel(bars([99, 101], [99.5, 103]), 0, LEVELS, RULE, 2)).toBe(0);
    expect(tripleBarrierLabel(bars([98, 103]), 0, LEVELS, RULE, 1)).toBe(0);
  });

  it('is 0 when neither is reached within the max age, even if the target comes later', () => {
    expect(tripleBarrierLabel(bars([99.5, 101], [99.5, 101], [99.5, 101], [99.5, 105]), 0, LEVELS, RULE, 4)).toBe(0);
  });

  it('is unknown when the run ends before the outcome', () => {
    expect(tripleBarrierLabel(bars([99.5, 101], [99.5, 101], [99.5, 101]), 0, LEVELS, RULE, 2)).toBeUndefined();
  });
});
