import type { CalibrationBin } from '../strategy/model/modelCard.js';

const EPSILON = 1e-15;
const BINS = 10;

export interface Scores {
  readonly samples: number;
  readonly baseRate: number;
  readonly brier: number;
  readonly logLoss: number;
  readonly auc: number | null;
  readonly calibration: CalibrationBin[];
}

/**
 * Brier score, log-loss (probabilities clipped to [1e-15, 1 − 1e-15]), ROC AUC (the
 * Mann–Whitney statistic, ties counted half) and a 10-bin calibration table, bins
 * [0, 0.1), …, [0.9, 1].
 */
export function validationScores(predicted: readonly number[], labels: readonly (0 | 1)[]): Scores {
  const n = predicted.length;
  if (n === 0) throw new RangeError('no validation samples');
  let brier = 0;
  let logLoss = 0;
  let positives = 0;
  const bins = Array.from({ length: BINS }, () => ({ count: 0, predicted: 0, hits: 0 }));
  for (let i = 0; i < n; i++) {
    const p = predicted[i] as number;
    const y = labels[i] as 0 | 1;
    positives += y;
    brier += (p - y) ** 2;
    const clipped = Math.min(1 - EPSILON, Math.max(EPSILON, p));
    logLoss -= y === 1 ? Math.log(clipped) : Math.log(1 - clipped);
    const bin = bins[Math.min(BINS - 1, Math.floor(p * BINS))] as { count: number; predicted: number; hits: number };
    bin.count++;
    bin.predicted += p;
    bin.hits += y;
  }
  return {
    samples: n,
    baseRate: positives / n,
    brier: brier / n,
    logLoss: logLoss / n,
    auc: rocAuc(predicted, labels, positives),
    calibration: bins.map((bin, i) => ({
      lower: i / BINS,
      upper: (i + 1) / BINS,
      count: bin.count,
      meanPredicted: bin.count === 0 ? null : bin.predicted / bin.count,
      observedRate: bin.count === 0 ? null : bin.hits / bin.count,
    })),
  };
}

function rocAuc(predicted: readonly number[], labels: readonly (0 | 1)[], positives: number): number | null {
  const negatives = predicted.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const order = predicted.map((p, i) => ({ p, y: labels[i] as 0 | 1 })).sort((a, b) => a.p - b.p);
  // Sum of the positives' ranks, tied predictions sharing their mean rank.
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.p === order[i]?.p) j++;
    const meanRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (order[k]?.y === 1) rankSum += meanRank;
    i = j + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
