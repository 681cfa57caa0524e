import { describe, expect, it } from 'vitest';
import { validationScores } from '../../../lib/training/validationScores.js';

describe('Function: validationScores', () => {
  it('scores a hand-computed example exactly', () => {
    const scores = validationScores([0.9, 0.2, 0.6, 0.2], [1, 0, 0, 1]);

    // Brier: (0.01 + 0.04 + 0.36 + 0.64) / 4.
    expect(scores.brier).toBeCloseTo(0.2625, 12);
    // Log-loss: −(ln 0.9 + ln 0.8 + ln 0.4 + ln 0.2) / 4.
    expect(scores.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.2)) / 4, 12);
    // Positive pairs above negatives: (0.9 > 0.2, 0.9 > 0.6, 0.2 = 0.2 half, 0.2 < 0.6) = 2.5 of 4.
    expect(scores.auc).toBe(0.625);
    expect(scores.baseRate).toBe(0.5);
    expect(scores.calibration[2]).toEqual({ lower: 0.2, upper: 0.3, count: 2, meanPredicted: 0.2, observedRate: 0.5 });
    expect(scores.calibration[9]).toEqual({ lower: 0.9, upper: 1, count: 1, meanPredicted: 0.9, observedRate: 1 });
    expect(scores.calibration[0]).toEqual({ lower: 0, upper: 0.1, count: 0, meanPredicted: null, observedRate: null });
  });

  it('has no AUC when one class is missing', () => {
    expect(validationScores([0.3, 0.4], [1, 1]).auc).toBeNull();
  });
});
