import { describe, expect, it } from 'vitest';
import { describeWinner } from '../../../../lib/runtime/optimize/describeWinner.js';
import type { RankedTrial } from '../../../../lib/runtime/optimize/summarizeSearch.js';

const metrics = (score: number, trades: number) => ({ score, returnPct: 0, sharpe: score, maxDrawdownPct: 0, trades, candles: 1000 });

function winner(trades: readonly [number, number][]): RankedTrial {
  return {
    id: 4,
    params: { 'strategy.fastPeriod': 9 },
    inSampleScore: 0.5,
    outOfSampleScore: -0.25,
    folds: trades.map(([inSample, outOfSample], fold) => ({ fold, inSample: metrics(0.5, inSample), outOfSample: metrics(-0.25, outOfSample) })),
  };
}

describe('Function: describeWinner', () => {
  it('tells the scores in and out of sample with the trades each made over the folds', () => {
    expect(describeWinner(winner([[3, 1], [4, 0]]))).toBe('winner: trial 4, in-sample 0.5000 (7 trades), out-of-sample -0.2500 (1 trades): {"strategy.fastPeriod":9}');
  });

  it('says so when the winner never traded in sample: standing aside is nothing to promote', () => {
    const [line, warning] = describeWinner(winner([[0, 0], [0, 2]])).split('\n');
    expect(line).toContain('in-sample 0.5000 (0 trades), out-of-sample -0.2500 (2 trades)');
    expect(warning).toBe('the winner never traded in sample: standing aside beat every trial that traded; nothing here is worth promoting');
  });
});
