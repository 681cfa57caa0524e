import { timeframeMs } from '../domain/candle.js';
import { ArrayCandleWindow } from '../domain/candleWindow.js';
import type { CandleSeries } from '../runtime/backtest/loadCandleFile.js';
import { type BarrierRule, barrierLevels, tripleBarrierLabel } from '../strategy/model/barrierRule.js';
import { FEATURE_ATR_PERIOD, type FeatureSet, meanTrueRange } from '../strategy/model/candleFeatures.js';

/** One training row: the features at a candle's close and its triple-barrier outcome. */
export interface LabelledSample {
  readonly openTime: number;
  /** When the outcome was known at the latest: the close of the max-age candle. */
  readonly resolvedBy: number;
  readonly features: Float64Array;
  readonly label: 0 | 1;
}

/**
 * Every candle of a series that has a full feature window behind it and a known outcome
 * ahead, within one gap-free run: a window never spans a gap, as in the bot, and a label
 * never looks across one. Features are rounded to float32, what the checkpoint is fed.
 */
export function labelledSamples(series: CandleSeries, featureSet: FeatureSet, rule: BarrierRule): LabelledSample[] {
  const { candles } = series;
  const step = timeframeMs(series.timeframe);
  const samples: LabelledSample[] = [];
  const row = new Float32Array(featureSet.names.length);
  let runStart = 0;
  while (runStart < candles.length) {
    let runEnd = runStart;
    while (runEnd + 1 < candles.length && (candles[runEnd + 1]?.openTime ?? 0) - (candles[runEnd]?.openTime ?? 0) === step) runEnd++;
    const window = new ArrayCandleWindow(candles, runStart, runStart);
    for (let t = runStart + featureSet.lookback - 1; t <= runEnd; t++) {
      window.moveTo(Math.max(runStart, t + 1 - featureSet.lookback), t + 1);
      if (!featureSet.compute(window, row)) continue;
      const close = window.last().close;
      const atr = meanTrueRange(window, FEATURE_ATR_PERIOD);
      if (!(atr > 0)) continue;
      const label = tripleBarrierLabel(candles, t, barrierLevels(close, atr, rule), rule, runEnd);
      if (label === undefined) break;
      const openTime = window.last().openTime;
      samples.push({ openTime, resolvedBy: openTime + (rule.maxAgeCandles + 1) * step, features: Float64Array.from(row), label });
    }
    runStart = runEnd + 1;
  }
  return samples;
}
