import type { Plan } from '../../domain/plan.js';

/** One resolved prediction: the pWin a plan carried and whether its target came first. */
export interface ResolvedPrediction {
  readonly pWin: number;
  readonly won: boolean;
  readonly closedAt: number;
}

/** One of the ten equal-width bins of predicted probability, [0, 0.1) … [0.9, 1]. */
export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Means over the bin; null when it is empty. */
  readonly meanPredicted: number | null;
  readonly realizedRate: number | null;
}

export interface CalibrationScore {
  /** Resolved predictions scored: the newest `window` of them. */
  readonly outcomes: number;
  readonly brier: number | null;
  readonly logLoss: number | null;
  /** Expected calibration error: Σ (bin count / outcomes) × |mean predicted − realized rate|. */
  readonly ece: number | null;
  readonly predictedHitRate: number | null;
  readonly realizedHitRate: number | null;
  readonly bins: readonly CalibrationBin[];
}

export const CALIBRATION_BINS = 10;

/** Keeps log-loss finite for a prediction of exactly 0 or 1 that went the other way (scikit-learn's choice). */
const EPSILON = 1e-15;

/**
 * The plan's outcome against its pWin, "target before stop": a target exit won; a stop,
 * trailing stop or max-age exit did not reach the target first. A flatten (or a plan not
 * closed, or without pWin) resolves nothing, since the market did not decide it.
 */
export function resolvedPrediction(plan: Plan): ResolvedPrediction | undefined {
  if (plan.pWin === undefined || plan.status !== 'closed' || plan.closedAt === undefined) return undefined;
  switch (plan.exitReason) {
    case 'target':
      return { pWin: plan.pWin, won: true, closedAt: plan.closedAt };
    case 'stop':
    case 'trailing_stop':
    case 'max_age':
      return { pWin: plan.pWin, won: false, closedAt: plan.closedAt };
    default:
      return undefined;
  }
}

/** Scores the newest `window` resolved plans that carried a pWin, live or shadow alike. */
export function scoreCalibration(plans: Iterable<Plan>, window: number): CalibrationScore {
  const resolved: ResolvedPrediction[] = [];
  for (const plan of plans) {
    const prediction = resolvedPrediction(plan);
    if (prediction !== undefined) resolved.push(prediction);
  }
  resolved.sort((a, b) => a.closedAt - b.closedAt);
  return scorePredictions(resolved.slice(Math.max(0, resolved.length - window)));
}

export function scorePredictions(predictions: readonly ResolvedPrediction[]): CalibrationScore {
  const n = predictions.length;
  const counts = new Array<number>(CALIBRATION_BINS).fill(0);
  const predictedSums = new Array<number>(CALIBRATION_BINS).fill(0);
  const wins = new Array<number>(CALIBRATION_BINS).fill(0);
  let squared = 0;
  let logLoss = 0;
  let predicted = 0;
  let realized = 0;
  for (const { pWin, won } of predictions) {
    const y = won ? 1 : 0;
    const clipped = Math.min(Math.max(pWin, EPSILON), 1 - EPSILON);
    squared += (pWin - y) ** 2;
    logLoss -= won ? Math.log(clipped) : Math.log(1 - clipped);
    predicted += pWin;
    realized += y;
    // 1.0 belongs to the last bin.
    const bin = Math.min(Math.floor(pWin * CALIBRATION_BINS), CALIBRATION_BINS - 1);
    counts[bin] = (counts[bin] ?? 0) + 1;
    predictedSums[bin] = (predictedSums[bin] ?? 0) + pWin;
    wins[bin] = (wins[bin] ?? 0) + y;
  }
  const bins = counts.map((count, index): CalibrationBin => ({
    from: index / CALIBRATION_BINS,
    to: (index + 1) / CALIBRATION_BINS,
    count,
    meanPredicted: count === 0 ? null : (predictedSums[index] ?? 0) / count,
    realizedRate: count === 0 ? null : (wins[index] ?? 0) / count,
  }));
  if (n === 0) return { outcomes: 0, brier: null, logLoss: null, ece: null, predictedHitRate: null, realizedHitRate: null, bins };
  let ece = 0;
  for (const bin of bins) if (bin.count > 0) ece += (bin.count / n) * Math.abs((bin.meanPredicted ?? 0) - (bin.realizedRate ?? 0));
  return { outcomes: n, brier: squared / n, logLoss: logLoss / n, ece, predictedHitRate: predicted / n, realizedHitRate: realized / n, bins };
}
