import type { CandleSeries } from '../runtime/backtest/loadCandleFile.js';
import type { BarrierRule } from '../strategy/model/barrierRule.js';
import type { FeatureSet } from '../strategy/model/candleFeatures.js';
import type { ModelCard, ValidationScores } from '../strategy/model/modelCard.js';
import { type LabelledSample, labelledSamples } from './labelledSamples.js';
import { fitLogisticRegression, type LogisticRegressionModel, type LogisticRegressionOptions, predict } from './logisticRegression.js';
import { logisticRegressionOnnx } from './onnxLogisticRegression.js';
import { validationScores } from './validationScores.js';

export const MODEL_INPUT = 'features';
export const MODEL_OUTPUT = 'p_win';

export interface TrainOptions {
  readonly featureSet: FeatureSet;
  readonly rule: BarrierRule;
  /** The later share of the samples, by time, held out for validation. */
  readonly validationFraction: number;
  /** Walk-forward folds scored besides the main split (0: none). */
  readonly folds: number;
  readonly fit: LogisticRegressionOptions;
  readonly now: Date;
}

export interface TrainedModel {
  readonly model: LogisticRegressionModel;
  readonly onnx: Uint8Array;
  readonly card: ModelCard;
  /** The validation rows and the trainer's own pWin for each, which the checkpoint must reproduce. */
  readonly validationRows: readonly Float64Array[];
  readonly validationPredictions: readonly number[];
}

interface Split {
  readonly training: readonly LabelledSample[];
  readonly validation: readonly LabelledSample[];
}

/**
 * Splits by time at `cut`: training takes the samples whose outcome was known before the
 * cut (so no label looks into the validation period), validation those from the cut to
 * `end`. Nothing is shuffled across time.
 */
function splitAt(samples: readonly LabelledSample[], cut: number, end = Infinity): Split {
  return {
    training: samples.filter((s) => s.resolvedBy <= cut),
    validation: samples.filter((s) => s.openTime >= cut && s.openTime < end),
  };
}

function windowOf(samples: readonly LabelledSample[]): { start: string; end: string } {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) throw new RangeError('an empty window');
  return { start: new Date(first.openTime).toISOString(), end: new Date(last.resolvedBy).toISOString() };
}

function score(model: LogisticRegressionModel, validation: readonly LabelledSample[]): { scores: ValidationScores; predictions: number[] } {
  const predictions = validation.map((s) => predict(model, s.features));
  const scores = validationScores(
    predictions,
    validation.map((s) => s.label),
  );
  const first = validation[0];
  const last = validation.at(-1);
  if (first === undefined || last === undefined) throw new RangeError('no validation samples');
  return { scores: { window: { start: new Date(first.openTime).toISOString(), end: new Date(last.openTime).toISOString() }, ...scores }, predictions };
}

function fit(training: readonly LabelledSample[], options: TrainOptions): LogisticRegressionModel {
  return fitLogisticRegression(
    training.map((s) => s.features),
    training.map((s) => s.label),
    options.fit,
  );
}

/** Time at the given share of the sorted samples. */
function timeAt(samples: readonly LabelledSample[], share: number): number {
  const sample = samples[Math.min(samples.length - 1, Math.floor(samples.length * share))];
  if (sample === undefined) throw new RangeError('no samples');
  return sample.openTime;
}

export function trainModel(series: readonly CandleSeries[], options: TrainOptions): TrainedModel {
  const bySeries = series.map((s) => ({ series: s, samples: labelledSamples(s, options.featureSet, options.rule) }));
  const samples = bySeries.flatMap((s) => s.samples).sort((a, b) => a.openTime - b.openTime);
  const minimum = 50;
  if (samples.length < minimum) throw new RangeError(`only ${samples.length} labelled samples in the data; at least ${minimum} are needed`);

  const split = splitAt(samples, timeAt(samples, 1 - options.validationFraction));
  if (split.training.length === 0 || split.validation.length === 0) throw new RangeError('the time split left no training or no validation samples');
  const model = fit(split.training, options);
  const { scores, predictions } = score(model, split.validation);

  // Expanding walk-forward: fold k trains on blocks 0..k and validates on block k + 1.
  const folds = Array.from({ length: options.folds }, (_unused, k) => {
    const cut = timeAt(samples, (k + 1) / (options.folds + 1));
    const end = k + 1 === options.folds ? Infinity : timeAt(samples, (k + 2) / (options.folds + 1));
    const fold = splitAt(samples, cut, end);
    if (fold.training.length === 0 || fold.validation.length === 0) throw new RangeError(`walk-forward fold ${k + 1} has no training or no validation samples: use fewer folds`);
    return { trainingWindow: windowOf(fold.training), validation: score(fit(fold.training, options), fold.validation).scores };
  });

  const { featureSet, rule } = options;
  const card: ModelCard = {
    format: 'serverless-trader/model-card@1',
    createdAt: options.now.toISOString(),
    featureSet: { id: featureSet.id, version: featureSet.version, names: [...featureSet.names] },
    input: MODEL_INPUT,
    output: MODEL_OUTPUT,
    scaling: { where: 'onnx-graph', mean: [...model.mean], deviation: [...model.deviation] },
    label: {
      kind: 'triple-barrier',
      rule,
      description:
        `1 when a long entered at the candle's close reaches close + ${rule.targetAtr} × ATR${14} (high) before close − ${rule.stopAtr} × ATR14 (low) ` +
        `within ${rule.maxAgeCandles} candles; a candle touching both counts as the stop; 0 otherwise`,
    },
    data: bySeries.map(({ series: s, samples: rows }) => ({ file: s.file, symbol: s.symbol, timeframe: s.timeframe, samples: rows.length })),
    trainingWindow: windowOf(split.training),
    trainingSamples: split.training.length,
    model: { kind: 'logistic-regression', ...options.fit },
    validation: scores,
    folds,
  };
  const onnx = logisticRegressionOnnx({ inputName: MODEL_INPUT, outputName: MODEL_OUTPUT, ...model });
  return { model, onnx, card, validationRows: split.validation.map((s) => s.features), validationPredictions: predictions };
}
