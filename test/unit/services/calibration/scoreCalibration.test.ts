import { describe, expect, it } from 'vitest';
import type { ExitReason, Plan } from '../../../../lib/domain/plan.js';
import { scoreCalibration } from '../../../../lib/services/calibration/scoreCalibration.js';
import { livePlan } from '../risk/riskFixtures.js';

function closed(id: string, pWin: number | undefined, exitReason: ExitReason, closedAt: number): Plan {
  return livePlan({ id, status: 'closed', exitReason, closedAt, ...(pWin !== undefined ? { pWin } : {}) });
}

/**
 * Hand-computed: (0.9, won), (0.9, lost), (0.2, lost), (0.6, won).
 * Brier (0.01 + 0.81 + 0.04 + 0.16) / 4 = 0.255; log-loss −ln(0.9 × 0.1 × 0.8 × 0.6) / 4 = −ln(0.0432) / 4;
 * ECE: bin 0.9: 2/4 × |0.9 − 0.5| = 0.2, bin 0.2: 1/4 × 0.2 = 0.05, bin 0.6: 1/4 × 0.4 = 0.1, total 0.35;
 * predicted 2.6 / 4 = 0.65, realized 2 / 4 = 0.5.
 */
const PLANS: Plan[] = [
  closed('old', 0.1, 'target', 1),
  closed('a', 0.9, 'target', 10),
  closed('b', 0.9, 'stop', 11),
  closed('flattened', 0.7, 'flatten', 12),
  closed('no-pwin', undefined, 'target', 13),
  livePlan({ id: 'open', pWin: 0.5 }),
  closed('c', 0.2, 'max_age', 14),
  closed('d', 0.6, 'target', 15),
];

describe('Function: scoreCalibration', () => {
  it('scores the newest resolved plans with exact Brier, log-loss, ECE and hit rates', () => {
    const score = scoreCalibration(PLANS, 4);

    expect(score.outcomes).toBe(4);
    expect(score.brier).toBeCloseTo(0.255, 12);
    expect(score.logLoss).toBeCloseTo(-Math.log(0.0432) / 4, 12);
    expect(score.logLoss).toBeCloseTo(0.78547870, 7);
    expect(score.ece).toBeCloseTo(0.35, 12);
    expect(score.predictedHitRate).toBeCloseTo(0.65, 12);
    expect(score.realizedHitRate).toBe(0.5);
  });

  it('fills the reliability bins with their counts, mean prediction and realized rate', () => {
    const { bins } = scoreCalibration(PLANS, 4);

    expect(bins).toHaveLength(10);
    expect(bins.filter((b) => b.count > 0).map((b) => [b.from, b.count, b.meanPredicted, b.realizedRate])).toEqual([
      [0.2, 1, 0.2, 0],
      [0.6, 1, 0.6, 1],
      [0.9, 2, 0.9, 0.5],
    ]);
  });

  it('takes in the older outcome once the window reaches it', () => {
    // (0.1, won) joins: 5 outcomes, Brier (1.02 + 0.81) / 5
    expect(scoreCalibration(PLANS, 5).brier).toBeCloseTo(1.83 / 5, 12);
  });

  it('gives no figures and empty bins without a resolved plan', () => {
    const score = scoreCalibration([livePlan({ pWin: 0.5 })], 100);
    expect(score).toMatchObject({ outcomes: 0, brier: null, logLoss: null, ece: null, predictedHitRate: null, realizedHitRate: null });
    expect(score.bins.every((b) => b.count === 0)).toBe(true);
  });

  it('puts a pWin of exactly 1 in the last bin and keeps log-loss finite when it loses', () => {
    const score = scoreCalibration([closed('sure', 1, 'stop', 1)], 10);
    expect(score.bins[9]?.count).toBe(1);
    // −ln(1 − (1 − 1e-15)), about 34.5 (1 − 1e-15 is not exact in a double)
    expect(score.logLoss).toBeGreaterThan(34);
    expect(score.logLoss).toBeLessThan(35);
  });
});
